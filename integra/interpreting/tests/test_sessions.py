"""Item 6: the interpreter logs start, end, mode and outcome; an end before the start is refused with a clear
message and what was typed kept, on the page and in the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from integra.accounts.services import api_token_create
from integra.interpreting.models import Request, Session
from integra.interpreting.tests.conftest import make_confirmed, make_mediator
from tests.base import signed_in


@pytest.fixture
def job(staff, partner):
    return make_confirmed(partner, make_mediator(user=staff["mediator.sofia"]))


def headers(user):
    _token, key = api_token_create(user=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_interpreter_logs_the_session_from_the_request_page(client, staff, job):
    signed_in(client, staff["mediator.sofia"])
    start = timezone.localtime(job.starts_at).strftime("%Y-%m-%dT%H:%M")
    end = timezone.localtime(job.starts_at + timedelta(minutes=50)).strftime("%Y-%m-%dT%H:%M")
    data = {"started_at": start, "ended_at": end, "mode": "phone", "outcome": "partly"}
    response = client.post(f"/en/staff/interpreting/{job.pk}/session/", data, follow=True)
    session = Session.objects.get()
    assert (session.minutes, session.mode, session.outcome) == (50, "phone", "partly")
    assert Request.objects.get().status == "done" and "The session is logged." in response.content.decode()


def test_an_end_before_the_start_keeps_what_was_typed(client, staff, job):
    signed_in(client, staff["mediator.sofia"])
    start = timezone.localtime(job.starts_at)
    data = {"started_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ended_at": (start - timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"), "mode": "video",
            "outcome": "partly"}  # fmt: skip
    response = client.post(f"/en/staff/interpreting/{job.pk}/session/", data)
    page = response.content.decode()
    assert response.status_code == 422 and "ends before it starts" in page
    assert f'value="{data["ended_at"]}"' in page and '<option value="video" selected>' in page
    assert not Session.objects.exists()


def test_the_api_logs_a_session_and_refuses_an_end_before_the_start(client, staff, job):
    url = f"/api/v1/interpreting/requests/{job.pk}/session"
    start = job.starts_at
    wrong = {"started_at": start.isoformat(), "ended_at": (start - timedelta(minutes=5)).isoformat(),
             "mode": "phone", "outcome": "completed"}  # fmt: skip
    refused = client.post(url, wrong, content_type="application/json", **headers(staff["mediator.sofia"]))
    assert refused.status_code == 409 and "ends before it starts" in refused.json()["detail"]
    right = wrong | {"ended_at": (start + timedelta(minutes=30)).isoformat()}
    logged = client.post(url, right, content_type="application/json", **headers(staff["mediator.sofia"]))
    assert logged.status_code == 200 and logged.json()["session"]["minutes"] == 30
    assert logged.json()["status"] == "done"


def test_another_mediator_cannot_log_someone_else_s_session(client, staff, job):
    other = staff["mediator.burgas"]
    url = f"/api/v1/interpreting/requests/{job.pk}/session"
    body = {"started_at": job.starts_at.isoformat(), "ended_at": (job.starts_at + timedelta(minutes=30)).isoformat(),
            "mode": "phone", "outcome": "completed"}  # fmt: skip
    assert client.post(url, body, content_type="application/json", **headers(other)).status_code == 404
    assert not Session.objects.exists()
