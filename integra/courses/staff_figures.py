"""The staff "Course figures" page: managers see their centres, coordinators the whole network.

Counts of 1 or 2 are shown as "fewer than 3" to everyone but the network's roles, so that a learner cannot
be recognised from a small group (a share is then not shown either)."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core.permissions import requires
from integra.courses.figures import SMALL, Counts, course_figures
from integra.courses.forms import FiguresForm


def _count(n: int, mask: bool) -> str:
    return _("fewer than 3") if mask and 0 < n < SMALL else str(n)


def _share(value: int | None, base: int, mask: bool) -> str:
    if value is None or (mask and base < SMALL):
        return "–"
    return f"{value} %"


def cells(counts: Counts, *, mask: bool) -> list[str]:
    """One table row: enrolled, started, completed, dropped out, waiting, attendance rate, improved ≥ 1 level."""
    return [
        _count(counts.enrolled, mask),
        _count(counts.started, mask),
        _count(counts.completed, mask),
        _count(counts.dropped_out, mask),
        _count(counts.waiting, mask),
        _share(counts.attendance_rate, counts.enrolled, mask),
        _("%(improved)s of %(assessed)s (%(share)s)")
        % {
            "improved": _count(counts.improved, mask),
            "assessed": _count(counts.assessed, mask),
            "share": _share(counts.improved_share, counts.assessed, mask),
        },
    ]


@requires("courses.view_course_figures")
def figures(request):
    form = FiguresForm(request.GET or None, user=request.user)
    today = timezone.localdate()
    date_from, date_to, centre = today - timedelta(days=364), today, None
    if form.is_bound and form.is_valid():
        date_from = form.cleaned_data.get("date_from") or date_from
        date_to = form.cleaned_data.get("date_to") or date_to
        centre = form.cleaned_data.get("centre")
    result = course_figures(user=request.user, date_from=date_from, date_to=date_to, centre=centre)
    mask = not request.user.is_network_wide
    tables = [
        (title, [(label, cells(counts, mask=mask)) for label, counts in rows]) for title, rows in result.breakdowns
    ]
    progress = [(entry, exit_, _count(n, mask)) for entry, exit_, n in result.progress]
    context = {
        "form": form,
        "figures": result,
        "total": cells(result.total, mask=mask),
        "tables": tables,
        "progress": progress,
        "masked": mask,
    }
    return render(request, "courses/staff/figures.html", context)
