"""The back office's figures: the dashboard of a period, a page per indicator with its breakdowns, and the
coordinator's page to rename an indicator and set its targets. Coordinators see every centre and exact
numbers; centre managers their centres, with small cells suppressed."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from integra.centres.models import Centre
from integra.core.i18n import pick
from integra.core.permissions import requires
from integra.figures import disclosure, records, registry, services, snapshots
from integra.figures.counting import Scope
from integra.figures.forms import ExportForm, IndicatorSettingForm, PeriodForm
from integra.figures.models import IndicatorSetting, IndicatorTarget
from integra.figures.presenting import section
from integra.figures.registry import Breakdown

PERIOD_FIELDS = ("period", "year", "quarter", "month", "start", "end", "centre")


def scope_form(data, choices) -> PeriodForm:
    """The period form, always bound: every field is optional (this year by default)."""
    return PeriodForm(data, centres=choices if len(choices) > 1 else ())


def _scope(request, data=None):
    """(form, period or None, centres in scope) from the query string (or `data`); another centre is a 404."""
    data = request.GET if data is None else data
    user = request.user
    mine = services.user_centres(user)
    centres = Centre.objects.all() if mine is None else Centre.objects.filter(pk__in=mine)
    choices = [(c.slug, pick(c.name)) for c in centres.order_by("slug")]
    wanted = data.get("centre")
    if wanted and wanted not in dict(choices):
        raise Http404  # another centre's figures, exactly like a centre that does not exist
    form = scope_form(data, choices)
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
    closed, value_of, differs, stale_since = None, None, False, None
    if period is not None:
        closed, value_of = snapshots.source_for(period, centres)
        with services.shared_results() as store:
            figures, monthly = _dashboard_figures(period, centres, exact, value_of)
            differs = value_of is not None and snapshots.live_differs(figures, period, centres)
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
            "closed": closed,
            "differs": differs,
            "can_close": request.user.has_perm("figures.close_period"),
            "closable": period is not None and period.kind in snapshots.CLOSABLE and period.end < timezone.localdate(),
            "export_form": ExportForm(initial={"language": translation.get_language()}),
            "period_fields": PERIOD_FIELDS,
        },
    )


def _dashboard_figures(period, centres, exact, value_of=None):
    """Every indicator of the period, and the participants by month (None when it cannot be computed)."""
    figures = services.figures_compute(period=period, centres=centres, exact=exact, value_of=value_of)
    participants = registry.get("amif.participants")
    if participants is None:
        return figures, None
    scope = Scope(period.start, period.end, centres, Breakdown.MONTH)
    try:
        value = (value_of or services.indicator_value)(participants, scope)
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
    closed, value_of, differs, records_url, records_label = None, None, False, "", ""
    if period is not None:
        closed, value_of = snapshots.source_for(period, centres)
        with services.shared_results():
            figure, sections = _indicator_sections(found, period, centres, exact, value_of)
            differs = value_of is not None and snapshots.live_differs([figure], period, centres)
        records_url, records_label = records.attach(request.user, found, period, centres, sections)
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
            "closed": closed,
            "differs": differs,
            "records_url": records_url,
            "records_label": records_label,
        },
    )


def _indicator_sections(found, period, centres, exact, value_of=None):
    """The indicator's figure and one section per breakdown (None for a breakdown that failed)."""
    figure = services.figures_compute(
        codes={found.code}, period=period, centres=centres, exact=exact, value_of=value_of
    )[0]
    sections = []
    if figure.value is not None:
        for breakdown in found.breakdowns:
            scope = Scope(period.start, period.end, centres, breakdown)
            try:
                value = (value_of or services.indicator_value)(found, scope)
                sections.append(section(found, breakdown, value, exact=exact))
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
