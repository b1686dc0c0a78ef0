"""Charts as SVG drawn on the server from templates (no chart script): the geometry is computed here,
`templates/figures/charts/*.svg` draws it. Only the numbers a viewer may see are drawn: a suppressed
small cell has no bar. Right to left in Arabic and Persian: the bars grow from the right, time runs
from right to left. The numbers are always in a table beside the chart as well."""

from dataclasses import dataclass

from integra.core.i18n import is_rtl

WIDTH = 600
BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 200
PLOT_HEIGHT = 180
TOP = 10
BOTTOM = 30


@dataclass
class Mark:
    x: float
    y: float
    width: float
    height: float
    label: str
    text: str
    text_x: float = 0
    text_y: float = 0
    anchor: str = "start"
    second_y: float = 0
    second_height: float = 0


def _max(values) -> float:
    return max([v for v in values if v] or [1])


def bars(rows: list[tuple[str, float | None, str]]) -> dict:
    """Horizontal bars for a breakdown: rows of (label, value or None when hidden, text shown)."""
    rtl = is_rtl()
    top = _max(v for _l, v, _t in rows)
    plot = WIDTH - LABEL_WIDTH - 60
    marks = []
    for i, (label, value, text) in enumerate(rows):
        width = plot * (value or 0) / top
        y = TOP + i * (BAR_HEIGHT + GAP)
        x = WIDTH - LABEL_WIDTH - width if rtl else LABEL_WIDTH
        text_x = x - 4 if rtl else x + width + 4
        marks.append(
            Mark(
                x=x,
                y=y,
                width=width,
                height=BAR_HEIGHT,
                label=label,
                text=text,
                text_x=text_x,
                text_y=y + BAR_HEIGHT * 0.7,
                anchor="end" if rtl else "start",
            )
        )
    return {
        "marks": marks,
        "width": WIDTH,
        "height": TOP + len(rows) * (BAR_HEIGHT + GAP) + GAP,
        "label_x": WIDTH - LABEL_WIDTH + 6 if rtl else LABEL_WIDTH - 6,
        "label_anchor": "start" if rtl else "end",
        "axis_x": WIDTH - LABEL_WIDTH if rtl else LABEL_WIDTH,
    }


def columns(rows: list[tuple[str, float | None, float | None, str]]) -> dict:
    """Stacked columns over time: (label, identified, estimated, text); time runs right to left in RTL."""
    rtl = is_rtl()
    count = max(len(rows), 1)
    step = (WIDTH - 20) / count
    top = _max((a or 0) + (b or 0) for _l, a, b, _t in rows)
    marks = []
    for i, (label, first, second, text) in enumerate(rows):
        position = count - 1 - i if rtl else i
        x = 10 + position * step + step * 0.15
        first_h = PLOT_HEIGHT * (first or 0) / top
        second_h = PLOT_HEIGHT * (second or 0) / top
        y = TOP + PLOT_HEIGHT - first_h
        marks.append(
            Mark(
                x=x,
                y=y,
                width=step * 0.7,
                height=first_h,
                label=label,
                text=text,
                text_x=x + step * 0.35,
                text_y=TOP + PLOT_HEIGHT + 18,
                anchor="middle",
                second_y=y - second_h,
                second_height=second_h,
            )
        )
    return {"marks": marks, "width": WIDTH, "height": TOP + PLOT_HEIGHT + BOTTOM, "baseline": TOP + PLOT_HEIGHT}


def line(rows: list[tuple[str, float | None, str]]) -> dict:
    """A line over time (shares, hours): the points that may be shown, joined in order."""
    rtl = is_rtl()
    count = max(len(rows), 1)
    step = (WIDTH - 40) / max(count - 1, 1)
    top = _max(v for _l, v, _t in rows)
    marks, points = [], []
    for i, (label, value, text) in enumerate(rows):
        x = 20 + ((count - 1 - i) if rtl else i) * step
        y = TOP + PLOT_HEIGHT - (PLOT_HEIGHT * (value or 0) / top)
        if value is not None:
            points.append(f"{x:.1f},{y:.1f}")
        marks.append(Mark(x=x, y=y, width=0, height=0, label=label, text=text, text_x=x, text_y=TOP + PLOT_HEIGHT + 18))
    return {
        "marks": marks,
        "points": " ".join(points),
        "width": WIDTH,
        "height": TOP + PLOT_HEIGHT + BOTTOM,
        "baseline": TOP + PLOT_HEIGHT,
    }
