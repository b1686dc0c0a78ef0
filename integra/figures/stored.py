"""Stored figures: each indicator's value for a scope (period, centres, breakdown) kept in the database, so
that a dashboard or an export of a year of a million records reads a few rows instead of counting again.

Why whole values and not daily counts: a person is counted once per period across consultations, calls,
courses, events and interpreting, by the client files, member accounts and phone numbers their records
share *within the period*. Two records of a period can be one person only through a third record outside
it, so people per period cannot be added up from days or months without changing the numbers. A stored
value is the live computation itself (`services.indicator_value`), hence always the same number.

How they stay right:
- a source record saved or deleted (signals below, connected in `FiguresConfig.ready`) marks, once its
  transaction commits, every stored value whose period contains the record's days (old and new) as
  stale, in one UPDATE (no query in the saving transaction itself); when it marked any, it enqueues
  `tasks.refresh_stored_figures` (deduplicated: values already stale are not marked
  again, so a burst of saves enqueues one refresh). A client file changed (phone, nationality, erasure)
  can change people in any period: it marks every stored value;
- the refresh claims the stale values, computes them as the pages do and writes them back; a save during
  the refresh marks them stale again and enqueues the next refresh;
- a page shows a stale value with the time it was computed and says that it is being refreshed
  (`Store.stale_since`), never silently; a value never computed is computed live and stored;
- `manage.py refresh_figures --all` (nightly) recomputes every stored value, for writes that bypass
  signals (queryset.update(), SQL); `--year Y` fills in a year's values (every indicator and breakdown,
  the whole network, data-quality counts) before the first visit; a centre's are stored on first visit.
"""

import functools
import logging
from datetime import date, datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.utils import timezone

from integra.figures.counting import Row, Scope, Value

log = logging.getLogger(__name__)

ALL = "*"
NO_BREAKDOWN = ""
CHECK = "check:"  # code prefix of a stored data-quality count

# The source records of the indicators and the dates (a day or a span) that place them in periods.
# Kept next to the indicators' date_field / until_field (a test checks every registered indicator's
# source model is listed here).
SOURCES = {
    "clients.Client": ("created_at",),
    "consultations.Consultation": ("held_on",),
    "hotline.Call": ("started_at",),
    "hotline.CallBack": ("created_at",),
    "courses.Group": ("start_date", "end_date"),
    "courses.Enrolment": ("group__start_date", "group__end_date"),
    "events.Event": ("start",),
    "events.Registration": ("event__start",),
    "events.TallyCount": ("event__start",),
    "events.PaperAttendance": ("event__start",),
    "events.Feedback": ("event__start",),
    "events.PaperFeedback": ("event__start",),
    "forum.Question": ("created_at",),
    "interpreting.Request": ("starts_at",),
    "interpreting.Session": ("started_at",),
    "knowledge.Distribution": ("distributed_on",),
    "violations.Report": ("submitted_on",),
}
# A change to one of these can change people in any period (identities, demographics of every record).
EVERY_PERIOD_ON_CHANGE = ("clients.Client",)
ALWAYS = (date.min, date.max)


def enabled() -> bool:
    return getattr(settings, "FIGURES_STORED", True)


def centres_key(centres) -> str:
    return ALL if centres is None else ",".join(str(pk) for pk in sorted(centres))


def dump(value: Value) -> dict:
    return {
        "total": value.total,
        "anonymous": value.anonymous,
        "of": value.of,
        "rows": [[row.key, row.value, row.anonymous, row.of] for row in value.rows],
    }


def load(data: dict) -> Value:
    return Value(
        total=data["total"],
        anonymous=data["anonymous"],
        of=data["of"],
        rows=[Row(key=key, value=value, anonymous=anonymous, of=of) for key, value, anonymous, of in data["rows"]],
    )


class Store:
    """The stored values one page reads: one query per period and centres, misses saved in one query."""

    def __init__(self):
        self.loaded: dict[tuple, dict] = {}
        self.missing: dict[tuple, object] = {}
        self.stale_since: datetime | None = None  # the oldest computing time of a stale value shown

    def _figures(self, scope: Scope) -> dict:
        from integra.figures.models import StoredFigure

        key = (scope.start, scope.end, centres_key(scope.centres))
        if key not in self.loaded:
            found = StoredFigure.objects.filter(start=scope.start, end=scope.end, centres=key[2])
            self.loaded[key] = {(f.code, f.breakdown): f for f in found}
        return self.loaded[key]

    def get(self, code: str, scope: Scope) -> dict | None:
        found = self._figures(scope).get((code, scope.breakdown or NO_BREAKDOWN))
        if found is None:
            return None
        if found.stale and (self.stale_since is None or found.computed_at < self.stale_since):
            self.stale_since = found.computed_at
        return found.value

    def put(self, code: str, scope: Scope, value: dict) -> None:
        from integra.figures.models import StoredFigure

        breakdown = scope.breakdown or NO_BREAKDOWN
        figure = StoredFigure(
            code=code,
            start=scope.start,
            end=scope.end,
            centres=centres_key(scope.centres),
            breakdown=breakdown,
            value=value,
        )
        self._figures(scope)[(code, breakdown)] = figure
        self.missing[(code, scope)] = figure

    def save(self) -> None:
        from integra.figures.models import StoredFigure

        if self.missing:
            with transaction.atomic():
                StoredFigure.objects.bulk_create(self.missing.values(), ignore_conflicts=True)
            self.missing = {}


# --- Marking stored values stale when their records change -------------------------------------------------


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def mark_stale(days) -> int:
    """Mark the stored values whose period touches the span of `days` as stale; enqueue one refresh."""
    from integra.figures.models import StoredFigure

    days = list(days)
    if not days:
        return 0
    if any(day is None for day in days):
        days = list(ALWAYS)
    marked = StoredFigure.objects.filter(stale=False, start__lte=max(days), end__gte=min(days)).update(stale=True)
    if marked:
        from integra.figures.tasks import refresh_stored_figures

        refresh_stored_figures.enqueue()
    return marked


def _label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.object_name}"


@functools.cache
def _heads(model, paths) -> list[str]:
    """The attribute names a model's date paths start from: a date field, or the foreign key to follow."""
    return [model._meta.get_field(path.split("__")[0]).attname for path in paths]


def _snapshot(sender, instance, **kwargs):
    """Remember the loaded dates and foreign keys (no query: deferred fields are left out)."""
    instance._figures_loaded = {
        name: instance.__dict__[name] for name in _heads(sender, SOURCES[_label(sender)]) if name in instance.__dict__
    }


def _days(model, values: dict, paths) -> list[date | None]:
    """The days of the paths for the loaded values of their heads: a date as it is, a related date read."""
    days = []
    for path, head in zip(paths, _heads(model, paths), strict=True):
        if head not in values:
            continue
        if "__" not in path:
            days.append(_day(values[head]))
            continue
        first, rest = path.split("__", 1)
        related = model._meta.get_field(first).related_model
        found = related._default_manager.filter(pk=values[head]).values_list(rest, flat=True).first()
        if found is not None:  # a related record deleted with it marks its own days
            days.append(_day(found))
    return days


def _current(instance) -> dict:
    heads = _heads(type(instance), SOURCES[_label(type(instance))])
    return {name: instance.__dict__[name] for name in heads if name in instance.__dict__}


def _changed(instance, *, created: bool = False, deleted: bool = False) -> None:
    """Once the transaction commits, mark the stored values of the record's days (before and after)."""
    model = type(instance)
    label = _label(model)
    if label in EVERY_PERIOD_ON_CHANGE and not created:
        transaction.on_commit(lambda: mark_stale(ALWAYS))
        return
    paths = SOURCES[label]
    heads = _heads(model, paths)
    before = {} if created else dict(getattr(instance, "_figures_loaded", {}))
    after = {} if deleted else _current(instance)
    instance._figures_loaded = dict(after)
    if (not created and len(before) < len(heads)) or (not deleted and len(after) < len(heads)):
        # A date or key not loaded (a deferred field): its days are not known, mark every period.
        transaction.on_commit(lambda: mark_stale(ALWAYS))
        return
    if before == after:
        before = {}
    transaction.on_commit(lambda: mark_stale([*_days(model, before, paths), *_days(model, after, paths)]))


def _after_save(sender, instance, created=False, raw=False, **kwargs):
    if not raw:
        _changed(instance, created=created)


def _after_delete(sender, instance, **kwargs):
    _changed(instance, deleted=True)


def _topics_changed(sender, instance, action, reverse, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        transaction.on_commit(lambda: mark_stale(ALWAYS))
        return
    model = type(instance)
    now = _current(instance)
    transaction.on_commit(lambda: mark_stale(_days(model, now, SOURCES[_label(model)])))


def connect() -> None:
    """Connect the signals of every source model (FiguresConfig.ready)."""
    for label in SOURCES:
        model = apps.get_model(label)
        uid = f"figures-stored-{label}"
        post_init.connect(_snapshot, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            m2m_changed.connect(_topics_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")
