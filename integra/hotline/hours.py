"""When the line answers: weekly hours, Bulgarian public holidays (the `holidays` package, Orthodox
Easter included) and per-day exceptions (`LineDay`), in the centre's time zone (settings.TIME_ZONE).

    status = line_status(hotline, at=timezone.now())   # LineStatus(is_open, closes_at, next_opening)
    periods = open_periods(hotline, start=now, days=7)  # [(opens, closes) …] aware datetimes
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

# A line without weekly hours in the database answers Monday to Friday, 9:00–17:30 (the seed's hours).
DEFAULT_HOURS = {day: [(time(9), time(17, 30))] for day in range(5)}
WINDOW_SEPARATOR = "/"


@lru_cache(maxsize=32)
def _holidays_of(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("BG", years=year))


def is_public_holiday(day: date) -> bool:
    return day in _holidays_of(day.year)


@dataclass(frozen=True)
class LineStatus:
    is_open: bool
    closes_at: datetime | None
    next_opening: datetime | None


class LineCalendar:
    """One hotline's hours, read once (two queries) and then answered from memory."""

    def __init__(self, hotline):
        self.hotline = hotline
        weekly: dict[int, list[tuple[time, time]]] = {}
        for row in hotline.line_hours.all():
            weekly.setdefault(row.weekday, []).append((row.opens, row.closes))
        self.weekly = weekly if weekly else DEFAULT_HOURS
        self.exceptions = {row.date: row for row in hotline.line_days.all()}

    def hours_on(self, day: date) -> list[tuple[time, time]]:
        exception = self.exceptions.get(day)
        if exception is not None:
            return [] if exception.is_closed else [(exception.opens, exception.closes)]
        if is_public_holiday(day):
            return []
        return sorted(self.weekly.get(day.weekday(), []))

    def periods(self, start: datetime, days: int) -> list[tuple[datetime, datetime]]:
        """The open periods from `start` (an aware datetime) over `days` days, cut to begin no earlier than start."""
        tz = timezone.get_current_timezone()
        local = timezone.localtime(start, tz)
        found = []
        for offset in range(days + 1):
            day = local.date() + timedelta(days=offset)
            for opens, closes in self.hours_on(day):
                begin = timezone.make_aware(datetime.combine(day, opens), tz)
                end = timezone.make_aware(datetime.combine(day, closes), tz)
                if end <= start:
                    continue
                found.append((max(begin, start), end))
        return found

    def status(self, at: datetime) -> LineStatus:
        for begin, end in self.periods(at, 14):
            if begin <= at < end:
                return LineStatus(True, end, None)
            return LineStatus(False, None, begin)
        return LineStatus(False, None, None)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not is_public_holiday(day)

    def one_working_day_after(self, at: datetime) -> datetime:
        """The same time on the next working day (Monday to Friday, not a public holiday)."""
        local = timezone.localtime(at)
        day = local.date() + timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return timezone.make_aware(datetime.combine(day, local.time()), timezone.get_current_timezone())


def calendar_for(hotline) -> LineCalendar:
    return LineCalendar(hotline)


def line_status(hotline, *, at: datetime) -> LineStatus:
    return LineCalendar(hotline).status(at)


def open_periods(hotline, *, start: datetime, days: int = 7):
    return LineCalendar(hotline).periods(start, days)


# -- call-back windows: the line's open periods cut in parts of the day -------------------------
WINDOW_SPLITS = (time(12), time(14))


def call_back_windows(hotline, *, now: datetime, days: int = 7, limit: int = 12) -> list[tuple[datetime, datetime]]:
    """Windows a visitor can choose: each open period split at noon and 14:00, starting at least an hour from now."""
    earliest = now + timedelta(hours=1)
    windows = []
    for begin, end in LineCalendar(hotline).periods(earliest, days):
        points = [begin]
        for split in WINDOW_SPLITS:
            cut = timezone.make_aware(
                datetime.combine(timezone.localtime(begin).date(), split), timezone.get_current_timezone()
            )
            if begin < cut < end:
                points.append(cut)
        points.append(end)
        for first, last in zip(points, points[1:], strict=False):
            if last - first >= timedelta(minutes=30):
                windows.append((first, last))
    return windows[:limit]


def window_value(window: tuple[datetime, datetime]) -> str:
    return f"{window[0].isoformat()}{WINDOW_SEPARATOR}{window[1].isoformat()}"


def parse_window(value) -> tuple[datetime, datetime] | None:
    try:
        first, last = str(value).split(WINDOW_SEPARATOR)
        start, end = datetime.fromisoformat(first), datetime.fromisoformat(last)
    except (TypeError, ValueError):
        return None
    if timezone.is_naive(start) or timezone.is_naive(end) or end <= start:
        return None
    return start, end
