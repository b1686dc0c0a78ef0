"""The figures' people as counted before issue 18's SQL grouping (integra.figures.counting.people_records
up to commit 8f584ac): one row per record read into Python. The bench swaps it in (`--before`) to time
the old and the new way in the same run on the same database; nothing else uses it."""

from django.db.models import CharField, ExpressionWrapper, F, IntegerField, QuerySet
from django.db.models import Value as V

from integra.figures.counting import (
    TRUNCATE,
    Breakdown,
    People,
    Scope,
    _expr,
    _phone_key,
    breakdown_expression,
    in_scope,
    row_key,
)

__all__ = ["people_records"]


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
    these records do not know (the sex of a registered person) puts them in the "not known" row."""
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
        "w": _expr(weight) if weight is not None else V(1, output_field=IntegerField()),
        "k": _expr(expression) if expression is not None else V(""),
    }
    result = People()
    # values() with expressions: one row per record (or per m2m value for a many-valued breakdown).
    for row in queryset.values(**fields).order_by().iterator(chunk_size=5000):
        key = row_key(scope, row["k"]) if scope.breakdown else ""
        people = int(row["w"] or 0)
        ids = []
        if not anonymous_only:
            if row["c"]:
                ids.append(("client", row["c"]))
            if row["m"]:
                ids.append(("member", row["m"]))
            number = row["h"] or _phone_key(row["p"])
            if number:
                ids.append(("phone", number))
        if ids:
            result.records.append((tuple(ids), key, 1))
            if people > 1:
                result.anonymous.append((key, people - 1))
        elif people:
            result.anonymous.append((key, people))
    return result
