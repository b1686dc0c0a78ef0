"""Dates and times as people read them, in the page's language: the one place that formats a day or a
moment for a visitor (the wizards' check pages, confirmations, receipts, reminders by e-mail and SMS).

    long_date(date(2026, 12, 2))            en "Wednesday 2 December 2026"   uk "Середа, 2 грудня 2026 р."
    long_datetime(aware)                    en "Wednesday 2 December 2026, 11:00"   ar "الأربعاء، 2 ديسمبر 2026، 11:00"
    long_datetime(aware, weekday=False)     en "2 December 2026, 11:00" (SMS: short, still unambiguous)

Always day first and with the month's name (a numeric 03/05 is read as March or May depending on the
reader), the month in the case the language needs after a day number (Django's `E`: ru "2 декабря",
uk "2 грудня"; the other languages have one form), the Europe/Sofia time, and the language's own
comma ("،" in Arabic and Persian, with Persian digits in Persian). The template filters `long_date`
and `long_datetime` (integra tags) add `<time datetime>` and keep the clock time left-to-right inside
right-to-left pages.
"""

from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import get_language

from integra.core.i18n import is_rtl

# language: (with weekday, without weekday, without year), Django date-format characters.
DATE_FORMATS = {
    "en": ("l j F Y", "j F Y", "l j F"),
    "bg": ("l, j F Y г.", "j F Y г.", "l, j F"),
    "ru": ("l, j E Y г.", "j E Y г.", "l, j E"),
    "uk": ("l, j E Y р.", "j E Y р.", "l, j E"),
    "tr": ("j F Y l", "j F Y", "j F l"),
    "ar": ("l، j F Y", "j F Y", "l، j F"),
    "fa": ("l، j F Y", "j F Y", "l، j F"),
}
# How a date and a clock time are joined.
JOINERS = {"ar": "{date}، {time}", "fa": "{date}، {time}"}
DEFAULT_JOINER = "{date}, {time}"
TIME_FORMAT = "H:i"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _language(language: str | None = None) -> str:
    code = (language or get_language() or "en").split("-")[0]
    return code if code in DATE_FORMATS else "en"


def _digits(text: str, language: str) -> str:
    return text.translate(PERSIAN_DIGITS) if language == "fa" else text


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def long_date(day: date | datetime, *, weekday: bool = True, year: bool = True, language: str | None = None) -> str:
    """The day in words in the active language: "Wednesday 2 December 2026"."""
    language = _language(language)
    if isinstance(day, datetime):
        day = _local(day).date()
    with_weekday, without_weekday, without_year = DATE_FORMATS[language]
    pattern = with_weekday if weekday and year else without_year if weekday else without_weekday
    return _digits(formats.date_format(day, pattern), language)


def clock_time(moment: datetime, *, language: str | None = None) -> str:
    """The Sofia clock time, 24-hour: "11:00"."""
    return _digits(formats.time_format(_local(moment), TIME_FORMAT), _language(language))


def long_datetime(moment: datetime, *, weekday: bool = True, language: str | None = None) -> str:
    """The day in words and the Sofia clock time: "Wednesday 2 December 2026, 11:00"."""
    language = _language(language)
    joiner = JOINERS.get(language, DEFAULT_JOINER)
    return joiner.format(
        date=long_date(moment, weekday=weekday, language=language), time=clock_time(moment, language=language)
    )


def long_date_html(day: date | datetime, **options) -> str:
    iso = (_local(day).date() if isinstance(day, datetime) else day).isoformat()
    return format_html('<time datetime="{}">{}</time>', iso, long_date(day, **options))


def long_datetime_html(moment: datetime, *, weekday: bool = True) -> str:
    """<time datetime="2026-12-02T11:00+02:00">…</time>; the clock time isolated left-to-right on RTL pages."""
    language = _language()
    local = _local(moment)
    iso = local.isoformat(timespec="minutes")
    time_text = clock_time(local, language=language)
    time_html = format_html('<bdi dir="ltr">{}</bdi>', time_text) if is_rtl(language) else time_text
    joiner = JOINERS.get(language, DEFAULT_JOINER)
    date_text = long_date(local, weekday=weekday, language=language)
    return format_html(
        '<time datetime="{}">{}</time>',
        iso,
        format_html(joiner.replace("{date}", "{0}").replace("{time}", "{1}"), date_text, time_html),
    )


def long_window(start: datetime, end: datetime, *, language: str | None = None) -> str:
    """A day and a span of clock time: "Wednesday 2 December, 11:00–13:00"."""
    language = _language(language)
    span = f"{clock_time(start, language=language)}–{clock_time(end, language=language)}"
    if is_rtl(language):
        span = f"\u2066{span}\u2069"  # left-to-right isolate: 11:00–13:00 is not drawn as 13:00–11:00
    return JOINERS.get(language, DEFAULT_JOINER).format(date=long_date(start, year=False, language=language), time=span)


def long_window_html(start: datetime, end: datetime) -> str:
    language = _language()
    span = f"{clock_time(start, language=language)}–{clock_time(end, language=language)}"
    joiner = JOINERS.get(language, DEFAULT_JOINER).replace("{date}", "{0}").replace("{time}", "{1}")
    return format_html(
        joiner,
        format_html(
            '<time datetime="{}">{}</time>',
            _local(start).isoformat(timespec="minutes"),
            long_date(start, year=False, language=language),
        ),
        format_html('<bdi dir="ltr">{}</bdi>', span),
    )
