"""/api/v1/interpreting/phone: start and follow phone interpretation with a token; the same form and service as the
page; a partner's token sees only its own institution's calls."""

import pytest
import time_machine

from integra.accounts.services import api_token_create
from integra.interpreting.models import Request
from integra.interpreting.phone_models import PhoneCall
from integra.interpreting.tests.conftest import tie
from integra.interpreting.tests.phone.conftest import MORNING

URL = "/api/v1/interpreting/phone"


@pytest.fixture
def auth(staff):
    def headers(username):
        _token, key = api_token_create(user=staff[username], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}

    return headers


def payload(**changes):
    data = {
        "requester_phone": "+359887654321",
        "centre": "sofia",
        "language": "ar",
        "dialect": "levantine",
        "subject": "medical",
        "client_label": "A. K.",
        "submission_key": "api-phone-1",
    }
    data.update(changes)
    return data


@time_machine.travel(MORNING, tick=False)
def test_a_partner_starts_a_call_and_follows_it(client, staff, interpreters, auth):
    tie(staff["partner.sofia"])
    headers = auth("partner.sofia")
    response = client.post(URL, payload(), content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "calling" and body["request_status"] == "offered" and body["job_number"].startswith("INT-")
    assert [a["state"] for a in body["attempts"]] == ["ringing", "waiting"] and body["session"] is None
    again = client.post(URL, payload(), content_type="application/json", **headers)
    assert again.json()["request_id"] == body["request_id"] and PhoneCall.objects.count() == 1
    status = client.get(f"{URL}/{body['request_id']}", **headers)
    assert status.status_code == 200 and status.json()["state"] == "calling"
    # Another institution's token: a 404, like a missing one.
    tie(staff["partner.burgas"], "hospital-burgas")
    assert client.get(f"{URL}/{body['request_id']}", **auth("partner.burgas")).status_code == 404
    assert client.get(f"{URL}/{body['request_id']}", **auth("trainer.sofia")).status_code == 403
    assert client.get(f"{URL}/{body['request_id']}").status_code == 401


@time_machine.travel(MORNING, tick=False)
def test_bad_input_is_refused_with_the_form_s_message(client, staff, interpreters, auth):
    headers = auth("consultant.sofia")
    wrong = payload(requester_phone="12ab", client_label="Ahmed Karimi")
    bad = client.post(URL, wrong, content_type="application/json", **headers)
    assert bad.status_code == 409 and "phone number" in bad.json()["detail"] and "full name" in bad.json()["detail"]
    assert client.post(URL, payload(language="xx"), content_type="application/json", **headers).status_code == 422
    assert client.post(URL, payload(centre="varna"), content_type="application/json", **headers).status_code == 404
    garbled = client.post(URL, "{not json", content_type="application/json", **headers)
    assert garbled.status_code in (400, 422)
    assert client.get(f"{URL}/0", **headers).status_code == 422
    assert client.get(f"{URL}/99999", **headers).status_code == 404
    assert not Request.objects.exists()
