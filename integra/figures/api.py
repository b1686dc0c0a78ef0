"""Figures over the API (/api/v1/figures/): the register and an indicator's value and breakdown for a
period, with a coordinator's or a centre manager's token. A manager's token is scoped to their centres
(another centre is a 404) and gets small cells suppressed (`null` with `suppressed: true`), like the pages."""

from datetime import date

from django.http import Http404
from ninja import Query, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import requires
from integra.api.schemas import Error, form_errors
from integra.centres.models import Centre
from integra.figures import disclosure, registry, services
from integra.figures.counting import Scope
from integra.figures.forms import BreakdownForm

router = Router(tags=["figures"], auth=StaffToken())


class IndicatorOut(Schema):
    code: str
    group: str
    name: str
    definition: str
    unit: str
    breakdowns: list[str]
    public: bool
    network_only: bool
    available: bool


class Number(Schema):
    value: float | None
    suppressed: bool


class RowOut(Schema):
    key: str
    label: str
    value: Number
    anonymous: Number
    of: Number | None = None


class ValueOut(Schema):
    code: str
    unit: str
    start: date
    end: date
    centres: list[str] | None
    computed: bool
    value: Number | None
    anonymous: Number | None
    of: Number | None = None
    breakdown: str | None = None
    rows: list[RowOut] = []


class ValueQuery(Schema):
    period: str | None = None
    year: int | None = None
    quarter: int | None = None
    month: int | None = None
    start: date | None = None
    end: date | None = None
    centre: str | None = None
    breakdown: str | None = None


def _number(cell) -> Number:
    return Number(value=cell.value, suppressed=cell.suppressed)


@router.get("/indicators", response={200: list[IndicatorOut], 401: Error, 403: Error})
@requires("figures.view_figures")
def list_indicators(request):
    """The register: every indicator the token's owner may see."""
    scope = services.user_centres(request.auth)
    settings_by_code = services.IndicatorSetting.objects.by_code()
    result = []
    for indicator in services.visible(scope):
        name, definition = services.texts(indicator, settings_by_code.get(indicator.code))
        result.append(
            IndicatorOut(
                code=indicator.code,
                group=indicator.group,
                name=name,
                definition=definition,
                unit=indicator.unit,
                breakdowns=list(indicator.breakdowns),
                public=indicator.public,
                network_only=indicator.network_only,
                available=not indicator.unavailable,
            )
        )
    return result


@router.get("/indicators/{code}", response={200: ValueOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error})
@requires("figures.view_figures")
def indicator_value(request, code: str, filters: Query[ValueQuery]):
    """An indicator's value for a period (this year by default) and, with `breakdown`, its rows."""
    user = request.auth
    mine = services.user_centres(user)
    indicator = registry.get(code)
    if indicator is None or (indicator.network_only and mine is not None):
        raise Http404
    centres = Centre.objects.all() if mine is None else Centre.objects.filter(pk__in=mine)
    choices = [(c.slug, c.slug) for c in centres]
    if filters.centre and filters.centre not in dict(choices):
        raise Http404
    data = {k: v for k, v in filters.dict().items() if v is not None}
    form = BreakdownForm(data, centres=choices)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    breakdown = form.cleaned_data.get("breakdown") or None
    if breakdown and breakdown not in indicator.breakdowns:
        return Status(400, {"detail": f"{code} has no breakdown {breakdown!r}; it has {list(indicator.breakdowns)}."})
    period = form.cleaned_data["result"]
    scope_centres = mine
    if filters.centre:
        scope_centres = tuple(c.pk for c in centres if c.slug == filters.centre)
    exact = services.sees_exact(user)
    slugs = None if scope_centres is None else sorted(c.slug for c in centres if c.pk in scope_centres)
    out = ValueOut(
        code=code, unit=indicator.unit, start=period.start, end=period.end, centres=slugs, computed=False,
        value=None, anonymous=None, breakdown=breakdown,
    )  # fmt: skip
    if indicator.unavailable:
        return out
    try:
        value = services.indicator_value(indicator, Scope(period.start, period.end, scope_centres, breakdown))
    except services.NotComputed:
        return out
    figure = services.decorate(services.Figure(indicator, "", "", value=value), exact=exact)
    out.computed = True
    out.value = _number(figure.cells["total"])
    if indicator.is_share:
        out.of = _number(figure.cells["of"])
    else:
        out.anonymous = _number(figure.cells["anonymous"])
    if breakdown:
        rows = services.label_rows(indicator, breakdown, value.rows)
        protected = indicator.protected
        totals = disclosure.column([r.value for r in rows], protected=protected, exact=exact)
        anonymous = disclosure.column([r.anonymous for r in rows], protected=protected, exact=exact)
        wholes = disclosure.column([r.of for r in rows], protected=protected, exact=exact) if indicator.is_share else []
        out.rows = [
            RowOut(
                key=row.key,
                label=row.label,
                value=_number(totals[i]),
                anonymous=_number(anonymous[i]),
                of=_number(wholes[i]) if wholes else None,
            )
            for i, row in enumerate(rows)
        ]
    return out
