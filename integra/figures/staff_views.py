"""The back office's figures: the dashboard of a period, a page per indicator with its breakdowns, and the
coordinator's page to rename an indicator and set its targets. Coordinators see every centre and exact
numbers; centre managers their centres, with small cells suppressed."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from integra.centres.models import Centre
from integra.core.i18n import pick
from integra.core.permissions import requires
from integra.figures import disclosure, export, registry, services
from integra.figures.counting import Scope
from integra.figures.forms import IndicatorSettingForm, PeriodForm
from integra.figures.models import IndicatorSetting, IndicatorTarget
from integra.figures.presenting import section
from integra.figures.registry import Breakdown


def scope_form(data, choices) -> PeriodForm:
    """The period form, always bound: every field is optional (this year by default)."""
    return PeriodForm(data, centres=choices if len(choices) > 1 else ())


def _scope(request):
    """(form, period or None, centres in scope) from the query string; another centre is a 404."""
    user = request.user
    mine = services.user_centres(user)
    centres = Centre.objects.all() if mine is None else Centre.objects.filter(pk__in=mine)
    choices = [(c.slug, pick(c.name)) for c in centres.order_by("slug")]
    wanted = request.GET.get("centre")
    if wanted and wanted not in dict(choices):
        raise Http404  # another centre's figures, exactly like a centre that does not exist
    form = scope_form(request.GET, choices)
    if not form.is_valid():
        return form, None, mine
    data = form.cleaned_data
    period = data.get("result")
    slug = data.get("centre")
    if slug:
        found = [c.pk for c in centres if c.slug == slug]
        if not found:
            raise Http404
        mine = tuple(found)
    return form, period, mine


@requires("figures.view_figures")
def dashboard(request):
    form, period, centres = _scope(request)
    exact = services.sees_exact(request.user)
    figures = []
    monthly = None
    warnings = []
    stale_since = None
    if period is not None:
        with services.shared_results() as store:
            figures, monthly = _dashboard_figures(period, centres, exact)
            warnings = [w for w in services.quality_warnings(period=period, centres=centres) if w.count != 0]
        stale_since = store.stale_since if store is not None else None
    groups = [(label, [f for f in figures if f.indicator.group == value]) for value, label in registry.Group.choices]
    return render(
        request,
        "figures/staff/dashboard.html",
        {
            "form": form,
            "period": period,
            "groups": groups,
            "monthly": monthly,
            "warnings": warnings,
            "stale_since": stale_since,
            "exact": exact,
            "threshold": disclosure.threshold(),
            "empty": bool(figures) and not any(f.value and (f.value.total or f.value.anonymous) for f in figures),
        },
    )


def _dashboard_figures(period, centres, exact):
    """Every indicator of the period, and the participants by month (None when it cannot be computed)."""
    figures = services.figures_compute(period=period, centres=centres, exact=exact)
    participants = registry.get("amif.participants")
    if participants is None:
        return figures, None
    scope = Scope(period.start, period.end, centres, Breakdown.MONTH)
    try:
        value = services.indicator_value(participants, scope)
    except services.NotComputed:
        return figures, None
    return figures, section(participants, Breakdown.MONTH, value, exact=exact)


@requires("figures.view_figures")
def indicator(request, code):
    found = registry.get(code)
    form, period, centres = _scope(request)
    if found is None or (found.network_only and centres is not None):
        raise Http404
    exact = services.sees_exact(request.user)
    figure, sections = None, []
    if period is not None:
        with services.shared_results():
            figure, sections = _indicator_sections(found, period, centres, exact)
    return render(
        request,
        "figures/staff/indicator.html",
        {
            "form": form,
            "period": period,
            "indicator": found,
            "figure": figure,
            "sections": sections,
            "exact": exact,
            "can_edit": request.user.has_perm("figures.change_indicatorsetting"),
        },
    )


def _indicator_sections(found, period, centres, exact):
    """The indicator's figure and one section per breakdown (None for a breakdown that failed)."""
    figure = services.figures_compute(codes={found.code}, period=period, centres=centres, exact=exact)[0]
    sections = []
    if figure.value is not None:
        for breakdown in found.breakdowns:
            scope = Scope(period.start, period.end, centres, breakdown)
            try:
                sections.append(section(found, breakdown, services.indicator_value(found, scope), exact=exact))
            except services.NotComputed:
                sections.append(None)
    return figure, sections


@requires("figures.change_indicatorsetting")
def edit(request, code):
    found = registry.get(code)
    if found is None:
        raise Http404
    setting = IndicatorSetting.objects.filter(code=code).first()
    year = timezone.localdate().year
    if request.method == "POST":
        form = IndicatorSettingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.indicator_setting_update(
                code=code,
                by=request.user,
                names={"bg": data["name_bg"], "en": data["name_en"]},
                definitions={"bg": data["definition_bg"], "en": data["definition_en"]},
                year=data["year"],
                target=data["target"],
            )
            messages.success(request, _("The indicator was saved."))
            return redirect("figures_staff:indicator", code=code)
    else:
        target = IndicatorTarget.objects.filter(code=code, year=year).values_list("value", flat=True).first()
        names = (setting.name if setting else {}) or {}
        definitions = (setting.definition if setting else {}) or {}
        form = IndicatorSettingForm(
            initial={
                "name_bg": names.get("bg", ""),
                "name_en": names.get("en", ""),
                "definition_bg": definitions.get("bg", ""),
                "definition_en": definitions.get("en", ""),
                "year": year,
                "target": target,
            }
        )
    return render(request, "figures/staff/edit.html", {"form": form, "indicator": found})


@requires("figures.view_figures")
def quality(request, code):
    """The records a data-quality check finds in the period, each linked to its page to fix it."""
    check = registry.get_check(code)
    if check is None:
        raise Http404
    form, period, centres = _scope(request)
    rows = services.quality_records(check=check, period=period, centres=centres) if period is not None else []
    return render(
        request,
        "figures/staff/quality.html",
        {"form": form, "period": period, "check": check, "rows": rows, "limit": services.QUALITY_LIST_LIMIT},
    )


EXPORT_LANGUAGES = ("bg", "en")


@requires("figures.view_figures")
def export_xlsx(request):
    """The funder report of the period as XLSX, in Bulgarian or English (?language=bg|en)."""
    form, period, centres = _scope(request)
    if period is None:
        return dashboard(request)
    language = request.GET.get("language") if request.GET.get("language") in EXPORT_LANGUAGES else "bg"
    with translation.override(language):
        content = export.workbook(period=period, centres=centres, exact=services.sees_exact(request.user))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = f"figures-{period.start:%Y%m%d}-{period.end:%Y%m%d}-{language}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
