"""What a page shows of a breakdown: labelled rows with their (possibly suppressed) cells and a chart."""

from dataclasses import dataclass, field

from integra.figures import charts, disclosure, registry
from integra.figures.counting import Value
from integra.figures.registry import TIME_BREAKDOWNS
from integra.figures.services import label_rows


@dataclass
class Section:
    breakdown: str
    title: str
    rows: list  # (label, {"total": Cell, "anonymous": Cell} or {"total", "of", "percent"})
    chart: dict | None
    chart_kind: str  # "bars", "columns" or "line"
    empty: bool
    keys: list = field(default_factory=list)  # the rows' keys, in order (for links to the records)


def section(indicator: registry.Indicator, breakdown: str, value: Value, *, exact: bool) -> Section:
    rows = label_rows(indicator, breakdown, value.rows)
    title = str(registry.Breakdown(breakdown).label)
    protected = indicator.protected
    if indicator.unit == registry.Unit.SHARE:
        cells = [disclosure.share_text(r.value, r.of, protected=protected, exact=exact) for r in rows]
        shown = [{"total": part, "of": whole, "percent": percent} for part, whole, percent in cells]
        points = [(r.label, c["percent"].value, c["percent"].text) for r, c in zip(rows, shown, strict=True)]
        kind = "line" if breakdown in TIME_BREAKDOWNS else "bars"
    else:
        decimals = 1 if indicator.unit == registry.Unit.HOURS else 0
        totals = disclosure.column([r.value for r in rows], protected=protected, exact=exact, decimals=decimals)
        anonymous = disclosure.column([r.anonymous for r in rows], protected=protected, exact=exact)
        shown = [{"total": t, "anonymous": a} for t, a in zip(totals, anonymous, strict=True)]
        points = [(r.label, c["total"].value, c["total"].text) for r, c in zip(rows, shown, strict=True)]
        kind = "bars"
        if breakdown in TIME_BREAKDOWNS:
            kind = "columns"
    chart = None
    if rows:
        if kind == "columns":
            chart = charts.columns(
                [
                    (r.label, c["total"].value, c["anonymous"].value, c["total"].text)
                    for r, c in zip(rows, shown, strict=True)
                ]
            )
        elif kind == "line":
            chart = charts.line(points)
        else:
            chart = charts.bars(points)
    return Section(
        breakdown=breakdown,
        title=title,
        rows=list(zip([r.label for r in rows], shown, strict=True)),
        chart=chart,
        chart_kind=kind,
        empty=not rows,
        keys=[r.key for r in rows],
    )
