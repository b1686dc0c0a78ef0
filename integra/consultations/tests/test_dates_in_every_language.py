"""The booking and reminder dates in every language (translation review 2026-12, issue 11 item 19): day
first, the month's name in the case the language needs after a number (ru "24 ноября", uk "24 листопада",
never the nominative "Ноябрь"/"Листопад"), Bulgarian months in lowercase, no Latin comma in Arabic or
Persian, no month-first numbers in the SMS."""

import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from integra.consultations.tests import booking_steps
from integra.consultations.tests.conftest import local
from tests.wizard_walk import answer

pytestmark = pytest.mark.django_db

START = local(2026, 11, 24, 10, 0)  # Tuesday 24 November 2026, 10:00 in Sofia
# language: (the day and month as the language writes them after a number, a word that must not appear)
EXPECTED = {
    "en": ("24 November 2026", None),
    "bg": ("24 ноември 2026 г.", "Ноември"),
    "ru": ("24 ноября 2026 г.", "Ноябрь"),
    "uk": ("24 листопада 2026 р.", "Листопад"),
    "tr": ("24 Kasım 2026", None),
    "ar": ("24 نوفمبر 2026", None),
    "fa": ("۲۴ نوامبر ۲۰۲۶", None),
}
WEEKDAY = {
    "en": "Tuesday",
    "bg": "Вторник",
    "ru": "Вторник",
    "uk": "Вівторок",
    "tr": "Salı",
    "ar": "الثلاثاء",
    "fa": "سه‌شنبه",
}


def assert_reads_well(text: str, lang: str):
    day_month, wrong = EXPECTED[lang]
    assert day_month in text, f"{lang}: {day_month!r} not in {text!r}"
    if wrong:
        assert wrong not in text, f"{lang}: {wrong!r} in {text!r}"
    if lang in ("ar", "fa"):
        assert "," not in text, f"{lang}: Latin comma in {text!r}"
    assert not re.search(r"\b11[./]24\b", text), f"{lang}: month first in {text!r}"
    assert "+02:00" not in text and "2026-11-24" not in text


@pytest.mark.parametrize("lang", list(EXPECTED))
def test_the_reminder_e_mail_and_sms_give_the_day_first_with_the_month_in_the_right_case(lang):
    appointment = SimpleNamespace(
        name="Amira",
        reference="B-K7M-4QX",
        centre=SimpleNamespace(name={"en": "Information Centre for Immigrants – Sofia"}, address={"en": "1 Main St"}),
    )
    with translation.override(lang):
        mail = render_to_string("consultations/email/reminder.txt", {"appointment": appointment, "start": START})
        sms = render_to_string("consultations/email/reminder_sms.txt", {"appointment": appointment, "start": START})
    assert_reads_well(mail, lang)
    assert WEEKDAY[lang] in mail
    assert_reads_well(sms, lang)
    assert "information centre Information Centre" not in mail  # the centre's name is said once


@pytest.mark.parametrize("lang", list(EXPECTED))
def test_the_booking_confirmation_gives_the_day_first_with_the_month_in_the_right_case(
    client, reference_data, monday_morning, lang
):
    page = client.get(f"/{lang}/book/start/")
    for step, fields in booking_steps.ANSWERS.items():
        page = answer(client, page, step, fields)
    page = answer(client, page, "check", {})
    html = page.content.decode()
    when = re.search(r'<time datetime="2026-11-24T10:00\+02:00">(.*?)</time>', html, re.S)
    assert when, html[:2000]
    text = re.sub(r"<[^>]+>", "", when.group(1))
    assert_reads_well(text, lang)
    assert text.startswith(WEEKDAY[lang]) or lang == "tr"
