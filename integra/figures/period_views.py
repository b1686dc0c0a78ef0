"""Closed reporting periods and the funder report's downloads, in the back office.

Coordinators close a period and record corrections (`figures.close_period`); coordinators and centre
managers see the closed periods, a manager only the changes of their centres, small cells suppressed.
A report is made in the request when small, else in the background: the person who asked (or a
coordinator) follows a page that shows the download link when it is ready."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.centres.models import Centre
from integra.core.i18n import pick
from integra.core.permissions import requires
from integra.figures import disclosure, export, labels, registry, services, snapshots
from integra.figures.forms import ExportForm
from integra.figures.models import FigureExport, PeriodSnapshot
from integra.figures.staff_views import PERIOD_FIELDS, _scope


def _back(request) -> str:
    """The dashboard of the period the form was sent from."""
    query = urlencode({key: request.POST[key] for key in PERIOD_FIELDS if request.POST.get(key)})
    return f"{reverse('figures_staff:dashboard')}?{query}"


def _period_query(snapshot: PeriodSnapshot) -> str:
    data = {"period": snapshot.kind, "year": snapshot.start.year}
    if snapshot.kind == PeriodSnapshot.Kind.QUARTER:
        data["quarter"] = (snapshot.start.month - 1) // 3 + 1
    elif snapshot.kind == PeriodSnapshot.Kind.MONTH:
        data["month"] = snapshot.start.month
    return urlencode(data)


# --- Closing a period ----------------------------------------------------------------------------------------


@requires("figures.close_period")
@require_POST
def close(request):
    _form, period, _centres = _scope(request, request.POST)
    if period is None:
        messages.error(request, _("Choose the period to close."))
        return redirect(_back(request))
    try:
        snapshot = snapshots.period_close(period=period, by=request.user)
    except snapshots.PeriodError as error:
        messages.error(request, str(error))
        return redirect(_back(request))
    messages.success(request, _("%(period)s is closed: its figures are kept as version 1.") % {"period": period.label})
    return redirect("figures_staff:period", pk=snapshot.pk)


@requires("figures.close_period")
@require_POST
def correct(request, pk):
    snapshot = get_object_or_404(PeriodSnapshot.objects.defer("figures", "changes"), pk=pk)
    period = _period_of(snapshot)
    try:
        new = snapshots.period_correct(period=period, by=request.user)
    except snapshots.PeriodError as error:
        messages.error(request, str(error))
        return redirect("figures_staff:period", pk=pk)
    if new is None:
        messages.info(request, _("Nothing has changed since the newest version: no new version was made."))
        return redirect("figures_staff:period", pk=pk)
    messages.success(
        request,
        _("The corrections were recorded as version %(n)s; the differences are listed below.") % {"n": new.version},
    )
    return redirect("figures_staff:period", pk=new.pk)


def _period_of(snapshot: PeriodSnapshot):
    from integra.figures.periods import Period  # noqa: PLC0415

    return Period(snapshot.start, snapshot.end, snapshot.kind)


@requires("figures.view_figures")
def periods(request):
    """Every closed period with its newest version."""
    versions: dict = {}
    for snapshot in PeriodSnapshot.objects.defer("figures", "changes").select_related("created_by"):
        versions.setdefault((snapshot.start, snapshot.end), []).append(snapshot)
    rows = []
    for key in sorted(versions, reverse=True):
        ordered = sorted(versions[key], key=lambda s: s.version)
        first, latest = ordered[0], ordered[-1]
        rows.append({"first": first, "latest": latest, "period": _period_of(latest), "query": _period_query(latest)})
    return render(request, "figures/staff/periods.html", {"rows": rows})


@requires("figures.view_figures")
def period(request, pk):
    """A closed period's versions, each with what changed from the one before."""
    snapshot = get_object_or_404(PeriodSnapshot.objects.defer("figures"), pk=pk)
    versions = list(
        PeriodSnapshot.objects.of_period(snapshot.start, snapshot.end)
        .defer("figures")
        .select_related("created_by")
        .order_by("-version")
    )
    exact = services.sees_exact(request.user)
    mine = services.user_centres(request.user)
    keys = None if mine is None else {str(pk) for pk in mine}
    names = {str(c.pk): pick(c.name) for c in Centre.objects.all()}
    names[snapshots.EVERY_CENTRE] = _("Every centre")
    for version in versions:
        version.shown = _changes(version.changes, keys, names, exact)
    return render(
        request,
        "figures/staff/period.html",
        {
            "versions": versions,
            "period": _period_of(snapshot),
            "query": _period_query(snapshot),
            "can_close": request.user.has_perm("figures.close_period"),
            "newest": versions[0],
        },
    )


def _text(indicator, triple, exact: bool) -> str:
    if triple is None:
        return "–"
    total, anonymous, of = triple
    protected = indicator.protected
    if indicator.is_share:
        part, whole, percent = disclosure.share_text(total, of, protected=protected, exact=exact)
        return _("%(part)s of %(whole)s (%(percent)s)") % {
            "part": part.text,
            "whole": whole.text,
            "percent": percent.text,
        }
    decimals = 1 if indicator.unit == registry.Unit.HOURS else 0
    text = disclosure.cell(total, protected=protected, exact=exact, decimals=decimals).text
    if anonymous:
        text += " + " + disclosure.cell(anonymous, protected=protected, exact=exact).text
    return text


def _changes(changes: list, keys: set | None, names: dict, exact: bool) -> list[dict]:
    """The changes of a version the user may see, labelled in the page's language."""
    wanted = [c for c in changes if keys is None or c["scope"] in keys]
    by_breakdown: dict = {}
    for change in wanted:
        if change["breakdown"]:
            by_breakdown.setdefault((change["code"], change["breakdown"]), []).append(change["key"])
    row_names = {}
    for (code, breakdown), row_keys in by_breakdown.items():
        indicator = registry.get(code)
        if indicator is not None:
            row_names[(code, breakdown)] = labels.for_breakdown(indicator, breakdown, row_keys)
    shown = []
    for change in wanted:
        indicator = registry.get(change["code"])
        if indicator is None:
            continue
        breakdown = change["breakdown"]
        old, new = _text(indicator, change["old"], exact), _text(indicator, change["new"], exact)
        if old == new:
            continue  # both hidden as small cells: nothing a manager may see changed
        shown.append(
            {
                "scope": names.get(change["scope"], change["scope"]),
                "indicator": str(indicator.name),
                "breakdown": str(registry.Breakdown(breakdown).label) if breakdown else _("Total"),
                "row": row_names.get((change["code"], breakdown), {}).get(change["key"], change["key"])
                if breakdown
                else "",
                "old": old,
                "new": new,
            }
        )
    return shown


# --- The funder report's files ---------------------------------------------------------------------------------


@requires("figures.view_figures")
@require_POST
def export_request(request):
    """Make the report of the dashboard's period: now when small, else in the background."""
    _form, found, centres = _scope(request, request.POST)
    choice = ExportForm(request.POST)
    if found is None or not choice.is_valid():
        messages.error(request, _("Choose a period, a format and a language for the report."))
        return redirect(_back(request))
    fmt, language = choice.cleaned_data["format"], choice.cleaned_data["language"]
    if export.in_background(fmt, found):
        job = export.export_request(user=request.user, fmt=fmt, language=language, period=found, centres=centres)
        return redirect("figures_staff:export_status", pk=job.pk)
    try:
        content, name, _version = export.render(
            fmt, period=found, centres=centres, exact=services.sees_exact(request.user), language=language
        )
    except export.EmptyReport:
        messages.error(request, _("No records in this period: there is nothing to export."))
        return redirect(_back(request))
    return _attachment(content, name, fmt)


def _attachment(content: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=export.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _export_for(user, pk) -> FigureExport:
    """The report if the user asked for it or is a coordinator; 404 otherwise, as for a missing one."""
    job = FigureExport.objects.defer("content").filter(pk=pk).first()
    if job is None or (job.requested_by_id != user.pk and not services.sees_exact(user)):
        raise Http404
    return job


@requires("figures.view_figures")
def export_status(request, pk):
    job = _export_for(request.user, pk)
    return render(
        request,
        "figures/staff/export.html",
        {"job": job, "period": _period_of(job), "hours": export.settings.FIGURES_EXPORT_HOURS},
    )


@requires("figures.view_figures")
def export_download(request, pk):
    job = _export_for(request.user, pk)
    if job.status != FigureExport.Status.READY:
        raise Http404
    content = FigureExport.objects.values_list("content", flat=True).get(pk=job.pk)
    return _attachment(bytes(content), job.filename, job.format)
