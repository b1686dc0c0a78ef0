"""The events' indicators for the figures app: events held, the people who came, every arrival, and
what they said of it.

People registered and checked in are counted once by phone number; those who came with them, the
walk-ins counted at the door and the people on a paper sign-in sheet are estimated participants, shown
apart. Nationality is known only from the door tally and the paper sheet (when given there); a
registration puts its people in the "not known" row. Places: events count under their organising centre
(an outreach event included); the register has no breakdown by outreach place.

The "was this useful for you?" answers (online cards and the paper cards' tally) carry no identity:
"Yes, useful" answers are estimated participants of the funder's "helpful" indicator."""

from django.db.models import F, Q, Sum
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.events.models import Answer, Event, Feedback, PaperAttendance, PaperFeedback, Registration, TallyCount
from integra.figures import records
from integra.figures.counting import Row, Scope, Value, count, in_scope, people_records, share_of
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group, Unit, quality_check, records_link, register

TIME = (B.CENTRE, B.MONTH, B.QUARTER, B.YEAR)
KIND = {B.EVENT_KIND: "event__kind"}
AT_EVENT = {"date_field": "event__start", "centre_field": "event__centre"}


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
        "number; the people who came with them, the walk-ins counted at the door and the people on a paper "
        "sign-in sheet are estimated."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, B.EVENT_KIND, B.SEX, B.AGE_BAND, B.NATIONALITY),
    labels={B.EVENT_KIND: Event.Kind},
    participants=True,
    order=71,
)
def event_participants(scope: Scope):
    registered = people_records(
        Registration.objects.filter(arrived_at__isnull=False),
        scope,
        **AT_EVENT,
        phone="phone",
        weight=F("adults") + F("children"),
        breakdowns=KIND,
        partial=True,
    )
    demographics = {**KIND, B.SEX: "gender", B.AGE_BAND: "age_band", B.NATIONALITY: "nationality"}
    anonymous = [
        people_records(
            model.objects.filter(count__gt=0),
            scope,
            **AT_EVENT,
            weight=F("count"),
            breakdowns=demographics,
            anonymous_only=True,
        )
        for model in (TallyCount, PaperAttendance)
    ]
    return [registered, *anonymous]


def _added(*parts: tuple[Value, bool]) -> Value:
    """The sum of several values row by row; a part marked True is anonymous through and through."""
    result = Value()
    rows: dict[str, Row] = {}
    for value, anonymous in parts:
        result.total += value.total
        result.anonymous += value.total if anonymous else value.anonymous
        for row in value.rows:
            found = rows.setdefault(row.key, Row(key=row.key, value=0))
            found.value += row.value
            found.anonymous += row.value if anonymous else row.anonymous
    result.rows = sorted(rows.values(), key=lambda r: r.key)
    return result


@register(
    code="net.event_attendances",
    group=Group.NETWORK,
    unit=Unit.CONTACTS,
    name=_("Event attendances"),
    definition=_(
        "Every arrival at an event of the period: a person who came to three events counts three times. "
        "The people registered and checked in with those who came with them, the walk-ins counted at the "
        "door and the people on a paper sign-in sheet; all but the registered person are anonymous."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, B.EVENT_KIND),
    labels={B.EVENT_KIND: Event.Kind},
    order=72,
)
def event_attendances(scope: Scope):
    arrived = Registration.objects.filter(arrived_at__isnull=False)
    named = count(arrived, scope, **AT_EVENT, breakdowns=KIND)
    companions = Greatest(F("adults") + F("children") - 1, 0)
    with_them = count(arrived, scope, **AT_EVENT, breakdowns=KIND, measure=Sum(companions))
    walk_ins = count(TallyCount.objects.all(), scope, **AT_EVENT, breakdowns=KIND, measure=Sum("count"))
    paper = count(PaperAttendance.objects.all(), scope, **AT_EVENT, breakdowns=KIND, measure=Sum("count"))
    return _added((named, False), (with_them, True), (walk_ins, True), (paper, True))


def _answers(scope: Scope, answers: Q) -> Value:
    """Answers to the "was this useful for you?" card about events of the period, online and on paper."""
    online = count(
        Feedback.objects.filter(answers),
        scope,
        **AT_EVENT,
        breakdowns=KIND,
    )
    paper = count(PaperFeedback.objects.filter(answers), scope, **AT_EVENT, breakdowns=KIND, measure=Sum("count"))
    return _added((online, True), (paper, True))


YES = Q(answer=Answer.YES)


@register(
    code="net.event_useful",
    group=Group.NETWORK,
    unit=Unit.SHARE,
    name=_("Event participants who found it useful"),
    definition=_(
        'Answers "Yes, useful" to the card "Was this event useful for you?" (online or on paper) out of all '
        'the answers about events of the period; "Partly" is not counted as useful.'
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, B.EVENT_KIND),
    labels={B.EVENT_KIND: Event.Kind},
    order=73,
)
def event_useful(scope: Scope):
    return share_of(_answers(scope, YES), _answers(scope, Q()))


@register(
    code="amif.helpful",
    group=Group.FUNDER,
    unit=Unit.PEOPLE,
    name=_("Participants who report that the activity was helpful for their integration"),
    definition=_(
        'People who answered "Yes, useful" to the card "Was this event useful for you?" after an event of the '
        "period, online or on paper. The answers are anonymous, so every one is an estimated participant. "
        "Events only for now: no other activity asks this question yet."
    ),
    source=_(
        "Modelled on the AMIF common result indicator on participants who report that the activity was "
        "helpful for their integration."
    ),
    breakdowns=(*TIME, B.EVENT_KIND),
    labels={B.EVENT_KIND: Event.Kind},
    order=50,
)
def helpful(scope: Scope):
    yes = _answers(scope, YES)
    return Value(
        total=0, anonymous=yes.total, rows=[Row(key=row.key, value=0, anonymous=row.value) for row in yes.rows]
    )


# --- Data quality before reporting ------------------------------------------------------------------------


def _event_row(event):
    from django.urls import reverse

    return f"{event} · {timezone.localtime(event.start):%Y-%m-%d}", reverse("events_staff:detail", args=[event.pk])


@quality_check(
    code="events.attendance",
    label=_("Events that are over without anyone checked in, counted at the door or on a paper sign-in sheet"),
    row=_event_row,
    order=30,
    stored=False,  # "over" moves with the clock
)
def events_without_attendance(scope: Scope):
    over = Event.objects.filter(end__lte=timezone.now()).exclude(
        Q(registrations__arrived_at__isnull=False) | Q(tally__count__gt=0) | Q(paper_attendance__count__gt=0)
    )
    return in_scope(over, scope, date_field="start").only("pk", "title", "start")


# --- Links from the figures to the events list (issue 18 item 4) -------------------------------------------
# "Events held" links to the organisers' list filtered by the day an event begins, its centre, kind and
# topic. The participants, attendances and answers are not linked: most of them are anonymous counts (the
# door tally, the paper sheets and cards, the people who came with someone), which have no records to list.


@records_link(code="net.events", permission="events.view_event", breakdowns=(*TIME, B.EVENT_KIND, B.TOPIC))
def event_list_urls(scope: Scope, keys) -> dict:
    return records.list_urls(
        scope,
        keys,
        url=reverse("events_staff:list"),
        filters={B.EVENT_KIND: ("kind", records.same_key), B.TOPIC: ("topic", records.topic_slugs)},
    )


EVENTS_LISTED = _("See the events (each event's page lists who came and the door count)")
for _code in ("net.event_participants", "net.event_attendances"):
    records_link(code=_code, permission="events.view_event", breakdowns=(*TIME, B.EVENT_KIND), label=EVENTS_LISTED)(
        event_list_urls
    )
