"""The consultations' indicators for the figures app (content-free counts; no note is ever read)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integra.clients.models import Gender
from integra.consultations.models import Consultation
from integra.figures import records
from integra.figures.counting import Scope, count, in_scope, people_records
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group, Unit, quality_check, records_link, register

DEMOGRAPHICS = {B.NATIONALITY: "nationality", B.SEX: "gender", B.AGE_BAND: "age_band", B.LANGUAGE: "language"}
BREAKDOWNS = {**DEMOGRAPHICS, B.TOPIC: "topics", B.CHANNEL: "channel"}
TIME = (B.CENTRE, B.MONTH, B.QUARTER, B.YEAR)


@register(
    code="net.consultations",
    group=Group.NETWORK,
    unit=Unit.CONTACTS,
    name=_("Consultations"),
    definition=_(
        "Every consultation recorded in the period (in person, by phone, online or at an outreach place), "
        "with a client file or anonymous; the anonymous ones are shown apart."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, *BREAKDOWNS),
    labels={B.CHANNEL: Consultation.Channel},
    public=True,
    order=10,
)
def consultations(scope: Scope):
    return count(
        Consultation.objects.all(),
        scope,
        date_field="held_on",
        breakdowns=BREAKDOWNS,
        anonymous=Q(client__isnull=True),
    )


@register(
    code="amif.guidance",
    group=Group.FUNDER,
    unit=Unit.PEOPLE,
    name=_("Participants receiving individual guidance"),
    definition=_(
        "People who had at least one individual consultation in the period, each counted once (by client "
        "file or phone number); anonymous walk-ins are estimated participants, shown apart."
    ),
    source=_("Modelled on the AMIF common output indicator on participants who received individual guidance."),
    breakdowns=(*TIME, *DEMOGRAPHICS, B.CHANNEL),
    labels={B.CHANNEL: Consultation.Channel},
    participants=True,
    order=40,
)
def guidance(scope: Scope):
    return people_records(
        Consultation.objects.all(),
        scope,
        date_field="held_on",
        client="client_id",
        phone="client__phone",
        breakdowns={**DEMOGRAPHICS, B.CHANNEL: "channel"},
    )


# --- Data quality before reporting ------------------------------------------------------------------------


def _consultation_row(consultation):
    from django.urls import reverse

    return f"#{consultation.pk} · {consultation.held_on:%Y-%m-%d}", reverse(
        "consultations_staff:detail", args=[consultation.pk]
    )


@quality_check(
    code="consultations.demographics",
    label=_("Consultations without nationality, sex or age band"),
    row=_consultation_row,
    order=10,
)
def consultations_without_demographics(scope: Scope):
    missing = Q(nationality="") | Q(age_band="") | Q(gender=Gender.UNDISCLOSED)
    return in_scope(Consultation.objects.filter(missing), scope, date_field="held_on").only("pk", "held_on")


@quality_check(code="consultations.topic", label=_("Consultations without a topic"), row=_consultation_row, order=11)
def consultations_without_topic(scope: Scope):
    return in_scope(Consultation.objects.filter(topics__isnull=True), scope, date_field="held_on").only("pk", "held_on")


# --- Links from the figures to the consultations list (issue 18 item 4) ------------------------------------


def consultation_list_urls(scope: Scope, keys) -> dict:
    """The consultations list filtered to the scope's records: by dates, centre, topic or channel."""
    return records.list_urls(
        scope,
        keys,
        url=reverse("consultations_staff:list"),
        filters={
            B.TOPIC: ("topic", records.topic_slugs), B.CHANNEL: ("channel", records.same_key),
            **records.DEMOGRAPHIC_FILTERS,
        },
    )  # fmt: skip


records_link(
    code="net.consultations",
    permission="consultations.view_consultation",
    breakdowns=(*TIME, B.TOPIC, B.CHANNEL, *DEMOGRAPHICS),
)(consultation_list_urls)
records_link(
    code="amif.guidance",
    permission="consultations.view_consultation",
    breakdowns=(*TIME, B.CHANNEL, *DEMOGRAPHICS),
    label=_("See the consultations (one person may have had several)"),
)(consultation_list_urls)
