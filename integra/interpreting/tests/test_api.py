"""/api/v1/interpreting/: partner tokens see only their own institution's requests; same form and services."""

import pytest

from integra.accounts.services import api_token_create
from integra.interpreting.models import Request
from integra.interpreting.tests.conftest import in_days, make_mediator, make_request, tie


@pytest.fixture
def auth(staff):
    def headers(username):
        _token, key = api_token_create(user=staff[username], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}

    return headers


def payload(**changes):
    data = {"centre": "sofia", "language": "fa", "dialect": "dari", "starts_at": in_days().isoformat()}
    data |= {"duration_minutes": 75, "subject": "medical", "client_label": "M. R.", "submission_key": "api-1"}
    data.update(changes)
    return data


def test_a_partner_asks_over_the_api_and_gets_a_job_number(client, staff, partner, auth):
    headers = auth("partner.sofia")
    response = client.post("/api/v1/interpreting/requests", payload(), content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["job_number"].startswith("INT-") and body["mode"] == "in_person"
    assert body["institution"] == "pirogov" and body["flagged_no_speaker"] is True
    again = client.post("/api/v1/interpreting/requests", payload(), content_type="application/json", **headers)
    assert again.json()["id"] == body["id"] and Request.objects.count() == 1


def test_bad_input_says_why_and_stores_nothing(client, staff, partner, auth):
    headers = auth("partner.sofia")
    url = "/api/v1/interpreting/requests"
    past = client.post(url, payload(starts_at="2020-01-01T10:00:00+02:00", client_label="Ahmed Karimi"),
                       content_type="application/json", **headers)  # fmt: skip
    assert past.status_code == 409 and "in the past" in past.json()["detail"]
    assert "full name" in past.json()["detail"]
    zero = client.post(url, payload(duration_minutes=0), content_type="application/json", **headers)
    assert zero.status_code == 422
    nowhere = client.post(url, payload(centre="varna"), content_type="application/json", **headers)
    assert nowhere.status_code == 404 and not Request.objects.exists()


def test_partner_tokens_see_only_their_own_and_cannot_send_offers(client, staff, partner, auth):
    mine = make_request(partner)
    theirs = make_request(tie(staff["partner.burgas"], "hospital-burgas"), centre="burgas")
    headers = auth("partner.sofia")
    listed = client.get("/api/v1/interpreting/requests", **headers).json()
    assert [r["id"] for r in listed] == [mine.pk]
    assert client.get(f"/api/v1/interpreting/requests/{theirs.pk}", **headers).status_code == 404
    offers = client.post(
        f"/api/v1/interpreting/requests/{mine.pk}/offers", {"mediators": [1]}, content_type="application/json",
        **headers,
    )  # fmt: skip
    assert offers.status_code == 403
    assert client.get("/api/v1/interpreting/requests").status_code == 401


def test_the_desk_sends_offers_over_the_api(client, staff, partner, auth):
    job = make_request(partner)
    mediator = make_mediator()
    url = f"/api/v1/interpreting/requests/{job.pk}/offers"
    headers = auth("manager.sofia")
    sent = client.post(url, {"mediators": [mediator.pk]}, content_type="application/json", **headers)
    assert sent.json() == {"sent": 1, "status": "offered"}
    again = client.post(url, {"mediators": [mediator.pk]}, content_type="application/json", **headers)
    assert again.status_code == 409
    assert client.post(url, {"mediators": [mediator.pk]}, content_type="application/json",
                       **auth("manager.plovdiv")).status_code == 404  # fmt: skip
