"""Issue 9, finding 7: booking links carry their secret in one request only, and expire."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from integra.centres.models import Centre
from integra.consultations import services
from integra.consultations.booking import confirmation_token
from integra.consultations.models import Appointment
from integra.consultations.tests.booking_steps import book
from integra.consultations.tests.conftest import local
from integra.topics.models import Topic

pytestmark = pytest.mark.usefixtures("reference_data", "monday_morning")
EXPIRED = "This booking link no longer works"


@pytest.fixture
def booking():
    return services.appointment_book(
        centre=Centre.objects.get(slug="sofia"), start=local(2026, 11, 24, 10),
        topic=Topic.objects.get(slug="residence"), language="fa", interpreter_needed=False,
        name="Reza", phone="+359881234567",
    )  # fmt: skip


def test_after_booking_the_confirmation_url_carries_no_token_and_works_in_that_session_only(client):
    done = book(client)
    assert done["Location"] == "/en/book/confirmation/"
    page = client.get(done["Location"])
    reference = Appointment.objects.get().reference
    assert page.status_code == 200 and reference in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer" and "no-store" in page["Cache-Control"]
    assert client.get("/en/book/confirmation/consultation.ics").status_code == 200
    stranger = Client().get("/en/book/confirmation/")
    assert stranger.status_code == 404 and reference not in stranger.content.decode()
    assert "Find your booking with its reference" in stranger.content.decode()


def test_the_link_to_keep_is_exchanged_for_the_session_and_redirects_without_the_token(client, booking):
    token = confirmation_token(booking)
    response = client.get(f"/en/book/confirmation/{token}/")
    assert response.status_code == 302 and response["Location"] == "/en/book/confirmation/"
    assert token not in response["Location"]
    assert booking.reference in client.get("/en/book/confirmation/").content.decode()
    ics = Client().get(f"/en/book/confirmation/{token}/consultation.ics", follow=True)
    assert ics.redirect_chain == [("/en/book/confirmation/consultation.ics", 302)]
    assert "BEGIN:VEVENT" in ics.content.decode()


def test_the_confirmation_page_gives_the_link_to_keep(client):
    page = client.get(book(client)["Location"]).content.decode()
    link = re.search(r'href="(http://testserver/en/book/confirmation/[^"/]+/)"', page).group(1)
    assert Client().get(link).status_code == 302


def test_a_forged_confirmation_link_is_not_found(client):
    assert client.get("/en/book/confirmation/MQ:forged:signature/").status_code == 404


def test_the_link_expires_a_week_after_the_consultation_with_a_page_saying_what_to_do(client, booking):
    token = confirmation_token(booking)
    with time_machine.travel(booking.end + timedelta(days=6), tick=False):
        assert Client().get(f"/en/book/confirmation/{token}/").status_code == 302
    with time_machine.travel(booking.end + timedelta(days=7, minutes=1), tick=False):
        page = client.get(f"/en/book/confirmation/{token}/")
        body = page.content.decode()
        assert page.status_code == 410 and EXPIRED in body
        assert "Find your booking with its reference" in body and "Call the" in body
        assert client.get("/en/book/confirmation/").status_code == 404


def test_a_granted_page_stops_working_when_the_link_expires(client, booking):
    client.get(f"/en/book/confirmation/{confirmation_token(booking)}/")
    with time_machine.travel(booking.end + timedelta(days=8), tick=False):
        # the session grant lasts two hours; a new grant is refused once the link has expired
        assert client.get("/en/book/confirmation/").status_code == 404


def test_the_change_page_carries_no_token_and_needs_the_lookup_in_this_session(client, booking):
    response = client.post("/en/book/change/", {"reference": booking.reference, "contact": "0881234567"})
    assert response["Location"] == "/en/book/change/booking/"
    assert booking.reference in client.get("/en/book/change/booking/").content.decode()
    stranger = Client()
    assert stranger.get("/en/book/change/booking/")["Location"] == "/en/book/change/"
    assert stranger.post("/en/book/change/booking/cancel/")["Location"] == "/en/book/change/"
    booking.refresh_from_db()
    assert booking.status == Appointment.Status.BOOKED
    with time_machine.travel(local(2026, 11, 23, 9, 1), tick=False):  # more than an hour later
        assert client.get("/en/book/change/booking/")["Location"] == "/en/book/change/"


@pytest.mark.parametrize(
    ("language", "text"),
    [("bg", "Тази връзка към записването вече не работи"), ("ar", "رابط الحجز هذا لم يعد يعمل")],
)
def test_the_expired_link_page_is_in_the_visitors_language(client, language, text):
    body = client.get(f"/{language}/book/confirmation/").content.decode()
    assert text in body and f'lang="{language}"' in body
