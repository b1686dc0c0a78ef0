"""The public figures page: a few headline numbers per year, small cells suppressed, in every language."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from integra.core.permissions import public
from integra.figures import periods, services

HEADLINES = ("amif.participants", "net.consultations", "net.languages", "net.course_groups", "net.events")
FIRST_YEAR = 2024


@public
def figures(request, year: int | None = None):
    this_year = timezone.localdate().year
    year = year or this_year
    if not FIRST_YEAR <= year <= this_year:
        raise Http404
    shown = services.figures_compute(codes=set(HEADLINES), period=periods.year(year), centres=None, exact=False)
    shown = [f for f in shown if f.indicator.public]
    shown.sort(key=lambda f: HEADLINES.index(f.indicator.code))
    return render(
        request,
        "figures/public/figures.html",
        {"year": year, "figures": shown, "years": range(this_year, FIRST_YEAR - 1, -1)},
    )
