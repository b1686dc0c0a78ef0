"""Changing a booking's time in the booking's own two steps, day then time (issue 11 item 9): a GET form
for the day, then a POST form with that day's free times; plain HTML, no script needed."""

import re

import pytest

from integra.centres.models import Centre
from integra.consultations import services
from integra.consultations.models import Appointment
from integra.consultations.tests.conftest import local
from integra.topics.models import Topic

pytestmark = pytest.mark.usefixtures("reference_data", "monday_morning")
MANAGE = "/{lang}/book/change/booking/"


@pytest.fixture
def booking():
    return services.appointment_book(
        centre=Centre.objects.get(slug="sofia"), start=local(2026, 11, 24, 10),
        topic=Topic.objects.get(slug="residence"),
        language="uk", interpreter_needed=False, name="Oksana", phone="+359881234567",
    )  # fmt: skip


def find(client, booking, lang="en"):
    response = client.post(f"/{lang}/book/change/", {"reference": booking.reference, "contact": "0881234567"})
    assert response.status_code == 302
    return response["Location"]


def test_the_change_starts_with_the_days_not_a_list_of_every_time(client, booking):
    response = client.get(find(client, booking))
    # Its own forms must reach the CSRF check with a real Origin: not "no-referrer" (Chromium sends "null").
    assert response["Referrer-Policy"] == "same-origin"
    page = response.content.decode()
    assert "<select" not in page
    day_form = re.search(
        r'<form method="get" action="/en/book/change/booking/#change-time" novalidate>(.*?)</form>', page, re.S
    )
    assert day_form, page
    days = re.findall(r'<input type="radio" name="day" value="(\d{4}-\d\d-\d\d)"', day_form.group(1))
    assert "2026-11-24" in days and len(days) == len(set(days)) and len(days) < 40
    assert "Tuesday 24 November" in day_form.group(1)
    assert 'name="slot"' not in page


def test_choosing_a_day_shows_that_days_free_times_and_moving_there_works(client, booking):
    find(client, booking)
    page = client.get("/en/book/change/booking/", {"day": "2026-11-25"}).content.decode()
    times = re.findall(r'<input type="radio" name="slot" value="([^"]+)"', page)
    assert times and all(t.startswith("2026-11-25T") for t in times)
    assert '<input type="hidden" name="day" value="2026-11-25">' in page
    assert "Wednesday 25 November 2026" in page and 'href="/en/book/change/booking/#change-time"' in page
    response = client.post("/en/book/change/booking/reschedule/", {"day": "2026-11-25", "slot": "2026-11-25T11:00"})
    assert response.status_code == 302 and response["Location"] == "/en/book/confirmation/"
    booking.refresh_from_db()
    assert booking.start == local(2026, 11, 25, 11)


def test_the_booked_days_own_other_times_are_offered_but_not_the_taken_ones(client, booking):
    find(client, booking)
    page = client.get("/en/book/change/booking/", {"day": "2026-11-24"}).content.decode()
    times = re.findall(r'name="slot" value="([^"]+)"', page)
    assert "2026-11-24T10:00" not in times and "2026-11-24T11:00" in times


def test_no_time_chosen_or_a_time_taken_meanwhile_is_explained_and_the_day_kept(client, booking):
    find(client, booking)
    missing = client.post("/en/book/change/booking/reschedule/", {"day": "2026-11-25"}).content.decode()
    assert "Choose a new time." in missing and '<input type="hidden" name="day" value="2026-11-25">' in missing
    assert missing.count('<h2 id="error-summary-title">') == 1
    services.appointment_book(
        centre=booking.centre, start=local(2026, 11, 25, 11), topic=booking.topic, language="bg",
        interpreter_needed=False, name="Other", email="other@example.org",
    )  # fmt: skip
    taken = client.post("/en/book/change/booking/reschedule/", {"day": "2026-11-25", "slot": "2026-11-25T11:00"})
    assert "This time is not free any more" in taken.content.decode()
    booking.refresh_from_db()
    assert booking.start == local(2026, 11, 24, 10)


def test_a_day_without_free_times_or_not_a_day_is_explained(client, booking):
    find(client, booking)
    for value in ("2026-11-29", "tomorrow"):  # a Sunday (closed), and nonsense
        page = client.get("/en/book/change/booking/", {"day": value})
        assert page.status_code == 200
        body = page.content.decode()
        assert 'class="error-summary"' in body and 'name="slot"' not in body
        assert "<title>Error:" in body


def test_in_arabic_the_days_are_named_in_arabic(client, booking):
    page = client.get(find(client, booking, "ar")).content.decode()
    assert 'dir="rtl"' in page and "الثلاثاء" in page  # Tuesday
    times = client.get("/ar/book/change/booking/", {"day": "2026-11-24"}).content.decode()
    assert re.search(r'name="slot" value="2026-11-24T11:00"', times)


def test_without_the_look_up_the_steps_send_back_to_it(client, booking):
    assert client.get("/en/book/change/booking/", {"day": "2026-11-25"})["Location"] == "/en/book/change/"
    response = client.post("/en/book/change/booking/reschedule/", {"day": "2026-11-25", "slot": "2026-11-25T11:00"})
    assert response["Location"] == "/en/book/change/"
    assert Appointment.objects.get(pk=booking.pk).start == local(2026, 11, 24, 10)
