"""The public calendar, an event's page with its register form, the confirmation and the .ics files."""

from datetime import UTC, timedelta

import pytest
from django.core import signing
from django.urls import resolve
from django.utils import timezone

from integra.events.models import Event, Registration
from integra.events.tests.conftest import make_event
from integra.events.views import CONFIRMATION_SALT


def register(client, event, language="en", **changes):
    data = {
        "name": "A. K.",
        "phone": "088 123 4567",
        "email": "",
        "adults": "2",
        "children": "1",
        "language": "ar",
        "interpreter_needed": "on",
        "key": changes.pop("key", "key-1"),
    }
    data.update(changes)
    return client.post(f"/{language}/events/{event.pk}/", data)


def test_the_calendar_lists_upcoming_public_events_only(client, reference_data):
    shown = make_event(title={"en": "Open day"})
    make_event(title={"en": "Staff training"}, is_public=False)
    make_event(title={"en": "Last month"}, days=-30)
    html = client.get("/en/events/").content.decode()
    assert "Open day" in html
    assert "Staff training" not in html and "Last month" not in html
    assert f'href="/en/events/{shown.pk}/"' in html


def test_the_calendar_filters_by_place_kind_and_language(client, reference_data):
    make_event("sofia", title={"en": "Sofia day"}, languages=["bg", "ar"])
    make_event("burgas", title={"en": "Burgas concert"}, kind=Event.Kind.CONCERT, languages=["uk"])
    make_event("sofia", title={"en": "Shumen meeting"}, place="shumen", languages=["fa"])
    assert "Burgas concert" not in client.get("/en/events/?place=centre-sofia").content.decode()
    html = client.get("/en/events/?place=centre-sofia").content.decode()
    assert "Sofia day" in html and "Shumen meeting" not in html
    html = client.get("/en/events/?place=place-shumen").content.decode()
    assert "Shumen meeting" in html and "Sofia day" not in html
    html = client.get("/en/events/?kind=concert").content.decode()
    assert "Burgas concert" in html and "Sofia day" not in html
    html = client.get("/en/events/?language=ar").content.decode()
    assert "Sofia day" in html and "Burgas concert" not in html and "Shumen meeting" not in html
    assert client.get("/en/events/?kind=nonsense&page=zz").status_code == 200


def test_the_calendar_is_paginated_with_constant_queries(client, reference_data, django_assert_max_num_queries):
    for day in range(1, 4):
        make_event(days=day)
    with django_assert_max_num_queries(8) as few:
        client.get("/en/events/?language=bg")
    for day in range(4, 60):
        make_event(days=day)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/en/events/?language=bg&page=1").content.decode()  # another URL: not a cached page
    assert 'rel="next"' in html
    assert client.get("/en/events/?page=3").status_code == 200


def test_an_event_page_shows_the_place_the_phone_and_the_form(client, event):
    html = client.get(f"/ar/events/{event.pk}/").content.decode()
    assert "يوم إعلامي" in html
    assert 'href="tel:+' in html
    assert "openstreetmap.org" in html
    assert 'name="name"' in html and 'name="interpreter_needed"' in html


def test_a_missing_language_falls_back_with_a_notice(client, event):
    html = client.get(f"/tr/events/{event.pk}/").content.decode()
    assert "Information day" in html
    assert 'class="notice"' in html


def test_internal_events_have_no_public_page(client, reference_data):
    internal = make_event(is_public=False)
    assert client.get(f"/en/events/{internal.pk}/").status_code == 404
    assert client.get(f"/en/events/{internal.pk}/event.ics").status_code == 404


def test_registering_gives_a_reference_and_an_ics(client, event):
    response = register(client, event)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.adults, registration.children, registration.language) == (2, 1, "ar")
    assert registration.interpreter_needed and str(registration.phone) == "+359881234567"
    page = client.get(response["Location"])
    assert registration.reference in page.content.decode()
    ics = client.get(response["Location"] + "event.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode().replace("\r\n ", "")  # unfold the long lines
    assert "BEGIN:VEVENT" in body and registration.reference in body and "Information day" in body


def registration_linked(response) -> int:
    match = resolve(response["Location"])
    assert match.view_name == "events:registered"
    return signing.loads(match.kwargs["token"], salt=CONFIRMATION_SALT)


def test_the_same_form_sent_twice_registers_once(client, event):
    first = register(client, event, key="same")
    second = register(client, event, key="same")
    # Both lead to the same registration's page (the signed link carries its time, so the strings may differ).
    assert registration_linked(first) == registration_linked(second) == Registration.objects.get().pk


def test_a_phone_or_an_e_mail_is_needed_and_the_input_stays(client, event):
    response = register(client, event, phone="", name="Мария")
    html = response.content.decode()
    assert response.status_code == 200 and Registration.objects.count() == 0
    assert "Give a phone number or an e-mail address" in html
    assert 'value="Мария"' in html
    assert register(client, event, phone="", email="m@example.org").status_code == 302


def test_a_full_event_refuses_with_a_clear_message_and_keeps_the_input(client, reference_data):
    event = make_event(capacity=3)
    assert register(client, event, key="a").status_code == 302  # 3 people: full now
    response = register(client, event, language="ru", key="b", name="Olena K.")
    html = response.content.decode()
    assert response.status_code == 200
    assert Registration.objects.count() == 1
    assert "мест больше нет" in html
    assert 'value="Olena K."' in html


def test_too_many_people_for_the_places_left_is_refused(client, reference_data):
    event = make_event(capacity=2)
    response = register(client, event)
    assert response.status_code == 200 and Registration.objects.count() == 0
    assert "Places left: 2." in response.content.decode()


def test_a_past_event_refuses_registration(client, reference_data):
    event = make_event(days=-2)
    assert "registration has closed" in client.get(f"/en/events/{event.pk}/").content.decode()
    response = register(client, event, name="Late")
    assert response.status_code == 200 and Registration.objects.count() == 0
    html = response.content.decode()
    assert "This event is over: registration has closed." in html and 'value="Late"' in html


def test_an_event_without_registration_says_just_come(client, reference_data):
    event = make_event(registration=Event.Registration.NONE)
    html = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "No registration needed: just come." in html and 'name="adults"' not in html
    assert register(client, event).status_code == 302
    assert Registration.objects.count() == 0


def test_a_tampered_confirmation_link_is_not_found(client, event):
    assert client.get("/en/events/registered/nonsense/").status_code == 404


@pytest.mark.parametrize("url", ["/en/events/calendar.ics", "/en/events/centre/sofia/calendar.ics"])
def test_the_feeds_list_public_events(client, reference_data, url):
    make_event("sofia", title={"en": "In Sofia"})
    make_event("burgas", title={"en": "In Burgas"})
    make_event("sofia", title={"en": "Internal"}, is_public=False)
    body = client.get(url).content.decode()
    assert body.startswith("BEGIN:VCALENDAR")
    assert "In Sofia" in body and "Internal" not in body
    assert ("In Burgas" in body) == url.endswith("/events/calendar.ics")


def test_an_event_s_own_ics(client, event):
    body = client.get(f"/en/events/{event.pk}/event.ics").content.decode()
    start = event.start.astimezone(UTC)
    assert "BEGIN:VEVENT" in body and f"event-{event.pk}@integra" in body
    assert start.strftime("%Y%m%dT%H%M%SZ") in body


def test_an_unknown_centre_feed_is_not_found(client, reference_data):
    assert client.get("/en/events/centre/nowhere/calendar.ics").status_code == 404


def test_an_event_under_way_is_still_listed(client, reference_data):
    start = timezone.now() - timedelta(minutes=30)
    make_event(title={"en": "Going on"}, start=start, end=start + timedelta(hours=2))
    assert "Going on" in client.get("/en/events/").content.decode()
