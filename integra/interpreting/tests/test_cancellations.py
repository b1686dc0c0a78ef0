"""Item 5: cancellations and no-shows by either side, with who, when and why; late ones flagged; on the
request's page and in the API; another institution's request is a 404."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from integra.accounts.services import api_token_create
from integra.interpreting import services
from integra.interpreting.models import Request
from integra.interpreting.tests.conftest import in_days, make_confirmed, make_mediator, make_request, tie
from tests.base import signed_in


@pytest.fixture
def token(staff):
    def headers(username):
        _token, key = api_token_create(user=staff[username], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}

    return headers


def test_the_desk_records_the_interpreter_s_cancellation_with_who_when_and_why(client, staff, partner):
    job = make_request(partner, starts_at=in_days(10))
    services.request_confirm(by=staff["coordinator"], request=job, mediator=make_mediator())
    signed_in(client, staff["manager.sofia"])
    response = client.post(
        f"/en/staff/interpreting/{job.pk}/cancel/", {"reason": "She is ill", "side": "interpreter"}, follow=True
    )
    job.refresh_from_db()
    assert job.status == "cancelled" and job.closed_side == "interpreter" and not job.late_cancellation
    assert job.closed_by == staff["manager.sofia"] and job.closed_reason == "She is ill" and job.closed_at
    page = response.content.decode()
    assert "She is ill" in page and "The interpreter" in page and "late cancellation" not in page


def test_a_cancellation_without_a_reason_keeps_the_page_and_says_why(client, staff, partner):
    job = make_request(partner)
    signed_in(client, partner)
    response = client.post(f"/en/staff/interpreting/{job.pk}/cancel/", {"reason": "  "})
    assert response.status_code == 422 and "There is a problem" in response.content.decode()
    assert Request.objects.get().status == "requested"


def test_a_partner_cannot_cancel_another_institution_s_request(client, staff, partner):
    theirs = make_request(tie(staff["partner.burgas"], "hospital-burgas"), centre="burgas")
    signed_in(client, partner)
    assert client.post(f"/en/staff/interpreting/{theirs.pk}/cancel/", {"reason": "x"}).status_code == 404
    assert client.post(f"/en/staff/interpreting/{theirs.pk}/no-show/", {"side": "requester"}).status_code == 404
    assert Request.objects.get().status == "requested"


def test_a_no_show_of_the_interpreter_is_recorded_from_the_page(client, staff, partner):
    job = make_confirmed(partner, make_mediator())
    signed_in(client, partner)
    page = client.get(f"/en/staff/interpreting/{job.pk}/").content.decode()
    assert "Record the no-show" in page
    response = client.post(
        f"/en/staff/interpreting/{job.pk}/no-show/", {"side": "interpreter", "reason": "Nobody came"}, follow=True
    )
    job.refresh_from_db()
    assert job.status == "no_show" and job.closed_side == "interpreter" and job.closed_by == partner
    assert "Nobody came" in response.content.decode()


def test_a_no_show_needs_who_and_a_started_appointment(client, staff, partner):
    job = make_confirmed(partner, make_mediator())
    signed_in(client, partner)
    response = client.post(f"/en/staff/interpreting/{job.pk}/no-show/", {"reason": "Nobody came"})
    assert response.status_code == 422 and "Nobody came" in response.content.decode()
    future = make_request(partner, starts_at=in_days(3))
    services.request_confirm(by=staff["coordinator"], request=future, mediator=make_mediator("Other"))
    with pytest.raises(ValidationError, match="not started yet"):
        services.request_no_show(by=partner, request=future, side="requester")
    assert Request.objects.get(pk=job.pk).status == "confirmed"


def test_the_api_cancels_and_shows_who_when_why_and_the_late_flag(client, staff, partner, token):
    job = make_request(partner, starts_at=timezone.now() + timedelta(hours=4))
    url = f"/api/v1/interpreting/requests/{job.pk}/cancel"
    headers = token("partner.sofia")
    response = client.post(url, {"reason": "Discharged", "side": "interpreter"}, content_type="application/json",
                           **headers)  # fmt: skip
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "cancelled" and body["late_cancellation"] is True
    assert body["closed_side"] == "requester" and body["closed_reason"] == "Discharged" and body["closed_at"]
    again = client.post(url, {"reason": "Again"}, content_type="application/json", **headers)
    assert again.status_code == 409 and "already closed" in again.json()["detail"]
    other = client.post(url, {"reason": "x"}, content_type="application/json", **token("partner.burgas"))
    assert other.status_code == 404


def test_the_api_records_a_no_show(client, staff, partner, token):
    job = make_confirmed(partner, make_mediator())
    url = f"/api/v1/interpreting/requests/{job.pk}/no-show"
    body = client.post(url, {"side": "requester", "reason": "The patient did not come"},
                       content_type="application/json", **token("manager.sofia")).json()  # fmt: skip
    assert body["status"] == "no_show" and body["closed_side"] == "requester"
    mediator_denied = client.post(url, {"side": "requester"}, content_type="application/json",
                                  **token("mediator.sofia"))  # fmt: skip
    assert mediator_denied.status_code == 403
