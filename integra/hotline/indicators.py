"""The hotline's indicators for the figures app: conversations, callers and call-backs kept on time."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integra.figures import records
from integra.figures.counting import Scope, count, people_records, share
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group, Unit, records_link, register
from integra.hotline.forms import CallBackFilterForm
from integra.hotline.models import Call, CallBack

DEMOGRAPHICS = {B.NATIONALITY: "nationality", B.SEX: "gender", B.AGE_BAND: "age_band", B.LANGUAGE: "language"}
TIME = (B.CENTRE, B.MONTH, B.QUARTER, B.YEAR)


def conversations():
    return Call.objects.filter(kind=Call.Kind.CONVERSATION)


@register(
    code="net.calls",
    group=Group.NETWORK,
    unit=Unit.CONTACTS,
    name=_("Hotline calls"),
    definition=_(
        "Conversations on the hotline in the period (silent, test, wrong-number and abusive calls are not "
        "counted); calls from a withheld number and without a client file are shown apart as anonymous."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, *DEMOGRAPHICS, B.TOPIC),
    order=30,
)
def calls(scope: Scope):
    return count(
        conversations(),
        scope,
        date_field="started_at",
        breakdowns={**DEMOGRAPHICS, B.TOPIC: "topics"},
        anonymous=Q(caller_hash="", client__isnull=True),
    )


@register(
    code="net.callers",
    group=Group.NETWORK,
    unit=Unit.PEOPLE,
    name=_("People helped on the hotline"),
    definition=_(
        "Callers who had a conversation on the hotline in the period, each counted once (by client file or "
        "by the keyed hash of their number); calls from withheld numbers are estimated participants."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, *DEMOGRAPHICS),
    participants=True,
    order=31,
)
def callers(scope: Scope):
    return people_records(
        conversations(),
        scope,
        date_field="started_at",
        client="client_id",
        phone_hash="caller_hash",
        breakdowns=DEMOGRAPHICS,
    )


@register(
    code="net.call_backs_in_target",
    group=Group.NETWORK,
    unit=Unit.SHARE,
    name=_("Call-backs made on time"),
    definition=_(
        "Of the call-backs asked for in the period (cancelled ones left out), those made before the time "
        "promised to the caller."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, B.LANGUAGE),
    order=32,
)
def call_backs_in_target(scope: Scope):
    return share(
        CallBack.objects.exclude(status=CallBack.Status.CANCELLED),
        scope,
        part=CallBack.ON_TIME,
        date_field="created_at",
        breakdowns={B.LANGUAGE: "language"},
    )


# --- Links from the figures to the list of calls (issue 18 item 4) -------------------------------------------
# The conversations by the day the call began, centre, topic and language. Nationality, sex and age band
# are not filters of the list: those rows have no link. "Call-backs made on time" links to the list of every
# call-back, to the share's whole (those asked for on the days, cancelled ones left out), by centre, month,
# quarter, year and language; the list's "made on time" filter shows the part.


def _call_list_urls(scope: Scope, keys) -> dict:
    found = records.list_urls(
        scope,
        keys,
        url=reverse("hotline_staff:calls"),
        filters={B.TOPIC: ("topic", records.topic_slugs), **records.DEMOGRAPHIC_FILTERS},
    )
    return {key: f"{url}&kind={Call.Kind.CONVERSATION}" for key, url in found.items()}


records_link(code="net.calls", permission="hotline.view_call", breakdowns=(*TIME, B.TOPIC, *DEMOGRAPHICS))(
    _call_list_urls
)
records_link(
    code="net.callers",
    permission="hotline.view_call",
    breakdowns=(*TIME, *DEMOGRAPHICS),
    label=_("See the calls (one caller may have called several times)"),
)(_call_list_urls)


def _call_back_list_urls(scope: Scope, keys) -> dict:
    found = records.list_urls(
        scope,
        keys,
        url=reverse("hotline_staff:call_back_list"),
        filters={B.LANGUAGE: ("language", records.same_key)},
    )
    return {key: f"{url}&status={CallBackFilterForm.NOT_CANCELLED}" for key, url in found.items()}


records_link(
    code="net.call_backs_in_target",
    permission="hotline.view_callback",
    breakdowns=(*TIME, B.LANGUAGE),
    label=_("See the call-backs asked for (cancelled ones left out)"),
)(_call_back_list_urls)
