"""The "was this useful for you?" card online: anonymous through the event's link (limited per
connection), or once per registration through the confirmation's link; no personal data kept."""

import pytest
from django.utils import translation

from integra.events import services
from integra.events.models import Feedback, Registration
from integra.events.tests.conftest import make_event
from integra.events.views import confirmation_token


@pytest.fixture
def held(reference_data):
    return make_event(days=-1)


def test_an_anonymous_answer_is_stored_without_anything_about_the_person(client, held):
    response = client.post(f"/fa/events/{held.pk}/feedback/", {"answer": "partly", "comment": "  More Farsi  "})
    assert response.status_code == 302 and response["Location"] == "/fa/events/feedback/thanks/"
    feedback = Feedback.objects.get()
    assert (feedback.event, feedback.answer, feedback.comment, feedback.language) == (
        held,
        "partly",
        "More Farsi",
        "fa",
    )
    assert feedback.voter is None
    assert {f.name for f in Feedback._meta.get_fields()} == {
        "id",
        "event",
        "answer",
        "comment",
        "language",
        "voter",
        "created_at",
    }


def test_the_printed_link_opens_in_the_phones_language(client, held):
    response = client.get(f"/events/{held.pk}/feedback/", headers={"accept-language": "fa-IR,fa;q=0.9"})
    assert response.status_code == 302 and response["Location"] == f"/fa/events/{held.pk}/feedback/"
    html = client.get(response["Location"]).content.decode()
    assert 'lang="fa"' in html and 'dir="rtl"' in html
    assert html.count('type="radio"') == 3


def test_no_answer_is_refused_with_a_message_and_the_comment_is_kept(client, held):
    with translation.override("en"):
        response = client.post(f"/en/events/{held.pk}/feedback/", {"comment": "Good music"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose one of the three answers." in html and "Good music" in html
    assert not Feedback.objects.exists()


def test_a_comment_too_long_is_refused_and_kept(client, held):
    text = "x" * 1001
    html = client.post(f"/en/events/{held.pk}/feedback/", {"answer": "yes", "comment": text}).content.decode()
    assert "at most 1000 characters" in html and text in html
    assert not Feedback.objects.exists()


def test_before_the_event_the_card_says_to_come_back_after(client, reference_data):
    upcoming = make_event(days=3)
    assert "has not taken place yet" in client.get(f"/en/events/{upcoming.pk}/feedback/").content.decode()
    html = client.post(f"/en/events/{upcoming.pk}/feedback/", {"answer": "yes"}).content.decode()
    assert "has not taken place yet" in html
    assert not Feedback.objects.exists()


def test_an_internal_or_unknown_event_has_no_public_card(client, reference_data):
    internal = make_event(days=-1, is_public=False)
    assert client.get(f"/en/events/{internal.pk}/feedback/").status_code == 404
    assert client.get("/en/events/999999/feedback/").status_code == 404


def test_anonymous_answers_are_limited_per_connection(client, held, settings):
    settings.EVENT_FEEDBACK_RATE_LIMITS = {"feedback": (2, 3600)}
    url = f"/en/events/{held.pk}/feedback/"
    assert client.post(url, {"answer": "yes"}).status_code == 302
    assert client.post(url, {"answer": "no"}).status_code == 302
    response = client.post(url, {"answer": "yes", "comment": "third"})
    assert response.status_code == 429
    assert "Too many answers" in response.content.decode() and "third" in response.content.decode()
    assert Feedback.objects.count() == 2


def test_through_a_registration_link_it_counts_once(client, held):
    registration = Registration.objects.create(event=held, name="A. K.", phone="+359881234567")
    url = f"/en/events/registered/{confirmation_token(registration)}/feedback/"
    assert client.post(url, {"answer": "yes"}).status_code == 302
    response = client.post(url, {"answer": "no", "comment": "second try"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "You already answered for this event. Thank you!" in html
    assert list(Feedback.objects.values_list("answer", flat=True)) == ["yes"]
    assert len(Feedback.objects.get().voter) == 64  # a keyed hash: no link to the registration's row
    assert "You already answered" in client.get(url).content.decode()
    confirmation = client.get(f"/en/events/registered/{confirmation_token(registration)}/").content.decode()
    assert "You already answered for this event" in confirmation


def test_the_service_refuses_a_second_answer_from_the_same_registration(held):
    registration = Registration.objects.create(event=held, name="A. K.", phone="+359881234567")
    services.feedback_record(event=held, registration=registration, answer="yes")
    with pytest.raises(services.ValidationError, match="already answered"):
        services.feedback_record(event=held, registration=registration, answer="no")
    assert services.feedback_given(registration)


def test_an_unknown_or_forged_link_is_not_found(client, held):
    assert client.get("/en/events/registered/forged-token/feedback/").status_code == 404
    assert client.post("/en/events/registered/forged-token/feedback/", {"answer": "yes"}).status_code == 404
