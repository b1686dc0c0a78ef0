"""Reporting periods: a month, a quarter, a year or any span of days."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    kind: str = "dates"

    @property
    def year(self) -> int | None:
        """The calendar year the period lies in (None when it spans two)."""
        return self.start.year if self.start.year == self.end.year else None

    @property
    def label(self) -> str:
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "quarter":
            return _("Q%(q)s %(year)s") % {"q": (self.start.month - 1) // 3 + 1, "year": self.start.year}
        if self.kind == "month":
            return formats.date_format(self.start, "F Y")
        return f"{formats.date_format(self.start, 'j F Y')} – {formats.date_format(self.end, 'j F Y')}"


def year(value: int) -> Period:
    return Period(date(value, 1, 1), date(value, 12, 31), "year")


def quarter(value: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period(date(value, first, 1), date(value, first + 2, calendar.monthrange(value, first + 2)[1]), "quarter")


def month(value: int, number: int) -> Period:
    return Period(date(value, number, 1), date(value, number, calendar.monthrange(value, number)[1]), "month")
