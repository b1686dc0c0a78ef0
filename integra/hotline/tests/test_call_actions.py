"""From a call, in one step (issue 12 item 3): put it on a client file with consent, book a consultation for
the caller, record it as a consultation by phone to add a referral."""

import pytest

from integra.centres.models import Centre, Hotline
from integra.clients import services as client_services
from integra.clients.models import Client
from integra.consultations.models import Appointment, Consultation
from integra.consultations.tests.conftest import NOW, local
from integra.hotline.models import Call
from integra.topics.models import Topic
from tests.base import signed_in


@pytest.fixture
def call(staff):
    call = Call.objects.create(
        hotline=Hotline.objects.first(),
        centre=Centre.objects.get(slug="sofia"),
        operator=staff["consultant.sofia"],
        language="ar",
        duration_seconds=420,
        nationality="SY",
        gender="female",
    )
    call.topics.set([Topic.objects.get(slug="residence")])
    return call


@pytest.fixture
def amira(staff):
    return client_services.client_create(
        centre=Centre.objects.get(slug="sofia"), by=staff["consultant.sofia"], name="Amira", nationality="SY"
    )


def test_the_call_goes_on_a_client_file_only_with_consent_and_shows_on_its_history(client, staff, call, amira):
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/hotline/calls/{call.pk}/client/"
    refused = client.post(url, {"action": "link", "reference": amira.reference})
    assert refused.status_code == 200
    assert "Ask the caller first" in refused.content.decode()
    assert amira.reference in refused.content.decode()  # what was typed stays
    call.refresh_from_db()
    assert call.client is None

    response = client.post(url, {"action": "link", "reference": amira.reference, "consent": "on"})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.client == amira and call.client_consent_at is not None
    page = client.get(f"/en/staff/clients/{amira.reference}/").content.decode()
    assert "Calls to the hotline" in page and f"/staff/hotline/calls/{call.pk}/" in page


def test_another_centres_file_cannot_be_linked(client, staff, call):
    plovdiv = client_services.client_create(
        centre=Centre.objects.get(slug="plovdiv"), by=staff["consultant.plovdiv"], name="Oleh"
    )
    signed_in(client, staff["consultant.sofia"])
    response = client.post(
        f"/en/staff/hotline/calls/{call.pk}/client/",
        {"action": "link", "reference": plovdiv.reference, "consent": "on"},
    )
    assert response.status_code == 404
    call.refresh_from_db()
    assert call.client is None


def test_a_new_file_is_opened_for_the_caller_from_the_call(client, staff, call):
    signed_in(client, staff["consultant.sofia"])
    response = client.post(
        f"/en/staff/hotline/calls/{call.pk}/client/",
        {
            "action": "new",
            "centre": Centre.objects.get(slug="sofia").pk,
            "name": "Layla",
            "nationality": "SY",
            "gender": "female",
            "residence_status": "protection",
            "consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    call.refresh_from_db()
    assert call.client == Client.objects.get(name="Layla")


def test_an_operator_books_a_consultation_for_the_caller(client, staff, call, time_machine):
    time_machine.move_to(NOW, tick=False)
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/hotline/calls/{call.pk}/book/"
    sofia = Centre.objects.get(slug="sofia").pk
    shown = client.post(url, {"centre": sofia, "day": "2026-11-23", "show": "1"}).content.decode()
    assert 'value="2026-11-23T10:00:00+02:00"' in shown
    missing = client.post(url, {"centre": sofia, "day": "2026-11-23", "book": "1"})
    assert "Choose a time." in missing.content.decode()
    bad_phone = client.post(
        url,
        {"centre": sofia, "day": "2026-11-23", "start": "2026-11-23T10:00:00+02:00", "topic": call.topics.get().pk,
         "language": "ar", "name": "Amira", "phone": "abc123", "book": "1"},
    )  # fmt: skip
    assert "Enter a phone number" in bad_phone.content.decode() and "abc123" in bad_phone.content.decode()
    booked = client.post(
        url,
        {"centre": sofia, "day": "2026-11-23", "start": "2026-11-23T10:00:00+02:00", "topic": call.topics.get().pk,
         "language": "ar", "interpreter_needed": "on", "name": "Amira", "phone": "088 123 4567", "book": "1"},
    )  # fmt: skip
    assert booked.status_code == 302
    appointment = Appointment.objects.get()
    assert (appointment.start, appointment.language, appointment.interpreter_needed) == (
        local(2026, 11, 23, 10), "ar", True,
    )  # fmt: skip
    call.refresh_from_db()
    assert call.appointment == appointment and call.outcome == Call.Outcome.CONSULTATION_BOOKED


def test_the_call_becomes_a_consultation_by_phone_once_then_a_referral_is_added(client, staff, call):
    signed_in(client, staff["consultant.sofia"])
    first = client.post(f"/en/staff/hotline/calls/{call.pk}/consultation/")
    consultation = Consultation.objects.get()
    assert first["Location"] == f"/en/staff/consultations/{consultation.pk}/referrals/new/"
    assert (consultation.channel, consultation.language, consultation.duration_minutes) == ("phone", "ar", 7)
    assert [t.slug for t in consultation.topics.all()] == ["residence"]
    client.post(f"/en/staff/hotline/calls/{call.pk}/consultation/")
    assert Consultation.objects.count() == 1


@pytest.mark.parametrize("path", ["client/", "book/"])
def test_roles_without_case_work_are_refused(client, staff, call, path):
    signed_in(client, staff["trainer.sofia"])
    assert client.get(f"/en/staff/hotline/calls/{call.pk}/{path}").status_code == 403
