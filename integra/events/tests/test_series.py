"""Recurring series: an organiser makes a weekly or monthly series from the new-event form; its events
are normal events (each edited on its own), shown in the public calendar as part of a series; a rule
that ends before it starts or makes too many events is refused with what was typed kept."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from integra.events import services
from integra.events.models import Event, Series
from integra.events.tests.test_organiser_pages import event_post
from tests.base import signed_in


def _local_starts(series):
    return [timezone.localtime(e.start) for e in series.events.order_by("start")]


def test_a_manager_makes_a_monthly_information_day_and_each_event_stands_alone(client, staff):
    signed_in(client, staff["manager.sofia"])
    data = event_post(start="2030-01-31T17:00", end="2030-01-31T19:00", repeat="monthly", repeat_count="4")
    response = client.post("/en/staff/events/new/", data, follow=True)
    series = Series.objects.get()
    starts = _local_starts(series)
    assert [s.date() for s in starts] == [date(2030, 1, 31), date(2030, 2, 28), date(2030, 3, 31), date(2030, 4, 30)]
    assert {(s.hour, s.minute) for s in starts} == {(17, 0)}  # the same Sofia time across summer time
    assert "The series was saved: 4 events." in response.content.decode()
    first, second = series.events.order_by("start")[:2]
    edit = client.get(f"/en/staff/events/{second.pk}/edit/").content.decode()
    assert "Changes here apply to this event only" in edit and 'name="repeat"' not in edit
    client.post(f"/en/staff/events/{second.pk}/edit/", event_post(
        start="2030-02-28T10:00", end="2030-02-28T12:00", title_en="February: taxes"
    ))  # fmt: skip
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.title["en"] == "February: taxes" and first.title["en"] == "Spring meeting"
    assert series.events.count() == 4


def test_the_public_calendar_shows_series_events_as_events_part_of_a_series(client, staff):
    services.series_create(
        by=staff["manager.sofia"],
        frequency="weekly",
        count=3,
        **_fields(staff),
    )
    html = client.get("/en/events/").content.decode()
    assert html.count("part of a series") == 3
    event = Event.objects.order_by("start").first()
    assert "part of a series" in client.get(f"/en/events/{event.pk}/").content.decode()


def _fields(staff):
    from integra.centres.models import Centre  # noqa: PLC0415

    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    return {
        "kind": Event.Kind.INFORMATION_DAY,
        "title": {"en": "Weekly information day"},
        "centre": Centre.objects.get(slug="sofia"),
        "start": start,
        "end": start + timedelta(hours=2),
        "languages": ["bg"],
        "is_public": True,
    }


def test_a_rule_making_more_than_52_events_is_refused_and_the_input_kept(client, staff):
    signed_in(client, staff["manager.sofia"])
    data = event_post(repeat="weekly", repeat_until="2032-01-01")
    response = client.post("/en/staff/events/new/", data)
    html = response.content.decode()
    assert response.status_code == 200 and not Event.objects.exists()
    assert "This rule makes more than 52 events." in html
    assert 'value="2032-01-01"' in html and "Spring meeting" in html


def test_a_series_ending_before_it_starts_is_refused(client, staff):
    signed_in(client, staff["manager.sofia"])
    response = client.post("/en/staff/events/new/", event_post(repeat="monthly", repeat_until="2030-01-01"))
    assert "The series ends before its first event." in response.content.decode()
    assert not Event.objects.exists() and not Series.objects.exists()


def test_a_repeat_without_an_end_or_a_count_is_refused(client, staff):
    signed_in(client, staff["manager.sofia"])
    response = client.post("/en/staff/events/new/", event_post(repeat="weekly"))
    assert "Say until when the series runs, or how many times." in response.content.decode()
    assert not Event.objects.exists()


def test_the_service_refuses_too_many_and_a_count_of_53(staff):
    with pytest.raises(ValidationError):
        services.series_create(by=staff["manager.sofia"], frequency="weekly", count=53, **_fields(staff))
    assert len(services.series_dates(first=date(2030, 1, 1), frequency="weekly", count=52)) == 52
    assert not Series.objects.exists()
