"""Figures over the API (/api/v1/figures/): the register and an indicator's value and breakdown for a
period, with a coordinator's or a centre manager's token. A manager's token is scoped to their centres
(another centre is a 404) and gets small cells suppressed (`null` with `suppressed: true`), like the pages."""

from datetime import date, datetime

from django.http import Http404
from ninja import Query, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import requires
from integra.api.schemas import Error, form_errors
from integra.centres.models import Centre
from integra.figures import disclosure, registry, services, snapshots
from integra.figures.counting import Scope
from integra.figures.forms import BreakdownForm, PeriodForm
from integra.figures.models import PeriodSnapshot
from integra.figures.periods import Period

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
    closed_version: int | None = None  # the closed period's version the values come from, None when open


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
    closed, value_of = snapshots.source_for(period, scope_centres)
    if value_of is not None:
        out.closed_version = closed.latest.version
    try:
        value = (value_of or services.indicator_value)(
            indicator, Scope(period.start, period.end, scope_centres, breakdown)
        )
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


# --- Reporting periods ----------------------------------------------------------------------------------------


class PeriodIn(Schema):
    period: str  # year, quarter or month
    year: int
    quarter: int | None = None
    month: int | None = None


class SnapshotOut(Schema):
    kind: str
    start: date
    end: date
    version: int
    recorded_at: datetime
    recorded_by: str
    changes: int


def _snapshot_out(snapshot) -> SnapshotOut:
    return SnapshotOut(
        kind=snapshot.kind,
        start=snapshot.start,
        end=snapshot.end,
        version=snapshot.version,
        recorded_at=snapshot.created_at,
        recorded_by=snapshot.created_by.username,
        changes=len(snapshot.changes),
    )


def _period(payload: PeriodIn) -> Period | dict:
    form = PeriodForm({k: v for k, v in payload.dict().items() if v is not None})
    if not form.is_valid():
        return {"detail": form_errors(form)}
    return form.cleaned_data["result"]


@router.get("/periods", response={200: list[SnapshotOut], 401: Error, 403: Error})
@requires("figures.view_figures")
def list_periods(request):
    """Every version of every closed period, newest period first."""
    found = PeriodSnapshot.objects.defer("figures").select_related("created_by").order_by("-start", "end", "version")
    return [_snapshot_out(s) for s in found]


@router.post("/periods/close", response={201: SnapshotOut, 400: Error, 401: Error, 403: Error, 409: Error, 422: Error})
@requires("figures.close_period")
def close_period(request, payload: PeriodIn):
    """Close a year, a quarter or a month (coordinators): its figures are kept as version 1; 409 when it
    cannot be (already closed, not over, no records, an indicator that could not be computed)."""
    period = _period(payload)
    if isinstance(period, dict):
        return Status(422, period)
    try:
        snapshot = snapshots.period_close(period=period, by=request.auth)
    except snapshots.PeriodError as error:
        return Status(409, {"detail": str(error)})
    return Status(201, _snapshot_out(snapshot))


@router.post(
    "/periods/correct", response={200: SnapshotOut, 400: Error, 401: Error, 403: Error, 409: Error, 422: Error}
)
@requires("figures.close_period")
def correct_period(request, payload: PeriodIn):
    """Count a closed period again (coordinators): a new version when something changed (its `changes`),
    else the newest version unchanged; 409 when the period is not closed or could not be counted."""
    period = _period(payload)
    if isinstance(period, dict):
        return Status(422, period)
    try:
        snapshot = snapshots.period_correct(period=period, by=request.auth)
    except snapshots.PeriodError as error:
        return Status(409, {"detail": str(error)})
    if snapshot is None:
        snapshot = (
            PeriodSnapshot.objects.of_period(period.start, period.end).select_related("created_by").latest("version")
        )
    return Status(200, _snapshot_out(snapshot))
