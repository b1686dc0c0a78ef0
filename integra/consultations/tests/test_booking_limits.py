"""Issue 9, finding 4: the public booking and the change/cancel look-up are rate-limited, and one
phone number or e-mail holds at most two upcoming bookings."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from integra.centres.models import Centre
from integra.consultations import services
from integra.consultations.models import Appointment
from integra.consultations.tests.booking_steps import book
from integra.consultations.tests.conftest import local
from integra.topics.models import Topic

pytestmark = pytest.mark.usefixtures("reference_data", "monday_morning")

LIMITED = "We have received several bookings from you in a short time."
CAPPED = "You already have 2 upcoming bookings with this phone number or e-mail."


def contact(n: int, **extra) -> dict:
    return {"contact-name": f"Visitor {n}", "contact-phone": f"088 100 00{n:02d}", **extra}


def slot(hour: int, minute: int = 0) -> dict:
    return {"slot-slot": f"2026-11-24T{hour:02d}:{minute:02d}"}


def test_the_sixth_booking_from_one_address_in_an_hour_is_refused_with_the_answers_kept(client):
    for n in range(5):
        done = book(client, contact=contact(n), slot=slot(10 + n // 2, 30 * (n % 2)))
        assert done.status_code == 302, done.content.decode()[:2000]
    refused = book(client, contact=contact(9), slot=slot(13))
    body = refused.content.decode()
    assert refused.status_code == 429
    assert LIMITED in body and 'class="error-summary"' in body
    assert "Visitor 9" in body and "13:00" in body  # still on the check page, nothing lost
    assert Appointment.objects.count() == 5


def test_a_double_submit_is_not_counted_twice(client):
    from integra.consultations.tests.booking_steps import post, reach_check_page

    check = reach_check_page(client)
    for _attempt in range(8):
        assert post(client, check, "check").status_code == 302
    assert Appointment.objects.count() == 1


@override_settings(BOOKING_MAX_ACTIVE_PER_CONTACT=10)
def test_one_phone_number_books_at_most_three_times_a_day_even_from_other_addresses(client):
    for n in range(3):
        client.defaults["REMOTE_ADDR"] = f"10.0.0.{n}"
        done = book(client, contact=contact(1), slot=slot(10 + n))
        assert done.status_code == 302
    client.defaults["REMOTE_ADDR"] = "10.0.0.99"
    refused = book(client, contact=contact(1, **{"contact-phone": "+359 88 100 0001"}), slot=slot(14))
    assert refused.status_code == 429 and LIMITED in refused.content.decode()
    assert Appointment.objects.count() == 3


@override_settings(BOOKING_MAX_ACTIVE_PER_CONTACT=10)
def test_one_email_in_any_case_counts_as_one_contact(client):
    for n in range(3):
        fields = {"contact-name": "A", "contact-email": f"{'Amira' if n else 'AMIRA'}@Example.org"}
        client.defaults["REMOTE_ADDR"] = f"10.0.1.{n}"
        assert book(client, contact=fields, slot=slot(10 + n)).status_code == 302
    client.defaults["REMOTE_ADDR"] = "10.0.1.99"
    refused = book(client, contact={"contact-name": "A", "contact-email": "amira@example.org"}, slot=slot(14))
    assert refused.status_code == 429


def test_a_third_upcoming_booking_for_one_contact_is_refused_until_one_is_cancelled(client):
    for n in range(2):
        assert book(client, contact=contact(1), slot=slot(10 + n)).status_code == 302
    refused = book(client, contact=contact(1), slot=slot(12))
    body = refused.content.decode()
    assert refused.status_code == 200 and CAPPED in body and "Visitor 1" in body
    assert Appointment.objects.count() == 2
    services.appointment_cancel(appointment=Appointment.objects.first())
    cache.clear()  # a day later: the rate limit counted three attempts today, the cap is what is tested here
    assert book(client, contact=contact(1), slot=slot(12)).status_code == 302


def test_past_bookings_do_not_count_against_the_cap(client):
    # Two bookings of this morning that have already started are not "upcoming" at 11:00.
    import time_machine

    for n in range(2):
        assert book(client, contact=contact(1), slot=slot(10, 30 * n)).status_code == 302
    with time_machine.travel(local(2026, 11, 24, 11), tick=False):
        assert services.upcoming_for_contact(phone="+359881000001") == 0


def test_staff_booking_for_a_caller_is_not_capped():
    sofia, topic = Centre.objects.get(slug="sofia"), Topic.objects.get(slug="residence")
    fields = {"centre": sofia, "topic": topic, "language": "bg", "interpreter_needed": False, "name": "Caller"}
    for hour in (10, 11):
        services.appointment_book(start=local(2026, 11, 24, hour), phone="+359881000001", **fields)
    with pytest.raises(services.TooManyBookings):
        services.appointment_book(start=local(2026, 11, 24, 12), phone="+359881000001", **fields)
    services.appointment_book(start=local(2026, 11, 24, 12), phone="+359881000001", cap_per_contact=False, **fields)
    assert Appointment.objects.count() == 3


def test_the_change_lookup_is_limited_per_address_without_revealing_a_booking(client):
    sofia, topic = Centre.objects.get(slug="sofia"), Topic.objects.get(slug="residence")
    booking = services.appointment_book(
        centre=sofia, start=local(2026, 11, 24, 10), topic=topic, language="bg", interpreter_needed=False,
        name="Reza", phone="+359881234567",
    )  # fmt: skip
    for n in range(10):
        page = client.post("/en/book/change/", {"reference": f"B-AAA-A{n:02d}", "contact": "0881234567"})
        assert page.status_code == 200
    refused = client.post("/en/book/change/", {"reference": booking.reference, "contact": "0881234567"})
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "You have tried to find a booking many times" in body
    assert f'value="{booking.reference}"' in body and 'value="0881234567"' in body
    client.defaults["REMOTE_ADDR"] = "10.9.9.9"  # another address finds it
    assert client.post("/en/book/change/", {"reference": booking.reference, "contact": "0881234567"}).status_code == 302


def test_guessing_the_contact_of_one_reference_is_limited_from_any_address(client):
    sofia, topic = Centre.objects.get(slug="sofia"), Topic.objects.get(slug="residence")
    booking = services.appointment_book(
        centre=sofia, start=local(2026, 11, 24, 10), topic=topic, language="bg", interpreter_needed=False,
        name="Reza", phone="+359881234567",
    )  # fmt: skip
    for n in range(5):
        client.defaults["REMOTE_ADDR"] = f"10.2.0.{n}"
        guess = {"reference": booking.reference, "contact": f"08800000{n:02d}"}
        assert client.post("/en/book/change/", guess).status_code == 200
    client.defaults["REMOTE_ADDR"] = "10.2.0.99"
    refused = client.post("/en/book/change/", {"reference": booking.reference.lower(), "contact": "0881234567"})
    assert refused.status_code == 429
