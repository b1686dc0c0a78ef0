"""The events' indicators for the figures app: events held and the people who came.

People registered and checked in are counted once by phone number; those who came with them and the
walk-ins counted at the door (by sex and age band only) are estimated participants, shown apart."""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.events.models import Event, Registration, TallyCount
from integra.figures.counting import Scope, count, in_scope, people_records
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group, Unit, quality_check, register

TIME = (B.CENTRE, B.MONTH, B.QUARTER, B.YEAR)


@register(
    code="net.events",
    group=Group.NETWORK,
    unit=Unit.COUNT,
    name=_("Events held"),
    definition=_(
        "Information days, multicultural meetings, concerts, workshops and community meetings that began in the period."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, B.EVENT_KIND, B.TOPIC),
    labels={B.EVENT_KIND: Event.Kind},
    public=True,
    order=70,
)
def events(scope: Scope):
    return count(Event.objects.all(), scope, date_field="start", breakdowns={B.EVENT_KIND: "kind", B.TOPIC: "topics"})


@register(
    code="net.event_participants",
    group=Group.NETWORK,
    unit=Unit.PEOPLE,
    name=_("Event participants"),
    definition=_(
        "People who came to an event of the period: those registered and checked in, once each by phone "
        "number; the people who came with them and the walk-ins counted at the door are estimated."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, B.EVENT_KIND, B.SEX, B.AGE_BAND),
    labels={B.EVENT_KIND: Event.Kind},
    participants=True,
    order=71,
)
def event_participants(scope: Scope):
    kind = {B.EVENT_KIND: "event__kind"}
    registered = people_records(
        Registration.objects.filter(arrived_at__isnull=False),
        scope,
        date_field="event__start",
        centre_field="event__centre",
        phone="phone",
        weight=F("adults") + F("children"),
        breakdowns=kind,
        partial=True,
    )
    walk_ins = people_records(
        TallyCount.objects.filter(count__gt=0),
        scope,
        date_field="event__start",
        centre_field="event__centre",
        weight=F("count"),
        breakdowns={**kind, B.SEX: "gender", B.AGE_BAND: "age_band"},
        anonymous_only=True,
    )
    return [registered, walk_ins]


# --- Data quality before reporting ------------------------------------------------------------------------


def _event_row(event):
    from django.urls import reverse

    return f"{event} · {timezone.localtime(event.start):%Y-%m-%d}", reverse("events_staff:detail", args=[event.pk])


@quality_check(
    code="events.attendance",
    label=_("Events that are over without anyone checked in or counted at the door"),
    row=_event_row,
    order=30,
)
def events_without_attendance(scope: Scope):
    over = Event.objects.filter(end__lte=timezone.now()).exclude(
        Q(registrations__arrived_at__isnull=False) | Q(tally__count__gt=0)
    )
    return in_scope(over, scope, date_field="start").only("pk", "title", "start")
