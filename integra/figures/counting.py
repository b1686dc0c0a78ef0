"""Counting helpers the apps' query functions use: a period and centre filter, totals and breakdowns in
a constant number of queries, and people counted once per period.

    count(Consultation.objects.all(), scope, date_field="held_on",
          breakdowns={"topic": "topics", "channel": "channel"}, anonymous=Q(client__isnull=True))

returns a `Value` in one query (two with a breakdown). `people_records(...)` reads the identities behind
records (client file, member account, phone number) in one query, grouped in SQL so that a person's many
records come back as one row; `unique_people(...)` joins several sources and counts each person once:
records that share a client file, a member account or a phone number are the same person. Records
without any identity (a walk-in, a door tally, an anonymous call) are *estimated* participants, kept
apart in `Value.anonymous` and never merged into the total.
"""

import functools
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Sum,
    When,
)
from django.db.models import Value as V
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from integra.core.forms import within_days
from integra.figures.registry import Breakdown


@dataclass(frozen=True)
class Scope:
    """What to count: the days from `start` to `end` (both included), the centres (ids; None for every
    centre) and an optional breakdown."""

    start: date
    end: date
    centres: tuple[int, ...] | None = None
    breakdown: str | None = None

    def moments(self) -> tuple[datetime, datetime]:
        """The period as aware datetimes [start, end + 1 day) in the site's time zone."""
        tz = timezone.get_current_timezone()
        return (
            timezone.make_aware(datetime.combine(self.start, time.min), tz),
            timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min), tz),
        )


@dataclass
class Row:
    key: str
    value: float
    anonymous: int = 0
    of: int | None = None  # shares: the whole the value is a part of
    label: str = ""


@dataclass
class Value:
    """A figure: the total (identified people, contacts, hours, …), the anonymous contacts or estimated
    participants kept apart, the whole of a share, and the breakdown rows."""

    total: float = 0
    anonymous: int = 0
    of: int | None = None
    rows: list[Row] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return None if not self.of else self.total / self.of


def period_key(breakdown: str, moment) -> str:
    """ "2026-03", "2026-Q1" or "2026" for a date or datetime (in the site's time zone)."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if breakdown == Breakdown.MONTH:
        return f"{moment.year:04d}-{moment.month:02d}"
    if breakdown == Breakdown.QUARTER:
        return f"{moment.year:04d}-Q{(moment.month - 1) // 3 + 1}"
    return f"{moment.year:04d}"


TRUNCATE = {Breakdown.MONTH: TruncMonth, Breakdown.QUARTER: TruncQuarter, Breakdown.YEAR: TruncYear}


def _is_datetime(queryset: QuerySet, path: str) -> bool:
    model = queryset.model
    parts = path.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return isinstance(model._meta.get_field(parts[-1]), DateTimeField)


def in_scope(
    queryset: QuerySet, scope: Scope, *, date_field: str, centre_field: str | None = "centre", until_field=None
) -> QuerySet:
    """The records of the period (by `date_field`, a date or a datetime) and of the centres in scope.
    With `until_field`, the records that run from `date_field` to `until_field` and overlap the period."""
    if until_field:
        queryset = queryset.filter(**{f"{date_field}__lte": scope.end, f"{until_field}__gte": scope.start})
    else:
        # The same days as the staff lists' date filters, which the figures link to.
        queryset = within_days(queryset, date_field, scope.start, scope.end)
    if scope.centres is not None and centre_field:
        queryset = queryset.filter(**{f"{centre_field}__in": scope.centres})
    return queryset


def breakdown_expression(queryset: QuerySet, scope: Scope, *, date_field: str, breakdowns: dict, centre_field):
    """The expression to group by for the scope's breakdown, or None when it has none."""
    if not scope.breakdown:
        return None
    if scope.breakdown in TRUNCATE:
        if _is_datetime(queryset, date_field):
            return TRUNCATE[scope.breakdown](date_field, tzinfo=timezone.get_current_timezone())
        return TRUNCATE[scope.breakdown](date_field)
    if scope.breakdown == Breakdown.CENTRE and centre_field and Breakdown.CENTRE not in breakdowns:
        return centre_field
    if scope.breakdown not in breakdowns:
        raise KeyError(f"breakdown {scope.breakdown!r} is not supported here")
    return breakdowns[scope.breakdown]


def _expr(value):
    return F(value) if isinstance(value, str) else value


def row_key(scope: Scope, value) -> str:
    """The row key of a grouped value; a time key is never before the period (a course begun earlier)."""
    if scope.breakdown in TRUNCATE:
        return max(period_key(scope.breakdown, value), period_key(scope.breakdown, scope.start)) if value else ""
    return "" if value is None else str(value)


def count(
    queryset: QuerySet,
    scope: Scope,
    *,
    date_field: str,
    centre_field: str | None = "centre",
    breakdowns: dict | None = None,
    anonymous: Q | None = None,
    measure=None,
    convert=None,
    until_field: str | None = None,
) -> Value:
    """Records (or the sum `measure`, turned into a number by `convert`) of the period and centres, with
    the anonymous ones apart."""
    queryset = in_scope(queryset, scope, date_field=date_field, centre_field=centre_field, until_field=until_field)
    convert = convert or (lambda n: n or 0)
    aggregates = {"n": measure if measure is not None else Count("pk", distinct=True)}
    if anonymous is not None:
        aggregates["a"] = Count("pk", filter=anonymous, distinct=True)
    totals = queryset.aggregate(**aggregates)
    result = Value(total=convert(totals["n"]), anonymous=totals.get("a") or 0)
    expression = breakdown_expression(
        queryset, scope, date_field=date_field, breakdowns=breakdowns or {}, centre_field=centre_field
    )
    if expression is not None:
        grouped = queryset.values(k=_expr(expression)).annotate(**aggregates).order_by()
        merged: dict[str, Row] = {}
        for row in grouped:
            key = row_key(scope, row["k"])
            found = merged.setdefault(key, Row(key=key, value=0))
            found.value += convert(row["n"])
            found.anonymous += row.get("a") or 0
        result.rows = sorted(merged.values(), key=lambda r: r.key)
    return result


def share(queryset: QuerySet, scope: Scope, *, part: Q, date_field: str, centre_field="centre", breakdowns=None):
    """The records that meet `part` out of all the records of the period (a share)."""
    whole = count(queryset, scope, date_field=date_field, centre_field=centre_field, breakdowns=breakdowns)
    hits = count(queryset.filter(part), scope, date_field=date_field, centre_field=centre_field, breakdowns=breakdowns)
    return share_of(hits, whole)


def share_of(hits: Value, whole: Value) -> Value:
    """The share `hits` of `whole`, row by row."""
    rows = {row.key: row for row in whole.rows}
    by_key = {row.key: row.value for row in hits.rows}
    return Value(
        total=hits.total,
        of=whole.total,
        rows=[Row(key=key, value=by_key.get(key, 0), of=row.value) for key, row in sorted(rows.items())],
    )


# --- People ------------------------------------------------------------------------------------------


@dataclass
class People:
    """Records of people: each a tuple of identities, the breakdown value and how many people it stands
    for (a registration for three: the person registered and two estimated)."""

    # Identities: a client file's id, a member account's id negated, a phone number's hash.
    records: list[tuple[tuple, str, int]] = field(default_factory=list)
    anonymous: list[tuple[str, int]] = field(default_factory=list)  # (breakdown value, people)


E164 = re.compile(r"\+[1-9][0-9]{6,14}")


@functools.lru_cache(maxsize=1)
def _caller_key() -> bytes:
    from integra.core.crypto import derive_key
    from integra.hotline.callers import PURPOSE

    return derive_key(PURPOSE)


@functools.lru_cache(maxsize=200_000)
def _phone_key(number: str) -> str:
    """The hotline's keyed hash of a number (integra.hotline.callers.caller_hash), without parsing a number
    that is stored in E.164 already (phone fields are): parsing each one cost seconds per 100,000 records."""
    if not number:
        return ""
    if E164.fullmatch(number):
        return hmac.digest(_caller_key(), number.encode(), "sha256").hex()
    from integra.hotline.callers import caller_hash

    return caller_hash(number)


def people_records(
    queryset: QuerySet,
    scope: Scope,
    *,
    date_field: str,
    centre_field: str | None = "centre",
    client: str | None = None,
    member: str | None = None,
    phone: str | None = None,
    phone_hash: str | None = None,
    weight=None,
    breakdowns: dict | None = None,
    anonymous_only: bool = False,
    until_field: str | None = None,
    partial: bool = False,
) -> People:
    """The identities behind the records of the period, read in one query. With `partial`, a breakdown
    these records do not know (the sex of a registered person) puts them in the "not known" row.

    The database groups the records by identities and breakdown value (SUM of the people they stand for,
    the first record's id), so Python reads one row per person and value rather than one per record: a
    year of a million consultations by 200,000 clients is 200,000 rows. For a time breakdown, records
    identified by a client file, an account or a phone hash are grouped without the period, keeping the
    earliest (the row a person counts in). Records are taken in the order of their ids: a person counts
    in the row of their first record that has a value."""
    queryset = in_scope(queryset, scope, date_field=date_field, centre_field=centre_field, until_field=until_field)
    if partial and scope.breakdown and scope.breakdown not in (*TRUNCATE, Breakdown.CENTRE, *(breakdowns or {})):
        scope = Scope(scope.start, scope.end, scope.centres, None)
    expression = breakdown_expression(
        queryset, scope, date_field=date_field, breakdowns=breakdowns or {}, centre_field=centre_field
    )
    fields = {
        "c": _expr(client) or V(None, output_field=IntegerField()),
        "m": _expr(member) or V(None, output_field=IntegerField()),
        # The raw text: a phone field's converter would parse every number into an object.
        "p": ExpressionWrapper(F(phone), output_field=CharField()) if phone else V(""),
        "h": _expr(phone_hash) or V(""),
        "k": _expr(expression) if expression is not None else V(""),
    }
    if anonymous_only:
        fields.update(c=V(None, output_field=IntegerField()), m=V(None, output_field=IntegerField()), p=V(""), h=V(""))
    people = Count("pk") if weight is None else Sum(_expr(weight))
    aggregates = {"_n": people, "_first": Min("pk")}
    if weight is not None:  # companions of an identified person: weight - 1 each
        aggregates["_extra"] = Sum(Case(When(GreaterThan(_expr(weight), 1), then=_expr(weight) - 1), default=0))
    # Known to be a person in SQL already (a phone number is hashed in Python and may not be one).
    known = [Q(**{f"{name}__isnull": False}) for name in (client, member) if isinstance(name, str)]
    known += [~Q(**{phone_hash: ""})] if isinstance(phone_hash, str) else []
    group = fields["k"]
    if scope.breakdown in TRUNCATE and known and weight is None and not anonymous_only:
        # A person counts in their earliest period: one row per person with their first day (its period
        # is the earliest; a date compares and converts faster than a truncated time).
        condition = functools.reduce(lambda a, b: a | b, known)
        group = Case(When(condition, then=V(None)), default=fields["k"])
        aggregates["_earliest"] = Min(date_field)
    grouped = (
        queryset.annotate(**{f"_{name}": value for name, value in fields.items() if name != "k"}, _k=group)
        .values("_c", "_m", "_p", "_h", "_k")
        .annotate(**aggregates)
        .values_list("_c", "_m", "_p", "_h", "_k", *aggregates)
        .order_by()
    )
    found = sorted(grouped.iterator(chunk_size=20000), key=lambda row: row[6])
    result = People()
    records, anonymous = result.records, result.anonymous
    earliest = "_earliest" in aggregates
    extra = 0
    for row in found:
        c, m, p, h, value, n = row[:6]
        if earliest and value is None:
            value = row[7]
        elif weight is not None:
            extra = row[7]
        key = row_key(scope, value) if scope.breakdown else ""
        # Identities: a client file (its id), a member account (minus its id), a phone number (its hash).
        ids = []
        if c:
            ids.append(c)
        if m:
            ids.append(-m)
        number = h or _phone_key(p or "")
        if number:
            ids.append(number)
        if ids:
            records.append((tuple(ids), key, 1))
            if extra:
                anonymous.append((key, int(extra)))
        elif n:
            anonymous.append((key, int(n)))
    return result


def unique_people(sources: Iterable[People], *, breakdown: str | None = None) -> Value:
    """Each person once: records sharing a client file, a member account or a phone number are one person.

    In a breakdown a person counts in one row (so that the rows add up to the total): the earliest period
    for a time breakdown, otherwise the value of their first record that has one (sources in the order
    given, each source's records in the order of their ids)."""
    parent: dict = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    records = []
    anonymous: dict[str, int] = {}
    for source in sources:
        for ids, key, _n in source.records:
            for identity in ids:
                parent.setdefault(identity, identity)
            first = find(ids[0])
            for identity in ids[1:]:
                root = find(identity)
                if root != first:
                    parent[root] = first
            records.append((ids[0], key))
        for key, n in source.anonymous:
            anonymous[key] = anonymous.get(key, 0) + n
    person_key: dict = {}
    for identity, key in records:
        root = find(identity)
        current = person_key.get(root)
        if current is None or (not current and key):
            person_key[root] = key
        elif breakdown in TRUNCATE and key and key < current:
            person_key[root] = key
    result = Value(total=len(person_key), anonymous=sum(anonymous.values()))
    if breakdown:
        rows: dict[str, Row] = {}
        for key in person_key.values():
            rows.setdefault(key, Row(key=key, value=0)).value += 1
        for key, n in anonymous.items():
            rows.setdefault(key, Row(key=key, value=0)).anonymous += n
        result.rows = sorted(rows.values(), key=lambda r: r.key)
    return result
