"""Computing the figures: one indicator for a scope (never a server error, never a wrong number), the
dashboard of a period, labels for breakdown rows, and the coordinator's edits of names and targets."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import get_language

from integra.figures import disclosure, registry
from integra.figures.counting import People, Row, Scope, Value, unique_people
from integra.figures.models import IndicatorSetting, IndicatorTarget
from integra.figures.periods import Period

log = logging.getLogger(__name__)


class NotComputed(Exception):
    """An indicator's query failed; logged, shown as "could not be computed"."""


def as_value(result, breakdown: str | None) -> Value:
    if isinstance(result, Value):
        return result
    if isinstance(result, People):
        result = [result]
    return unique_people(result, breakdown=breakdown)


_shared: ContextVar[dict | None] = ContextVar("figures_shared_results", default=None)


@contextmanager
def shared_results():
    """Within this block each indicator's query runs once per scope: the dashboard needs the consultations'
    people for their own indicator, for the participants' union and for the monthly chart."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def run_query(indicator: registry.Indicator, scope: Scope):
    """The indicator's raw result (a Value or People), shared within `shared_results()`."""
    shared = _shared.get()
    if shared is None:
        return indicator.query(scope)
    key = (indicator.code, scope)
    if key not in shared:
        shared[key] = indicator.query(scope)
    return shared[key]


def indicator_value(indicator: registry.Indicator, scope: Scope) -> Value:
    """The indicator's value for the scope; NotComputed (logged) when its query fails."""
    if scope.breakdown and scope.breakdown not in indicator.breakdowns:
        raise ValueError(f"{indicator.code} has no breakdown {scope.breakdown!r}")
    try:
        with transaction.atomic():  # a failed query on PostgreSQL must not break the page's transaction
            return as_value(run_query(indicator, scope), scope.breakdown)
    except Exception as error:
        log.exception("figures: indicator %s could not be computed for %s", indicator.code, scope)
        raise NotComputed(indicator.code) from error


def user_centres(user) -> tuple[int, ...] | None:
    """None for network-wide roles (every centre), else the ids of the user's centres."""
    if user.is_network_wide:
        return None
    return tuple(user.centres.values_list("pk", flat=True))


def sees_exact(user) -> bool:
    """Only coordinators see counts below the small-cell threshold."""
    return user.has_role("coordinator")


def visible(user_scope: tuple | None) -> list[registry.Indicator]:
    """The indicators a scope may see: network-only ones need every centre."""
    return [i for i in registry.indicators() if user_scope is None or not i.network_only]


@dataclass
class Figure:
    indicator: registry.Indicator
    name: str
    definition: str
    value: Value | None = None
    error: bool = False
    target: int | None = None
    cells: dict = field(default_factory=dict)

    @property
    def unavailable(self) -> str:
        return str(self.indicator.unavailable)

    @property
    def progress(self) -> int | None:
        """Per cent of the year's target reached (for a share: the share against the target share)."""
        if self.value is None or not self.target:
            return None
        if self.indicator.unit == registry.Unit.SHARE:
            if not self.value.of:
                return None
            return round(100 * (100 * self.value.total / self.value.of) / self.target)
        return round(100 * self.value.total / self.target)


def texts(indicator: registry.Indicator, setting: IndicatorSetting | None) -> tuple[str, str]:
    """Name and definition: the coordinator's override in the page's language, else the code's translation."""
    language = (get_language() or "en").split("-")[0]
    name = str(indicator.name)
    definition = str(indicator.definition)
    if setting is not None:
        name = (setting.name or {}).get(language) or name
        definition = (setting.definition or {}).get(language) or definition
    return name, definition


def decorate(figure: Figure, *, exact: bool) -> Figure:
    """The cells to show: small cells suppressed unless `exact`."""
    value, protected = figure.value, figure.indicator.protected
    if value is None:
        return figure
    if figure.indicator.unit == registry.Unit.SHARE:
        part, whole, percent = disclosure.share_text(value.total, value.of, protected=protected, exact=exact)
        figure.cells = {"total": part, "of": whole, "percent": percent}
    else:
        decimals = 1 if figure.indicator.unit == registry.Unit.HOURS else 0
        figure.cells = {
            "total": disclosure.cell(value.total, protected=protected, exact=exact, decimals=decimals),
            "anonymous": disclosure.cell(value.anonymous, protected=protected, exact=exact),
        }
    return figure


def figures_compute(
    *, codes=None, period: Period, centres: tuple | None, exact: bool, breakdown: str | None = None, value_of=None
) -> list[Figure]:
    """The figures of a period for the centres in scope: a constant number of queries per indicator.
    `value_of(indicator, scope)` reads the values elsewhere (a closed period's snapshot) instead."""
    chosen = [i for i in visible(centres) if codes is None or i.code in codes]
    settings_by_code = IndicatorSetting.objects.filter(code__in=[i.code for i in chosen]).by_code()
    targets = {}
    if period.year:
        targets = dict(
            IndicatorTarget.objects.filter(year=period.year, code__in=[i.code for i in chosen]).values_list(
                "code", "value"
            )
        )
    result = []
    for indicator in chosen:
        name, definition = texts(indicator, settings_by_code.get(indicator.code))
        figure = Figure(indicator, name, definition, target=targets.get(indicator.code))
        if not indicator.unavailable:
            scope = Scope(period.start, period.end, centres, breakdown)
            try:
                figure.value = (value_of or indicator_value)(indicator, scope)
            except NotComputed:
                figure.error = True
        result.append(decorate(figure, exact=exact))
    return result


# --- Breakdown rows ------------------------------------------------------------------------------------


def label_rows(indicator: registry.Indicator, breakdown: str, rows: list[Row]) -> list[Row]:
    """Give each row its label in the page's language (one query at most, for names kept in the database)."""
    from integra.figures import labels

    names = labels.for_breakdown(indicator, breakdown, [row.key for row in rows])
    for row in rows:
        row.label = names.get(row.key) or row.key
    return rows


# --- Coordinators' edits --------------------------------------------------------------------------------


@transaction.atomic
def indicator_setting_update(
    *, code: str, by, names: dict, definitions: dict, year: int, target: int | None
) -> IndicatorSetting:
    """Override an indicator's name and definition per language and set (or clear) its target for a year."""
    if registry.get(code) is None:
        raise ValueError(f"unknown indicator {code!r}")
    setting, _created = IndicatorSetting.objects.select_for_update().get_or_create(code=code)
    setting.name = {lang: text.strip() for lang, text in names.items() if text and text.strip()}
    setting.definition = {lang: text.strip() for lang, text in definitions.items() if text and text.strip()}
    setting.updated_by = by
    setting.save()
    if target is None:
        IndicatorTarget.objects.filter(code=code, year=year).delete()
    else:
        IndicatorTarget.objects.update_or_create(code=code, year=year, defaults={"value": target, "updated_by": by})
    return setting


# --- Data quality before reporting ------------------------------------------------------------------------

QUALITY_LIST_LIMIT = 200


@dataclass
class QualityWarning:
    check: registry.Check
    count: int | None  # None: the check could not be run


def quality_warnings(*, period: Period, centres: tuple | None) -> list[QualityWarning]:
    """How many records of the period lack what the funder's breakdowns need: one count per check."""
    result = []
    for check in registry.checks():
        try:
            with transaction.atomic():
                found = check.records(Scope(period.start, period.end, centres)).count()
        except Exception:
            log.exception("figures: data-quality check %s could not be run", check.code)
            found = None
        result.append(QualityWarning(check, found))
    return result


def quality_records(*, check: registry.Check, period: Period, centres: tuple | None) -> list[tuple[str, str]]:
    """The first records a check finds, as (label, link), oldest first."""
    records = check.records(Scope(period.start, period.end, centres)).order_by("pk")[:QUALITY_LIST_LIMIT]
    return [check.row(record) for record in records]
