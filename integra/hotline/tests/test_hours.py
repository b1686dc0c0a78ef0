from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine

from integra.hotline.hours import calendar_for, call_back_windows, is_public_holiday
from integra.hotline.models import LineDay, LineHours
from integra.hotline.tests.helpers import signed_in

SOFIA = ZoneInfo("Europe/Sofia")


def at(*args):
    return datetime(*args, tzinfo=SOFIA)


def test_orthodox_easter_and_christmas_are_holidays():
    assert is_public_holiday(date(2026, 4, 13))  # Orthodox Easter Monday 2026 (Western Easter was 5 April)
    assert not is_public_holiday(date(2026, 4, 6))
    assert is_public_holiday(date(2026, 12, 25))


def test_the_line_is_closed_on_easter_monday_and_opens_on_tuesday(hotline):
    status = calendar_for(hotline).status(at(2026, 4, 13, 10, 0))
    assert not status.is_open and status.next_opening == at(2026, 4, 14, 9, 0)


def test_the_line_is_open_in_its_hours_and_says_until_when(hotline):
    status = calendar_for(hotline).status(at(2026, 12, 2, 10, 0))
    assert status.is_open and status.closes_at == at(2026, 12, 2, 17, 30)


def test_weekly_hours_and_day_exceptions_win(hotline):
    LineHours.objects.create(hotline=hotline, weekday=5, opens=time(10), closes=time(14))
    LineDay.objects.create(hotline=hotline, date=date(2026, 12, 25), opens=time(10), closes=time(12), reason="duty")
    LineDay.objects.create(hotline=hotline, date=date(2026, 12, 5), reason="training")
    calendar = calendar_for(hotline)
    assert calendar.hours_on(date(2026, 12, 12)) == [(time(10), time(14))]  # a Saturday
    assert calendar.hours_on(date(2026, 12, 7)) == []  # a Monday: only Saturday is set now
    assert calendar.hours_on(date(2026, 12, 25)) == [(time(10), time(12))]  # a holiday opened by an exception
    assert calendar.hours_on(date(2026, 12, 5)) == []  # a Saturday closed by an exception


def test_call_back_windows_skip_holidays_and_the_next_hour(hotline):
    windows = call_back_windows(hotline, now=at(2026, 12, 24, 8, 30))
    days = {w[0].astimezone(SOFIA).date() for w in windows}
    assert date(2026, 12, 24) not in days and date(2026, 12, 28) not in days  # Christmas Eve, observed holiday
    assert min(days) == date(2026, 12, 29)
    first = call_back_windows(hotline, now=at(2026, 12, 2, 9, 30))[0]
    assert first == (at(2026, 12, 2, 10, 30), at(2026, 12, 2, 12, 0))


def test_one_working_day_skips_the_weekend_and_holidays(hotline):
    calendar = calendar_for(hotline)
    assert calendar.one_working_day_after(at(2026, 12, 4, 15, 0)) == at(2026, 12, 7, 15, 0)
    assert calendar.one_working_day_after(at(2026, 12, 23, 11, 0)) == at(2026, 12, 29, 11, 0)


def test_the_simulate_view_shows_what_a_caller_gets(client, staff, hotline):
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/hotline/lines/{hotline.pk}/hours/"
    body = client.get(url, {"at": "2026-04-13T10:00"}).content.decode()
    assert "Closed now. Opens Tuesday at 09:00" in body
    body = client.get(url, {"at": "yesterday"}).content.decode()
    assert "Enter a date and time" in body


def test_managers_add_an_exception_and_consultants_cannot(client, staff, hotline):
    url = f"/en/staff/hotline/lines/{hotline.pk}/hours/"
    signed_in(client, staff["consultant.sofia"])
    assert client.post(url, {"date": "2026-12-31"}).status_code == 404
    client.logout()
    signed_in(client, staff["manager.sofia"])
    assert client.post(url, {"date": "2026-12-31", "reason": "New Year's Eve"}).status_code == 302
    assert LineDay.objects.get().is_closed
    response = client.post(url, {"date": "2027-01-04", "opens": "12:00", "closes": "10:00"})
    assert "The line must close after it opens." in response.content.decode()
    client.logout()
    signed_in(client, staff["trainer.sofia"])
    assert client.get(url).status_code == 403


@time_machine.travel(at(2026, 4, 13, 10, 0), tick=False)
def test_the_home_page_shows_the_hotline_closed_on_easter_monday(client, hotline):
    body = client.get("/en/").content.decode()
    assert f'href="tel:{hotline.phone}"' in body
    assert "Closed now. Opens Tuesday at 09:00" in body


@time_machine.travel(at(2026, 12, 2, 10, 0), tick=False)
def test_a_centre_page_shows_the_hotline_open_now(client, hotline):
    body = client.get("/en/centres/sofia/").content.decode()
    assert f'href="tel:{hotline.phone}"' in body and "Open now, until 17:30" in body
