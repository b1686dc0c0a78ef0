import pytest

from integra.accounts.services import api_token_create
from integra.hotline import services
from integra.hotline.models import Call, CallBack
from integra.topics.models import Topic


@pytest.fixture
def bearer(staff):
    def make(username):
        _token, key = api_token_create(user=staff[username], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return make


def payload(hotline, **changes):
    return {
        "hotline": str(hotline.phone),
        "language": "uk",
        "topics": [Topic.objects.active().first().slug],
        "duration_minutes": 6,
        "outcome": "informed",
        "note": "Asked about school enrolment.",
        "caller_number": "0881234567",
    } | changes


def test_a_call_is_logged_listed_and_read_through_the_api(client, bearer, hotline):
    auth = bearer("consultant.sofia")
    url = "/api/v1/hotline/centres/sofia/calls"
    response = client.post(url, payload(hotline), content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["centre"] == "sofia" and created["duration_seconds"] == 360 and created["language"] == "uk"
    listed = client.get("/api/v1/hotline/calls", **auth).json()
    assert [c["id"] for c in listed["items"]] == [created["id"]] and listed["items"][0]["note"] == ""
    one = client.get(f"/api/v1/hotline/calls/{created['id']}", **auth).json()
    assert one["note"] == "Asked about school enrolment."
    assert client.get(f"/api/v1/hotline/calls/{created['id']}", **bearer("consultant.plovdiv")).status_code == 404


def test_bad_input_is_a_422_with_the_forms_message(client, bearer, hotline):
    auth = bearer("consultant.sofia")
    bad = payload(hotline, caller_number="not a phone", topics=["no-such-topic"])
    response = client.post("/api/v1/hotline/centres/sofia/calls", bad, content_type="application/json", **auth)
    assert response.status_code == 422 and "caller_number" in response.json()["detail"]
    assert "topics" in response.json()["detail"]
    other = client.post(
        "/api/v1/hotline/centres/plovdiv/calls", payload(hotline), content_type="application/json", **auth
    )
    assert other.status_code == 404
    assert Call.objects.count() == 0


def test_non_data_calls_are_counted_through_the_api(client, bearer, hotline):
    response = client.post("/api/v1/hotline/calls/non-data/abusive", **bearer("mediator.burgas"))
    assert response.status_code == 201 and response.json()["centre"] == "burgas"
    assert client.post("/api/v1/hotline/calls/non-data/conversation", **bearer("mediator.burgas")).status_code == 422


def test_other_roles_get_403_and_no_token_401(client, bearer, hotline):
    assert client.get("/api/v1/hotline/calls").status_code == 401
    assert client.get("/api/v1/hotline/calls", **bearer("trainer.sofia")).status_code == 403
    assert client.get("/api/v1/hotline/call-backs", **bearer("partner.sofia")).status_code == 403


def test_a_call_back_is_taken_once_and_attempts_logged(client, bearer, hotline):
    call_back = services.call_back_request(phone="+359881234567", language="ar")
    first, second = bearer("consultant.sofia"), bearer("consultant.burgas")
    queue = client.get("/api/v1/hotline/call-backs", **first).json()
    assert queue[0]["reference"] == call_back.reference and queue[0]["phone"] == ""
    taken = client.post(f"/api/v1/hotline/call-backs/{call_back.pk}/take", **first)
    assert taken.status_code == 200 and taken.json()["phone"] == "+359881234567"
    assert client.post(f"/api/v1/hotline/call-backs/{call_back.pk}/take", **second).status_code == 409
    attempt = {"result": "answered"}
    url = f"/api/v1/hotline/call-backs/{call_back.pk}/attempts"
    assert client.post(url, attempt, content_type="application/json", **second).status_code == 409
    done = client.post(url, attempt, content_type="application/json", **first)
    assert done.status_code == 201 and done.json()["status"] == "done" and done.json()["phone"] == ""
    assert CallBack.objects.get().phone == ""
