"""Appointments over the API (issue 12 item 12): list by day, free times, book for a caller, move,
cancel, mark arrived — through the booking service and forms, scoped to the token owner's centres."""

import pytest

from integra.accounts.services import api_token_create
from integra.centres.models import Centre
from integra.consultations import services
from integra.consultations.models import Appointment, Consultation
from integra.consultations.tests.conftest import local
from integra.topics.models import Topic

pytestmark = pytest.mark.usefixtures("monday_morning")
URL = "/api/v1/consultations/appointments"


@pytest.fixture
def bearer(staff):
    def make(username):
        _token, key = api_token_create(user=staff[username], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}

    return make


def book(client, headers, **overrides):
    payload = {
        "centre": "sofia",
        "start": local(2026, 11, 23, 10).isoformat(),
        "topic": "residence",
        "language": "uk",
        "interpreter_needed": True,
        "name": "Olena",
        "phone": "088 123 4567",
    } | overrides
    return client.post(URL, payload, content_type="application/json", **headers)


def test_an_operator_books_for_a_caller_and_sees_it_in_the_days_list(client, bearer):
    headers = bearer("consultant.sofia")
    free = client.get(f"{URL}/slots?centre=sofia&day=2026-11-23", **headers).json()["free"]
    assert free[0] == "2026-11-23T10:00:00+02:00"  # Sofia time, with its offset
    response = book(client, headers)
    assert response.status_code == 201, response.content
    booked = response.json()
    assert (booked["centre"], booked["phone"], booked["status"]) == ("sofia", "+359881234567", "booked")
    assert booked["interpreter_needed"] is True
    listing = client.get(f"{URL}?centre=sofia&day=2026-11-23", **headers).json()
    assert [a["reference"] for a in listing] == [booked["reference"]]
    after = client.get(f"{URL}/slots?centre=sofia&day=2026-11-23", **headers).json()["free"]
    assert len(after) == len(free) - 1


def test_staff_are_not_limited_per_phone_number_but_the_time_must_be_free(client, bearer):
    headers = bearer("consultant.sofia")
    for hour in (10, 11, 12):
        assert book(client, headers, start=local(2026, 11, 23, hour).isoformat()).status_code == 201
    taken = book(client, headers, start=local(2026, 11, 23, 10).isoformat(), name="Someone else")
    assert taken.status_code == 409
    assert "someone booked this time" in taken.json()["detail"]


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"phone": "abc123", "email": ""}, "phone"),
        ({"phone": "", "email": ""}, "__all__"),
        ({"language": "xx"}, "language"),
        ({"start": local(2026, 11, 23, 10, 7).isoformat()}, "start"),
        ({"topic": "no-such-topic"}, "topic"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client, bearer, overrides, field):
    response = book(client, bearer("consultant.sofia"), **overrides)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{field}:")
    assert Appointment.objects.count() == 0


def test_another_centres_operator_gets_404_everywhere(client, bearer):
    booked = book(client, bearer("consultant.sofia")).json()
    other = bearer("consultant.plovdiv")
    assert client.get(f"{URL}?centre=sofia", **other).status_code == 404
    assert book(client, other).status_code == 404
    assert client.get(f"{URL}/{booked['id']}", **other).status_code == 404
    for action in ("cancel", "arrived"):
        assert client.post(f"{URL}/{booked['id']}/{action}", **other).status_code == 404
    assert Appointment.objects.get().status == "booked"


def test_move_cancel_and_arrive(client, bearer):
    headers = bearer("consultant.sofia")
    first = book(client, headers).json()
    moved = client.post(
        f"{URL}/{first['id']}/reschedule",
        {"start": local(2026, 11, 24, 14).isoformat()},
        content_type="application/json",
        **headers,
    )
    assert moved.status_code == 200 and moved.json()["start"] == "2026-11-24T14:00:00+02:00"
    cancelled = client.post(f"{URL}/{first['id']}/cancel", **headers)
    assert cancelled.json()["status"] == "cancelled"
    assert client.post(f"{URL}/{first['id']}/cancel", **headers).status_code == 409
    assert client.post(f"{URL}/{first['id']}/arrived", **headers).status_code == 409

    second = book(client, headers, start=local(2026, 11, 23, 11).isoformat()).json()
    arrived = client.post(f"{URL}/{second['id']}/arrived", **headers)
    assert arrived.status_code == 200
    consultation = Consultation.objects.get(appointment_id=second["id"])
    assert arrived.json()["consultation"] == consultation.pk
    assert client.post(f"{URL}/{second['id']}/arrived", **headers).json()["consultation"] == consultation.pk
    assert Consultation.objects.count() == 1


def test_a_token_without_the_booking_permission_is_refused(client, bearer):
    headers = bearer("trainer.sofia")
    assert client.get(f"{URL}?centre=sofia", **headers).status_code == 403
    assert book(client, headers).status_code == 403


def test_the_service_is_the_one_the_public_booking_uses(staff):
    """Booked through the API or the pages, the same unique slot constraint decides."""
    centre = Centre.objects.get(slug="sofia")
    services.appointment_book(
        centre=centre,
        start=local(2026, 11, 23, 10),
        topic=Topic.objects.get(slug="residence"),
        language="bg",
        interpreter_needed=False,
        name="A",
        phone="+359881234567",
    )
    with pytest.raises(services.SlotTaken):
        services.appointment_book(
            centre=centre,
            start=local(2026, 11, 23, 10),
            topic=Topic.objects.get(slug="residence"),
            language="bg",
            interpreter_needed=False,
            name="B",
            phone="+359881234568",
        )
