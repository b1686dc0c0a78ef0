"""Interpreting's indicators for the figures app: requests filled, hours interpreted, people helped.

Only status, language, institution, centre and times are read; notes and reasons stay in the app."""

from datetime import timedelta

from django.db.models import DurationField, ExpressionWrapper, F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integra.centres.models import Institution
from integra.figures import records
from integra.figures.counting import Scope, count, people_records, share
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group, Unit, records_link, register
from integra.interpreting.forms import RequestFilterForm
from integra.interpreting.models import Request, Session

TIME = (B.CENTRE, B.MONTH, B.QUARTER, B.YEAR)
BREAKDOWNS = {B.LANGUAGE: "language", B.INSTITUTION: "institution_id"}
FILLED = Request.FILLED


def asked():
    """Requests that needed an interpreter: those the requester cancelled themselves are left out."""
    return Request.objects.asked()


@register(
    code="net.interpreting_filled",
    group=Group.NETWORK,
    unit=Unit.SHARE,
    name=_("Interpreting requests filled"),
    definition=_(
        "Of the requests for an interpreter or cultural mediator for the period (left out: those the "
        "requester cancelled), those for which an interpreter was confirmed."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, *BREAKDOWNS),
    order=75,
)
def interpreting_filled(scope: Scope):
    return share(asked(), scope, part=Q(status__in=FILLED), date_field="starts_at", breakdowns=BREAKDOWNS)


def _hours(duration: timedelta | None) -> float:
    return round(duration.total_seconds() / 3600, 1) if duration else 0


@register(
    code="net.interpreting_hours",
    group=Group.NETWORK,
    unit=Unit.HOURS,
    name=_("Hours of interpreting"),
    definition=_("Hours of interpreting and cultural mediation logged after the sessions that began in the period."),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, B.LANGUAGE),
    order=76,
)
def interpreting_hours(scope: Scope):
    return count(
        Session.objects.all(),
        scope,
        date_field="started_at",
        centre_field="request__centre",
        breakdowns={B.LANGUAGE: "request__language"},
        measure=Sum(ExpressionWrapper(F("ended_at") - F("started_at"), output_field=DurationField())),
        convert=_hours,
    )


@register(
    code="net.interpreting_people",
    group=Group.NETWORK,
    unit=Unit.PEOPLE,
    name=_("People helped by an interpreter or mediator"),
    definition=_(
        "People for whom an interpreter was confirmed in the period, once each by client file; requests "
        "without a client file (an institution's own reference) are estimated participants."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, B.LANGUAGE),
    participants=True,
    order=77,
)
def interpreting_people(scope: Scope):
    return people_records(
        Request.objects.filled(),
        scope,
        date_field="starts_at",
        client="client_id",
        breakdowns={B.LANGUAGE: "language"},
    )


# --- Links from the figures to the requests list (issue 18 item 4) -----------------------------------------
# By the day the interpreting begins, centre, language and institution (the requests of a centre without an
# institution have no filter of their own: that row has no link). The hours are not linked: the list shows
# requests, not the sessions' hours.


def _institution_slugs(keys) -> dict:
    ids = [int(k) for k in keys if str(k).isdigit()]
    return {str(pk): slug for pk, slug in Institution.objects.filter(pk__in=ids).values_list("pk", "slug")}


def _request_list_urls(counted: str):
    def urls(scope: Scope, keys) -> dict:
        found = records.list_urls(
            scope,
            keys,
            url=reverse("interpreting_staff:list"),
            filters={B.LANGUAGE: ("language", records.same_key), B.INSTITUTION: ("institution", _institution_slugs)},
        )
        return {key: f"{url}&counted={counted}" for key, url in found.items()}

    return urls


records_link(
    code="net.interpreting_filled",
    permission="interpreting.view_request",
    breakdowns=(*TIME, *BREAKDOWNS),
    label=_("See the requests asked for"),
)(_request_list_urls(RequestFilterForm.ASKED))
records_link(
    code="net.interpreting_people",
    permission="interpreting.view_request",
    breakdowns=(*TIME, B.LANGUAGE),
    label=_("See the filled requests (one person may have several)"),
)(_request_list_urls(RequestFilterForm.FILLED))
records_link(
    code="net.interpreting_hours",
    permission="interpreting.view_request",
    breakdowns=(*TIME, B.LANGUAGE),
    label=_("See the sessions held (each shows how long it lasted)"),
)(_request_list_urls(RequestFilterForm.HELD))
