"""Small-cell protection: a count of people or contacts below the threshold (settings.FIGURES_SMALL_CELL,
3 by default) is shown as "fewer than 3" to everyone but coordinators, and never in anything public.

A count of 0 is shown (nobody can be recognised in it). In a breakdown where exactly one cell would be
hidden, the next smallest is hidden too, so that the total minus the others cannot give it away.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language, gettext

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def threshold() -> int:
    return settings.FIGURES_SMALL_CELL


def number(value, decimals: int = 0) -> str:
    """A number in the page's language (grouped thousands, Persian digits in Persian)."""
    text = formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return text.translate(PERSIAN_DIGITS) if (get_language() or "").startswith("fa") else text


def fewer_than() -> str:
    return gettext("fewer than %(n)s") % {"n": number(threshold())}


@dataclass
class Cell:
    value: float | None  # None when hidden
    text: str
    suppressed: bool = False


def is_small(value) -> bool:
    return value is not None and 0 < value < threshold()


def cell(value, *, protected: bool, exact: bool, decimals: int = 0) -> Cell:
    if value is None:
        return Cell(None, "–")
    if protected and not exact and is_small(value):
        return Cell(None, fewer_than(), suppressed=True)
    return Cell(value, number(value, decimals))


def column(values: list, *, protected: bool, exact: bool, decimals: int = 0) -> list[Cell]:
    """Cells of one breakdown column, with the complementary cell hidden when only one is small."""
    cells = [cell(v, protected=protected, exact=exact, decimals=decimals) for v in values]
    hidden = [i for i, c in enumerate(cells) if c.suppressed]
    if len(hidden) == 1:
        others = [(v, i) for i, v in enumerate(values) if i not in hidden and v]
        if others:
            _v, i = min(others)
            cells[i] = Cell(None, gettext("hidden"), suppressed=True)
    return cells


def share_text(part, whole, *, protected: bool, exact: bool) -> tuple[Cell, Cell, Cell]:
    """(part, whole, per cent) cells of a share; a small part or whole hides the share too."""
    part_cell = cell(part, protected=protected, exact=exact)
    whole_cell = cell(whole, protected=protected, exact=exact)
    if not whole:
        return part_cell, whole_cell, Cell(None, "–")
    if part_cell.suppressed or whole_cell.suppressed:
        return part_cell, whole_cell, Cell(None, gettext("hidden"), suppressed=True)
    percent = round(100 * part / whole)
    return part_cell, whole_cell, Cell(percent, f"{number(percent)} %")
