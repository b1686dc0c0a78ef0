import re

import pytest

from integra.centres.models import Centre
from integra.consultations import services
from integra.consultations.models import Appointment, Consultation
from integra.consultations.tests.conftest import local
from integra.topics.models import Topic
from tests.base import signed_in

pytestmark = pytest.mark.usefixtures("reference_data", "monday_morning")
FIND = "/en/book/change/"


@pytest.fixture
def booking():
    return services.appointment_book(
        centre=Centre.objects.get(slug="sofia"),
        start=local(2026, 11, 24, 10),
        topic=Topic.objects.get(slug="residence"),
        language="fa",
        interpreter_needed=True,
        name="Reza",
        phone="+359881234567",
        email="reza@example.org",
    )


def manage_page(client, reference, contact):
    response = client.post(FIND, {"reference": reference, "contact": contact})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


@pytest.mark.parametrize("contact", ["0881234567", "+359 88 123 4567", "REZA@example.org"])
def test_a_visitor_finds_their_booking_with_the_reference_and_phone_or_email(client, booking, contact):
    page = client.get(manage_page(client, booking.reference.lower(), contact))
    assert booking.reference in page.content.decode()


def test_an_unknown_reference_or_wrong_contact_gets_one_clear_message_and_keeps_the_input(client, booking):
    for reference, contact in (("B-AAA-AAA", "0881234567"), (booking.reference, "0889999999")):
        page = client.post(FIND, {"reference": reference, "contact": contact})
        body = page.content.decode()
        assert "We could not find a booking with this reference" in body
        assert f'value="{reference}"' in body and f'value="{contact}"' in body


def test_a_visitor_cancels_without_an_account_and_the_slot_is_free_again(client, booking):
    url = manage_page(client, booking.reference, "0881234567")
    response = client.post(url + "cancel/")
    assert "Your booking is cancelled" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Appointment.Status.CANCELLED
    assert local(2026, 11, 24, 10) in services.free_slots(booking.centre)


def test_a_visitor_moves_the_booking_to_another_free_time(client, booking):
    url = manage_page(client, booking.reference, "reza@example.org")
    response = client.post(url + "reschedule/", {"slot": "2026-11-24T11:00"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.start == local(2026, 11, 24, 11)


def test_moving_to_a_taken_time_is_refused_with_a_clear_message(client, booking):
    services.appointment_book(
        centre=booking.centre,
        start=local(2026, 11, 24, 11),
        topic=booking.topic,
        language="bg",
        interpreter_needed=False,
        name="Other",
        email="other@example.org",
    )
    url = manage_page(client, booking.reference, "0881234567")
    response = client.post(url + "reschedule/", {"slot": "2026-11-24T11:00"})
    assert "This time is not free any more" in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == local(2026, 11, 24, 10)


def test_a_forged_manage_link_is_not_found(client, booking):
    assert client.get("/en/book/change/not-a-token/").status_code == 404
    assert client.post("/en/book/change/not-a-token/cancel/").status_code == 404


def test_the_consultant_turns_the_booking_into_a_consultation_in_one_step(client, staff, booking):
    signed_in(client, staff["consultant.sofia"])
    listing = client.get("/en/staff/appointments/").content.decode()
    assert booking.reference in listing
    response = client.post(f"/en/staff/appointments/{booking.pk}/arrived/")
    consultation = Consultation.objects.get()
    assert response["Location"] == f"/en/staff/consultations/{consultation.pk}/edit/"
    assert consultation.appointment == booking and consultation.consultant == staff["consultant.sofia"]
    assert [t.slug for t in consultation.topics.all()] == ["residence"]
    assert consultation.language == "fa" and consultation.interpreting == "interpreter"
    booking.refresh_from_db()
    assert booking.status == Appointment.Status.ATTENDED
    client.post(f"/en/staff/appointments/{booking.pk}/arrived/")
    assert Consultation.objects.count() == 1


def test_another_centres_booking_cannot_be_turned_into_a_record(client, staff, booking):
    signed_in(client, staff["consultant.plovdiv"])
    assert booking.reference not in client.get("/en/staff/appointments/").content.decode()
    assert client.post(f"/en/staff/appointments/{booking.pk}/arrived/").status_code == 404


def test_a_manager_edits_the_rota_and_adds_a_closed_day(client, staff):
    signed_in(client, staff["manager.sofia"])
    url = "/en/staff/rota/sofia/"
    assert client.get(url).status_code == 200
    client.post(url, {"save_rota": "1", "slot_minutes": "45", "is_bookable": "on"})
    client.post(url, {"add_closed": "1", "date": "2026-11-24", "reason": "Training day"})
    sofia = Centre.objects.get(slug="sofia")
    assert sofia.rota.slot_minutes == 45
    assert services.centre_slots(sofia, first_day=local(2026, 11, 24, 0).date(), days=1) == []
    refused = client.post(url, {"add_closed": "1", "date": "2026-11-01", "reason": ""})
    assert "The date cannot be in the past." in refused.content.decode()
    bad = client.post(url, {"save_rota": "1", "slot_minutes": "5"})
    assert "Enter a length between 10 and 120 minutes." in bad.content.decode()


def test_the_rota_is_for_managers_of_the_centre_only(client, staff):
    assert client.get("/en/staff/rota/sofia/").status_code == 302
    signed_in(client, staff["consultant.sofia"])
    assert client.get("/en/staff/rota/sofia/").status_code == 403
    signed_in(client, staff["manager.plovdiv"])
    assert client.get("/en/staff/rota/sofia/").status_code == 404


def test_the_booking_reference_is_short_and_readable(booking):
    assert re.fullmatch(r"B-[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}", booking.reference)
