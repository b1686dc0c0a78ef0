"""Item 6: the client answers in their own language through a link (printed or by SMS): a random token of
which only the hash is stored, a public page without JavaScript in all seven languages, once only."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from integra.core import sms
from integra.interpreting import services
from integra.interpreting.models import Feedback, hash_token
from integra.interpreting.tests.conftest import make_confirmed, make_done, make_mediator
from tests.base import signed_in


@pytest.fixture
def job(staff, partner):
    return make_done(partner, make_mediator(user=staff["mediator.sofia"]))


def token_of(url: str) -> str:
    return re.search(r"/interpreting/feedback/([^/]+)/", url).group(1)


def test_the_institution_prints_a_link_in_the_client_s_language(client, partner, job):
    signed_in(client, partner)
    response = client.post(f"/en/staff/interpreting/{job.pk}/client-link/", {"language": "fa", "phone": ""})
    page = response.content.decode()
    url = re.search(r"<code>([^<]+)</code>", page).group(1)
    assert response.status_code == 200 and "/fa/interpreting/feedback/" in url
    assert "no-store" in response["Cache-Control"] and 'lang="fa" dir="rtl"' in page
    job.refresh_from_db()
    assert job.client_feedback_hash == hash_token(token_of(url)) and token_of(url) not in job.client_feedback_hash


def test_the_link_goes_by_sms_in_the_client_s_language_and_the_number_is_not_kept(
    client, partner, job, django_capture_on_commit_callbacks
):
    signed_in(client, partner)
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/staff/interpreting/{job.pk}/client-link/", {"language": "ar", "phone": "+359887123456"}
        )
    assert "sent by SMS" in response.content.decode()
    assert sms.outbox[0].to == "+359887123456" and "/ar/interpreting/feedback/" in sms.outbox[0].body
    assert "+359887123456" not in str(list(job.__class__.objects.values()))


def test_a_bad_phone_number_keeps_the_form_and_says_why(client, partner, job):
    signed_in(client, partner)
    response = client.post(f"/en/staff/interpreting/{job.pk}/client-link/", {"language": "ar", "phone": "12"})
    assert response.status_code == 422 and "There is a problem" in response.content.decode()
    job.refresh_from_db()
    assert job.client_feedback_hash is None


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_client_answers_in_their_language_once(client, partner, job, language):
    url = services.client_feedback_link_create(by=partner, request=job, language=language)
    path = f"/{language}/interpreting/feedback/{token_of(url)}/"
    page = client.get(path)
    html = page.content.decode()
    assert page.status_code == 200 and f'lang="{language}"' in html
    assert 'type="radio"' in html and "<textarea" in html and page["Referrer-Policy"] == "no-referrer"
    sent = client.post(path, {"understood": "partly", "comment": "Too fast"})
    assert sent.status_code == 302
    given = Feedback.objects.get(side="client")
    assert (given.understood, given.problem, given.language) == ("partly", "Too fast", language)
    again = client.post(path, {"understood": "no"})
    assert again.status_code == 200 and Feedback.objects.filter(side="client").count() == 1
    assert "<textarea" not in again.content.decode()


def test_no_answer_keeps_the_comment_and_says_why(client, partner, job):
    url = services.client_feedback_link_create(by=partner, request=job, language="en")
    path = f"/en/interpreting/feedback/{token_of(url)}/"
    response = client.post(path, {"comment": "The man was kind"})
    page = response.content.decode()
    assert response.status_code == 422 and "Choose one answer" in page and "The man was kind" in page
    assert not Feedback.objects.exists()


def test_a_wrong_or_replaced_link_is_a_clear_404(client, partner, job):
    first = services.client_feedback_link_create(by=partner, request=job, language="en")
    services.client_feedback_link_create(by=partner, request=job, language="en")
    old = client.get(f"/en/interpreting/feedback/{token_of(first)}/")
    assert old.status_code == 404 and "not valid" in old.content.decode()
    assert client.post("/en/interpreting/feedback/nonsense/", {"understood": "yes"}).status_code == 404
    assert not Feedback.objects.exists()


def test_no_link_before_the_session_after_the_client_answered_or_for_another_mediator(staff, partner, job):
    with pytest.raises(ValidationError, match="once the session is logged"):
        services.client_feedback_link_create(
            by=partner, request=make_confirmed(partner, make_mediator("Other")), language="en"
        )
    with pytest.raises(PermissionDenied):
        services.client_feedback_link_create(by=staff["mediator.burgas"], request=job, language="en")
    url = services.client_feedback_link_create(by=staff["mediator.sofia"], request=job, language="uk")
    services.client_feedback_give(token=token_of(url), understood="yes")
    with pytest.raises(ValidationError, match="already given"):
        services.client_feedback_link_create(by=partner, request=job, language="uk")
