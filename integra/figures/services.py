"""Computing the figures: one indicator for a scope (never a server error, never a wrong number), the
dashboard of a period, labels for breakdown rows, and the coordinator's edits of names and targets."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from integra.figures import disclosure, registry, stored
from integra.figures.counting import People, Row, Scope, Value, unique_people
from integra.figures.models import IndicatorSetting, IndicatorTarget, StoredFigure
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
_store: ContextVar[stored.Store | None] = ContextVar("figures_store", default=None)


@contextmanager
def shared_results(*, use_stored: bool = True):
    """Within this block each indicator's query runs once per scope: the dashboard needs the consultations'
    people for their own indicator, for the participants' union and for the monthly chart. Values are read
    from the stored figures (integra.figures.stored; computed and stored when missing) unless
    `use_stored` is false. Yields the `Store` (its `stale_since` says whether a value shown is being
    refreshed), or None. Nested blocks share the outer one."""
    if _shared.get() is not None:
        yield _store.get()
        return
    store = stored.Store() if use_stored and stored.enabled() else None
    token, store_token = _shared.set({}), _store.set(store)
    try:
        yield store
        if store is not None:
            try:
                store.save()
            except Exception:
                log.exception("figures: the computed values could not be stored")
    finally:
        _shared.reset(token)
        _store.reset(store_token)


def run_query(indicator: registry.Indicator, scope: Scope):
    """The indicator's raw result (a Value or People), shared within `shared_results()`."""
    shared = _shared.get()
    if shared is None:
        return indicator.query(scope)
    key = (indicator.code, scope)
    if key not in shared:
        shared[key] = indicator.query(scope)
    return shared[key]


def _computed(indicator: registry.Indicator, scope: Scope) -> Value:
    try:
        with transaction.atomic():  # a failed query on PostgreSQL must not break the page's transaction
            return as_value(run_query(indicator, scope), scope.breakdown)
    except Exception as error:
        log.exception("figures: indicator %s could not be computed for %s", indicator.code, scope)
        raise NotComputed(indicator.code) from error


def indicator_value(indicator: registry.Indicator, scope: Scope) -> Value:
    """The indicator's value for the scope (stored, or computed and stored); NotComputed (logged) when its
    query fails."""
    if scope.breakdown and scope.breakdown not in indicator.breakdowns:
        raise ValueError(f"{indicator.code} has no breakdown {scope.breakdown!r}")
    store = _store.get()
    if store is None:
        return _computed(indicator, scope)
    found = store.get(indicator.code, scope)
    if found is None:
        found = stored.dump(_computed(indicator, scope))
        store.put(indicator.code, scope, found)
    return stored.load(found)


def refresh_stored(*, every: bool = False) -> int:
    """Recompute the stale stored values (every stored value with `every`) as the pages compute them; a
    value that cannot be computed stays stale. Returns how many were recomputed."""
    figures = StoredFigure.objects.all() if every else StoredFigure.objects.filter(stale=True)
    found = list(figures.values_list("pk", "code", "start", "end", "centres", "breakdown"))
    # Claimed: a record saved from now on marks them stale again (and enqueues the next refresh).
    StoredFigure.objects.filter(pk__in=[row[0] for row in found]).update(stale=False)
    by_scope: dict[tuple, list] = {}
    for pk, code, start, end, centres, breakdown in found:
        by_scope.setdefault((start, end, centres), []).append((pk, code, breakdown))
    done = 0
    for (start, end, centres), values in by_scope.items():
        own = None if centres == stored.ALL else tuple(int(c) for c in centres.split(",") if c)
        # One period and centres at a time: their people are read once and let go before the next.
        with shared_results(use_stored=False):
            for pk, code, breakdown in values:
                try:
                    value = _stored_value(code, Scope(start, end, own, breakdown or None))
                except LookupError:
                    StoredFigure.objects.filter(pk=pk).delete()  # an indicator or check no longer registered
                    continue
                except Exception:
                    log.exception("figures: stored value %s could not be refreshed", pk)
                    StoredFigure.objects.filter(pk=pk).update(stale=True)
                    continue
                StoredFigure.objects.filter(pk=pk).update(value=value, computed_at=timezone.now())
                done += 1
    return done


def _stored_value(code: str, scope: Scope) -> dict:
    if code.startswith(stored.CHECK):
        check = registry.get_check(code.removeprefix(stored.CHECK))
        if check is None:
            raise LookupError(code)
        with transaction.atomic():
            return {"count": check.records(scope).count()}
    indicator = registry.get(code)
    if indicator is None or indicator.query is None or indicator.unavailable:
        raise LookupError(code)
    return stored.dump(_computed(indicator, scope))


def store_period(period: Period, centres: tuple | None = None) -> int:
    """Compute and store every value of a period not stored yet: each indicator with each of its
    breakdowns and the data-quality counts (what the dashboard and the export read). Returns how many."""
    with shared_results() as store:
        if store is None:
            return 0
        for indicator in visible(centres):
            if indicator.unavailable or indicator.query is None:
                continue
            for breakdown in (None, *indicator.breakdowns):
                try:
                    indicator_value(indicator, Scope(period.start, period.end, centres, breakdown))
                except NotComputed:
                    pass
        quality_warnings(period=period, centres=centres)
        return len(store.missing)


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
    """The figures of a period for the centres in scope: a constant number of queries per indicator (one
    for them all when they are stored). `value_of(indicator, scope)` reads the values elsewhere (a closed
    period's snapshot) instead."""
    with shared_results():
        return _figures_compute(
            codes=codes, period=period, centres=centres, exact=exact, breakdown=breakdown, value_of=value_of
        )


def _figures_compute(*, codes, period: Period, centres: tuple | None, exact: bool, breakdown: str | None, value_of):
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
    """How many records of the period lack what the funder's breakdowns need: one count per check (stored
    with the figures, except the checks that depend on the time of day)."""
    result = []
    store = _store.get()
    scope = Scope(period.start, period.end, centres)
    for check in registry.checks():
        found = store.get(stored.CHECK + check.code, scope) if store is not None and check.stored else None
        if found is not None:
            result.append(QualityWarning(check, found["count"]))
            continue
        try:
            with transaction.atomic():
                number = check.records(scope).count()
        except Exception:
            log.exception("figures: data-quality check %s could not be run", check.code)
            number = None
        if number is not None and store is not None and check.stored:
            store.put(stored.CHECK + check.code, scope, {"count": number})
        result.append(QualityWarning(check, number))
    return result


def quality_records(*, check: registry.Check, period: Period, centres: tuple | None) -> list[tuple[str, str]]:
    """The first records a check finds, as (label, link), oldest first."""
    records = check.records(Scope(period.start, period.end, centres)).order_by("pk")[:QUALITY_LIST_LIMIT]
    return [check.row(record) for record in records]
