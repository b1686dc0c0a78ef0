"""Item 6: after the session, the institution and the interpreter each give short feedback from the request's
page (once each); another mediator cannot give the institution's; the API does the same."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from integra.accounts.services import api_token_create
from integra.interpreting import services
from integra.interpreting.models import Feedback
from integra.interpreting.tests.conftest import make_confirmed, make_done, make_mediator, make_request, tie
from tests.base import signed_in


@pytest.fixture
def job(staff, partner):
    return make_done(partner, make_mediator(user=staff["mediator.sofia"]))


def test_the_institution_gives_its_feedback_from_the_request_page(client, partner, job):
    signed_in(client, partner)
    assert "Was the interpreting understood?" in client.get(f"/en/staff/interpreting/{job.pk}/").content.decode()
    response = client.post(
        f"/en/staff/interpreting/{job.pk}/feedback/", {"understood": "partly", "problem": "Some medical words"},
        follow=True,
    )  # fmt: skip
    given = Feedback.objects.get()
    assert (given.side, given.understood, given.problem, given.given_by) == (
        "institution", "partly", "Some medical words", partner
    )  # fmt: skip
    page = response.content.decode()
    assert "Thank you for your feedback." in page and "Was the interpreting understood?" not in page


def test_the_interpreter_gives_theirs_from_the_same_page(client, staff, job):
    signed_in(client, staff["mediator.sofia"])
    client.post(f"/en/staff/interpreting/{job.pk}/feedback/", {"understood": "yes"})
    assert Feedback.objects.get().side == "interpreter"


def test_feedback_without_an_answer_keeps_the_comment_and_says_why(client, partner, job):
    signed_in(client, partner)
    response = client.post(f"/en/staff/interpreting/{job.pk}/feedback/", {"problem": "Arrived late"})
    page = response.content.decode()
    assert response.status_code == 422 and "There is a problem" in page and "Arrived late" in page
    assert not Feedback.objects.exists()


def test_each_side_gives_feedback_once(partner, job):
    services.feedback_give(by=partner, request=job, understood="yes")
    with pytest.raises(ValidationError, match="already been given"):
        services.feedback_give(by=partner, request=job, understood="no")


def test_another_mediator_cannot_give_the_institution_s_feedback(client, staff, partner, job):
    other = staff["mediator.burgas"]
    make_mediator("Someone else", user=other, centres=("burgas",))
    with pytest.raises(PermissionDenied):
        services.feedback_give(by=other, request=job, understood="yes")
    signed_in(client, other)
    assert client.post(f"/en/staff/interpreting/{job.pk}/feedback/", {"understood": "yes"}).status_code == 404
    assert not Feedback.objects.exists()


def test_a_mediator_offered_the_job_but_not_on_it_gives_no_feedback(staff, partner):
    offered = staff["mediator.plovdiv"]
    loser = make_mediator("Offered", user=offered)
    job = make_request(partner)
    services.offers_send(by=staff["coordinator"], request=job, mediators=[loser])
    with pytest.raises(PermissionDenied):
        services.feedback_give(by=offered, request=job, understood="yes")


def test_feedback_waits_for_the_session(staff, partner):
    job = make_confirmed(partner, make_mediator())
    with pytest.raises(ValidationError, match="once the session is logged"):
        services.feedback_give(by=partner, request=job, understood="yes")


def test_the_api_takes_feedback_and_refuses_another_mediator(client, staff, partner, job):
    def headers(username):
        _token, key = api_token_create(user=staff[username], name="t")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}

    url = f"/api/v1/interpreting/requests/{job.pk}/feedback"
    given = client.post(url, {"understood": "yes"}, content_type="application/json", **headers("mediator.sofia"))
    assert given.status_code == 201 and given.json()["side"] == "interpreter"
    again = client.post(url, {"understood": "no"}, content_type="application/json", **headers("mediator.sofia"))
    assert again.status_code == 409
    other = client.post(url, {"understood": "yes"}, content_type="application/json", **headers("mediator.burgas"))
    assert other.status_code == 404
    wrong = client.post(url, {"understood": "maybe"}, content_type="application/json", **headers("partner.sofia"))
    assert wrong.status_code == 422 and Feedback.objects.count() == 1


def test_another_institution_s_request_is_a_404_for_feedback_and_the_client_s_link(client, staff, job):
    other = tie(staff["partner.burgas"], "hospital-burgas")
    signed_in(client, other)
    assert client.get(f"/en/staff/interpreting/{job.pk}/").status_code == 404
    assert client.post(f"/en/staff/interpreting/{job.pk}/feedback/", {"understood": "yes"}).status_code == 404
    assert client.post(f"/en/staff/interpreting/{job.pk}/client-link/", {"language": "ar"}).status_code == 404
    assert not Feedback.objects.exists()
    job.refresh_from_db()
    assert job.client_feedback_hash is None
