"""Violation reports in the API: triage metadata for rights officers and content-free statistics.

Report content is never served by the API: it is encrypted, and only a rights officer's
unlocked browser session holds the key that opens it (docs/violations.md). Every other role,
administrators included, gets 403 on the list and 404 on a report, exactly as for a missing one.
"""

from django.http import Http404
from ninja import Router, Schema, Status

from integra.accounts import roles
from integra.api.auth import StaffToken
from integra.api.permissions import requires, requires_role
from integra.api.schemas import Error
from integra.centres.models import Institution
from integra.core.audit import as_actor, log_read
from integra.violations import services
from integra.violations.forms import TriageForm
from integra.violations.models import Report

router = Router(tags=["violations"], auth=StaffToken())


class ReportOut(Schema):
    reference: str
    category: str
    city: str
    institution_kind: str
    status: str
    channel: str
    contact_by: str
    submitted_on: str
    closed_on: str | None
    referred_to: str | None


class TriageIn(Schema):
    status: str
    referred_to: str | None = None


class CountRow(Schema):
    key: str
    count: int | None


class StatisticsOut(Schema):
    total: int
    by_category: list[CountRow]
    by_city: list[CountRow]
    by_institution_kind: list[CountRow]
    by_month: list[CountRow]
    by_status: list[CountRow]
    by_channel: list[CountRow]


def report_out(report: Report) -> dict:
    return {
        "reference": report.reference,
        "category": report.category,
        "city": report.city,
        "institution_kind": report.institution_kind,
        "status": report.status,
        "channel": report.channel,
        "contact_by": report.contact_by,
        "submitted_on": report.submitted_on.isoformat(),
        "closed_on": report.closed_on.isoformat() if report.closed_on else None,
        "referred_to": report.referred_to.slug if report.referred_to else None,
    }


def _officer_report(user, reference: str) -> Report:
    if not user.has_role(roles.RIGHTS_OFFICER):
        raise Http404
    report = Report.objects.select_related("referred_to").filter(reference=reference).first()
    if report is None:
        raise Http404
    return report


@router.get("/reports", response={200: list[ReportOut], 401: Error, 403: Error}, summary="Reports (rights officers)")
@requires_role(roles.RIGHTS_OFFICER)
def list_reports(request, status: str = ""):
    reports = Report.objects.select_related("referred_to")
    if status:
        reports = reports.filter(status=status)
    return [report_out(r) for r in reports[:500]]


@router.get(
    "/reports/{reference}",
    response={200: ReportOut, 401: Error, 404: Error},
    summary="One report's triage data",
)
@requires_role(roles.RIGHTS_OFFICER, hide=True)
def get_report(request, reference: str):
    report = _officer_report(request.auth, reference)
    with as_actor(request.auth):
        log_read(report)
    return report_out(report)


@router.patch(
    "/reports/{reference}",
    response={200: ReportOut, 400: Error, 401: Error, 404: Error, 422: Error},
    summary="Change a report's status or referral (rights officers)",
)
@requires_role(roles.RIGHTS_OFFICER, hide=True)
def patch_report(request, reference: str, payload: TriageIn):
    report = _officer_report(request.auth, reference)

    referred = None
    if payload.referred_to:
        referred = Institution.objects.filter(slug=payload.referred_to).values_list("pk", flat=True).first()
    form = TriageForm({"status": payload.status, "referred_to": referred or ""})
    if not form.is_valid() or (payload.referred_to and referred is None):
        errors = [f"{field}: {' '.join(msgs)}" for field, msgs in form.errors.items()] or ["referred_to: unknown"]
        return Status(422, {"detail": "; ".join(errors)})
    with as_actor(request.auth):
        services.report_triage(
            report=report, status=form.cleaned_data["status"], referred_to=form.cleaned_data["referred_to"]
        )
    report.refresh_from_db()
    return report_out(report)


@router.get("/statistics", response={200: StatisticsOut, 401: Error, 403: Error}, summary="Counts without content")
@requires("violations.view_report_statistics")
def statistics(request):
    user = request.auth
    return services.statistics(minimum_cell=0 if user.has_role(roles.RIGHTS_OFFICER) else 3)
