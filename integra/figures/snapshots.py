"""Reporting periods (issue 18 item 7): a coordinator closes a year, a quarter or a month; its figures are
frozen as a versioned snapshot (exact numbers, every indicator with each of its breakdowns, for the whole
network and for each centre). "Record corrections" counts again and saves a new version only when
something changed, with the differences; nothing ever changes silently. The pages and the exports of a
closed period read the newest version (`source_for`), so an export stays the same while records change.
"""

import json
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.centres.models import Centre
from integra.figures import registry, services
from integra.figures.counting import Row, Scope, Value
from integra.figures.models import PeriodSnapshot
from integra.figures.periods import Period

log = logging.getLogger(__name__)

EVERY_CENTRE = "all"
CLOSABLE = tuple(PeriodSnapshot.Kind.values)


class PeriodError(Exception):
    """Why a period cannot be closed or corrected now: shown to the coordinator as it is."""


def scope_key(centres: tuple | None) -> str | None:
    """The snapshot's key for the centres in scope; None for several centres (not kept apart)."""
    if centres is None:
        return EVERY_CENTRE
    if len(centres) == 1:
        return str(centres[0])
    return None


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _triple(value) -> list:
    return [_number(value.total), _number(value.anonymous), _number(value.of)]


def collect(period: Period, centres: tuple | None) -> dict:
    """The exact figures of one scope, as stored in a snapshot. NotComputed when any query fails; Recounting
    when a stored value read is being counted again after a change (a snapshot never freezes an old count)."""
    data = {}
    with services.shared_results() as store:
        for indicator in services.visible(centres):
            if indicator.unavailable:
                continue
            value = services.indicator_value(indicator, Scope(period.start, period.end, centres))
            entry = {"value": _triple(value), "rows": {}}
            for breakdown in indicator.breakdowns:
                rows = services.indicator_value(indicator, Scope(period.start, period.end, centres, breakdown)).rows
                entry["rows"][breakdown] = [
                    [row.key, _number(row.value), _number(row.anonymous), _number(row.of)] for row in rows
                ]
            data[indicator.code] = entry
        if store is not None and store.stale_since is not None:
            raise Recounting
    return data


class Recounting(Exception):
    """Some stored figures of the period are being counted again after records changed."""


def collect_all(period: Period) -> dict:
    """Every scope of a snapshot: the whole network and each centre (as JSON will give them back)."""
    try:
        data = {EVERY_CENTRE: collect(period, None)}
        for pk in Centre.objects.order_by("pk").values_list("pk", flat=True):
            data[str(pk)] = collect(period, (pk,))
    except Recounting as error:
        raise PeriodError(
            _(
                "Records of this period changed a moment ago and its figures are being counted again, so nothing "
                "was saved. Try again in a few minutes."
            )
        ) from error
    except services.NotComputed as error:
        indicator = registry.get(str(error))
        name = str(indicator.name) if indicator else str(error)
        raise PeriodError(
            _("“%(name)s” could not be computed, so nothing was saved. Try again later or tell the administrator.")
            % {"name": name}
        ) from error
    return json.loads(json.dumps(data))


def is_empty(scope_data: dict) -> bool:
    return not any(entry["value"][0] or entry["value"][1] for entry in scope_data.values())


def _check_closable(period: Period) -> None:
    if period.kind not in CLOSABLE:
        raise PeriodError(_("Only a year, a quarter or a month can be closed."))
    if period.end >= timezone.localdate():
        raise PeriodError(_("This period is not over yet: it can be closed from the day after its last day."))


def period_close(*, period: Period, by) -> PeriodSnapshot:
    """Freeze the period's figures as version 1. PeriodError when it cannot be (already closed, not over,
    no records, a query failed); two coordinators closing at once make one version, the other is told.
    The only write is one insert, in its own transaction; the counting before it reads, in savepoints."""
    _check_closable(period)
    already = _("This period was already closed; record corrections to make a new version.")
    if PeriodSnapshot.objects.of_period(period.start, period.end).exists():
        raise PeriodError(already)
    data = collect_all(period)
    if is_empty(data[EVERY_CENTRE]):
        raise PeriodError(_("No records in this period: there is nothing to close."))
    try:
        with transaction.atomic():
            return PeriodSnapshot.objects.create(
                kind=period.kind, start=period.start, end=period.end, version=1, figures=data, created_by=by
            )
    except IntegrityError as error:
        raise PeriodError(already) from error


def period_correct(*, period: Period, by) -> PeriodSnapshot | None:
    """Count the closed period again; a new version with the differences when something changed, else None."""
    latest = PeriodSnapshot.objects.of_period(period.start, period.end).order_by("-version").first()
    if latest is None:
        raise PeriodError(_("This period is not closed."))
    data = collect_all(period)
    changes = differences(latest.figures, data)
    if not changes:
        return None
    try:
        with transaction.atomic():
            return PeriodSnapshot.objects.create(
                kind=latest.kind,
                start=latest.start,
                end=latest.end,
                version=latest.version + 1,
                figures=data,
                changes=changes,
                created_by=by,
            )
    except IntegrityError as error:
        raise PeriodError(
            _("Someone else has just recorded corrections for this period: look at the newest version.")
        ) from error


def differences(old: dict, new: dict) -> list[dict]:
    """Every value that is not the same in both snapshots: totals and breakdown rows, scope by scope."""
    found = []
    for scope in sorted(set(old) | set(new)):
        before, after = old.get(scope, {}), new.get(scope, {})
        for code in sorted(set(before) | set(after)):
            was, now = before.get(code), after.get(code)
            if (was or {}).get("value") != (now or {}).get("value"):
                found.append(_change(scope, code, "", "", (was or {}).get("value"), (now or {}).get("value")))
            was_rows, now_rows = (was or {}).get("rows", {}), (now or {}).get("rows", {})
            for breakdown in sorted(set(was_rows) | set(now_rows)):
                a = {row[0]: row[1:] for row in was_rows.get(breakdown, [])}
                b = {row[0]: row[1:] for row in now_rows.get(breakdown, [])}
                for key in sorted(set(a) | set(b)):
                    if a.get(key) != b.get(key):
                        found.append(_change(scope, code, breakdown, key, a.get(key), b.get(key)))
    return found


def _change(scope, code, breakdown, key, old, new) -> dict:
    return {"scope": scope, "code": code, "breakdown": breakdown, "key": key, "old": old, "new": new}


# --- Reading a closed period -------------------------------------------------------------------------------


@dataclass
class Closed:
    """What the pages say about a closed period: the newest version, who closed it and when."""

    latest: PeriodSnapshot
    first: PeriodSnapshot
    key: str | None  # the scope's key in the snapshot, None when this scope is not kept apart

    @property
    def covers(self) -> bool:
        return self.key is not None and self.key in self.latest.figures

    def value_of(self, indicator: registry.Indicator, scope: Scope) -> Value:
        """The snapshot's value for an indicator (with the scope's breakdown), like services.indicator_value."""
        entry = self.latest.figures.get(self.key, {}).get(indicator.code)
        if entry is None:
            raise services.NotComputed(indicator.code)
        total, anonymous, of = entry["value"]
        rows = []
        if scope.breakdown:
            found = entry["rows"].get(scope.breakdown)
            if found is None:
                raise services.NotComputed(indicator.code)
            rows = [Row(key, value, anonymous or 0, of) for key, value, anonymous, of in found]
        return Value(total=total, anonymous=anonymous or 0, of=of, rows=rows)


def closed(period: Period | None, centres: tuple | None) -> Closed | None:
    """The closed period's newest snapshot for these dates (two queries), or None when it is open."""
    if period is None or period.kind not in CLOSABLE:
        return None
    versions = PeriodSnapshot.objects.of_period(period.start, period.end).select_related("created_by")
    latest = versions.order_by("-version").first()
    if latest is None:
        return None
    first = latest if latest.version == 1 else versions.defer("figures", "changes").get(version=1)
    return Closed(latest=latest, first=first, key=scope_key(centres))


def source_for(period: Period, centres: tuple | None):
    """(closed or None, value_of or None): where the figures of this period and scope are read from."""
    found = closed(period, centres)
    if found is not None and found.covers:
        return found, found.value_of
    return found, None


def live_differs(figures_shown: list, period: Period, centres: tuple | None) -> bool:
    """Whether the records now give other totals than the closed figures shown (one count per indicator)."""
    live = {f.indicator.code: f for f in services.figures_compute(period=period, centres=centres, exact=True)}
    for figure in figures_shown:
        now = live.get(figure.indicator.code)
        if now is None or figure.value is None or now.value is None:
            continue
        if _triple(now.value) != _triple(figure.value):
            return True
    return False
