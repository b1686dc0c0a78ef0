"""/api/v1/events/: public events without a token; registrations, check-in and the tally with a staff
token, through the same forms and services as the pages, scoped to the token owner's centres."""

import pytest

from integra.accounts.services import api_token_create
from integra.events.models import Registration
from integra.events.tests.conftest import make_event


@pytest.fixture
def auth(staff):
    def headers(username):
        _token, key = api_token_create(user=staff[username], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}

    return headers


def test_public_events_are_read_without_a_token(client, reference_data):
    shown = make_event(title={"en": "Open"}, languages=["uk"])
    make_event(title={"en": "Internal"}, is_public=False)
    make_event(title={"en": "Past"}, days=-3)
    body = client.get("/api/v1/events").json()
    assert body["count"] == 1 and body["items"][0]["id"] == shown.pk
    assert body["items"][0]["centre"] == "sofia" and body["items"][0]["registration"] == "optional"
    assert client.get("/api/v1/events?language=ar").json()["count"] == 0
    assert client.get(f"/api/v1/events/{shown.pk}").json()["title"] == {"en": "Open"}
    internal = make_event(is_public=False)
    assert client.get(f"/api/v1/events/{internal.pk}").status_code == 404


def test_staff_register_check_in_and_the_second_scan_counts_once(client, staff, auth, event):
    headers = auth("consultant.sofia")
    data = {"name": "A. K.", "phone": "0881234567", "adults": 2, "language": "ar", "submission_key": "k1"}
    response = client.post(f"/api/v1/events/{event.pk}/registrations", data, content_type="application/json", **headers)
    assert response.status_code == 201
    reference = response.json()["reference"]
    again = client.post(f"/api/v1/events/{event.pk}/registrations", data, content_type="application/json", **headers)
    assert again.json()["reference"] == reference and Registration.objects.count() == 1
    found = client.get(f"/api/v1/events/{event.pk}/registrations?q=a. k", **headers).json()
    assert [r["reference"] for r in found] == [reference]
    url = f"/api/v1/events/{event.pk}/registrations/{reference}/arrived"
    assert client.post(url, **headers).json()["first_scan"] is True
    assert client.post(url, **headers).json()["first_scan"] is False
    assert client.post(f"/api/v1/events/{event.pk}/registrations/EV-AAA-BBB/arrived", **headers).status_code == 404


def test_the_form_s_rules_apply_and_a_full_event_is_a_409(client, staff, auth, reference_data):
    event = make_event(capacity=1)
    headers = auth("manager.sofia")
    url = f"/api/v1/events/{event.pk}/registrations"
    no_contact = client.post(url, {"name": "X"}, content_type="application/json", **headers)
    assert no_contact.status_code == 422 and "phone" in no_contact.json()["detail"]
    door = client.post(url, {"name": "Y", "at_the_door": True}, content_type="application/json", **headers)
    assert door.status_code == 201 and door.json()["arrived_at"] is not None and door.json()["source"] == "door"
    full = client.post(url, {"name": "Z", "at_the_door": True}, content_type="application/json", **headers)
    assert full.status_code == 409 and "full" in full.json()["detail"]


def test_the_tally_over_the_api_refuses_below_zero(client, staff, auth, event):
    headers = auth("trainer.sofia")
    url = f"/api/v1/events/{event.pk}/tally"
    plus = {"gender": "female", "age_band": "18-24", "delta": 1}
    assert client.post(url, plus, content_type="application/json", **headers).json()["total"] == 1
    minus = {"gender": "female", "age_band": "18-24", "delta": -1}
    assert client.post(url, minus, content_type="application/json", **headers).json()["total"] == 0
    refused = client.post(url, minus, content_type="application/json", **headers)
    assert refused.status_code == 409 and "zero" in refused.json()["detail"]
    bad = client.post(
        url, {"gender": "female", "age_band": "7", "delta": 1}, content_type="application/json", **headers
    )
    assert bad.status_code == 422
    assert client.get(url, **headers).json()["total"] == 0


def test_another_centre_s_event_is_a_404_and_no_permission_a_403(client, staff, auth, event):
    other = auth("consultant.plovdiv")
    assert client.get(f"/api/v1/events/{event.pk}/registrations", **other).status_code == 404
    assert client.get(f"/api/v1/events/{event.pk}/tally", **other).status_code == 404
    partner = auth("partner.sofia")
    assert client.get(f"/api/v1/events/{event.pk}/registrations", **partner).status_code == 403
    assert client.get(f"/api/v1/events/{event.pk}/registrations").status_code == 401


def test_staff_put_someone_on_the_waiting_list_and_cancel_over_the_api(client, staff, auth, reference_data):
    event = make_event(capacity=1)
    headers = auth("consultant.sofia")
    url = f"/api/v1/events/{event.pk}/registrations"
    first = client.post(url, {"name": "A", "phone": "0881111111"}, content_type="application/json", **headers)
    data = {"name": "B", "phone": "0882222222", "waiting_list": True}
    second = client.post(url, data, content_type="application/json", **headers)
    assert first.json()["status"] == "registered" and second.json()["status"] == "waiting"
    cancel = f"{url}/{first.json()['reference']}/cancel"
    assert client.post(cancel, **headers).json()["status"] == "cancelled"
    assert client.post(cancel, **headers).status_code == 409
    assert Registration.objects.get(reference=second.json()["reference"]).status == Registration.Status.OFFERED
    assert client.post(cancel, **auth("partner.sofia")).status_code == 403
    assert client.post(cancel, **auth("consultant.plovdiv")).status_code == 404
