"""Asking a question without an account, as a visitor does, and following it with the private link."""

import hashlib

import pytest
from django.core.cache import cache
from django.test import Client

from integra.forum import ratelimit
from integra.forum.models import Question
from integra.forum.tests.helpers import URL, answers, ask, fill_in, link_of, make_question, wizard_post

pytestmark = pytest.mark.django_db


def test_the_form_asks_one_question_per_page_then_shows_the_answers_to_check(client, reference_data):
    page = client.get(URL)
    body = page.content.decode()
    assert page.status_code == 200 and "What is your question?" in body and "Question 1 of 5" in body
    check = fill_in(client)
    body = check.content.decode()
    assert "How do I get health insurance?" in body and "Healthcare" in body and "Sofia" in body
    assert "Leave this empty" not in body  # the honeypot is not an answer to check


def test_the_topic_and_contact_questions_are_radio_groups_with_a_legend(client, reference_data):
    page = client.get(URL)
    page = wizard_post(client, page, "question", dict(answers()[0][1]))
    assert "<fieldset" in page.content.decode() and "<legend>" in page.content.decode()


def test_sending_creates_one_pending_question_and_shows_the_private_link_once(client, reference_data):
    confirmation = ask(client)
    assert confirmation.status_code == 200
    assert confirmation["Cache-Control"].startswith("max-age=0")
    assert confirmation["Referrer-Policy"] == "no-referrer"
    link = link_of(confirmation)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    question = Question.objects.get()
    assert question.status == Question.Status.PENDING and question.language == "en" and question.city == "Sofia"
    assert question.token_hash == hashlib.sha256(f"forum-question:{token}".encode()).hexdigest()
    assert token not in str(Question.objects.values().get())
    assert client.get(f"/en/questions/{question.pk}/").status_code == 404  # not public before moderation


def test_a_double_submitted_question_makes_one_question_and_shows_the_link_only_in_the_browser_that_sent_it(
    client, reference_data
):
    check = fill_in(client)
    first = wizard_post(client, check, "check", {})
    second = wizard_post(client, check, "check", {})  # a double click: the same page again, nothing sent twice
    assert Question.objects.count() == 1
    assert 'class="token"' in first.content.decode() and link_of(second) == link_of(first)
    elsewhere = Client()  # the same sealed answers sent from another browser (no session of the sender)
    third = wizard_post(elsewhere, check, "check", {})
    assert Question.objects.count() == 1
    assert "already sent" in third.content.decode() and 'class="token"' not in third.content.decode()


def test_asking_in_another_language_records_that_language(client, reference_data):
    ask(client, url="/fa/questions/ask/")
    assert Question.objects.get().language == "fa"


def test_e_mail_notification_needs_an_address_and_keeps_what_was_chosen(client, reference_data):
    page = client.get(URL)
    for step, fields in answers()[:3]:
        page = wizard_post(client, page, step, fields)
    page = wizard_post(client, page, "notify", {"notify-notify_by": "email"})
    body = page.content.decode()
    assert "Write the e-mail address we should write to." in body and 'class="error-summary"' in body
    assert 'value="email" id="id_notify-notify_by_0" required checked' in body or (
        'value="email"' in body and body.count(" checked") == 1
    )


def test_sms_notification_stores_the_phone_number(client, reference_data):
    steps = answers(notify={"notify-notify_by": "sms", "notify-phone": "+359 88 123 4567"})
    ask(client, steps=steps)
    question = Question.objects.get()
    assert question.notify_by == "sms" and str(question.phone) == "+359881234567" and question.email == ""


def test_an_empty_question_gets_clear_messages_beside_the_fields(client, reference_data):
    page = client.get(URL)
    page = wizard_post(client, page, "question", {"question-title": "", "question-body": ""})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Write your question." in body and "Describe your question." in body and 'class="error-summary"' in body
    assert Question.objects.count() == 0


def test_a_text_of_fifty_thousand_characters_is_refused_with_a_clear_message_and_kept(client, reference_data):
    long_text = "ж" * 50_000
    page = client.get(URL)
    page = wizard_post(client, page, "question", {"question-title": "Long", "question-body": long_text})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Your text is too long: it can have at most 10000 characters (it has 50000)" in body
    assert long_text in body  # what was typed stays in the textarea
    assert 'maxlength="10000"' not in body  # the browser does not cut a long paste off silently
    assert Question.objects.count() == 0


def test_html_and_script_in_a_question_are_shown_as_text_and_never_run(client, reference_data, staff):
    script = "<script>alert('x')</script><b>bold</b>"
    ask(client, steps=answers(title=f"Help {script}", body=f"Text {script}"))
    question = Question.objects.get()
    assert question.body == f"Text {script}"
    check_page = client.get(f"/en/staff/forum/moderation/{question.pk}/")  # anonymous: login
    assert check_page.status_code == 302
    from integra.forum import services

    services.question_moderate(question=question, by=staff["moderator"], action="publish")
    body = client.get(f"/en/questions/{question.pk}/").content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "<b>bold</b>" not in body


def test_the_check_page_shows_html_as_text(client, reference_data):
    check = fill_in(client, steps=answers(body="<img src=x onerror=alert(1)>"))
    body = check.content.decode()
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body


def test_a_bot_that_fills_the_hidden_field_is_dropped_silently(client, reference_data):
    steps = answers()
    steps[0] = ("question", {**steps[0][1], "question-website": "http://spam.example"})
    response = ask(client, steps=steps)
    assert response.status_code == 200 and "Your question was sent" in response.content.decode()
    assert 'class="token"' not in response.content.decode()
    assert Question.objects.count() == 0


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, reference_data):
    body = client.get(URL).content.decode()
    assert 'aria-hidden="true"' in body and 'tabindex="-1"' in body and 'autocomplete="off"' in body
    assert 'class="visually-hidden" aria-hidden="true"' in body


def test_too_many_questions_from_one_address_get_a_clear_429_and_the_address_is_not_kept(
    client, reference_data, settings
):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "ask": (2, 3600)}
    address = "203.0.113.77"
    for _ in range(2):
        assert ask(client, REMOTE_ADDR=address).status_code == 200
    refused = ask(client, REMOTE_ADDR=address)
    assert refused.status_code == 429
    assert "Too many questions in a short time" in refused.content.decode()
    assert Question.objects.count() == 2
    assert address not in str(list(Question.objects.values()))
    assert not any(address in str(key) for key in getattr(cache, "_cache", {}))
    assert ask(client, REMOTE_ADDR="198.51.100.5").status_code == 200


def test_the_rate_limit_bucket_is_a_keyed_hash_of_the_address(rf):
    request = rf.get("/", REMOTE_ADDR="203.0.113.9")
    key = ratelimit.bucket(request, "ask")
    assert "203.0.113.9" not in key and key.startswith("forum:rl:ask:")
    assert key != ratelimit.bucket(rf.get("/", REMOTE_ADDR="203.0.113.10"), "ask")


def test_the_too_many_page_is_translated(client, reference_data, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "ask": (0, 3600)}
    refused = ask(client, url="/bg/questions/ask/")
    assert refused.status_code == 429 and refused.content.decode().count("<h1>") == 1


def test_a_tampered_state_is_refused_with_a_message_not_an_error(client, reference_data):
    response = client.post(URL, {"wizard_state": "garbage", "wizard_step": "question"})
    assert response.status_code == 200 and "Please start again" in response.content.decode()


def test_the_similar_step_shows_answered_questions_like_the_one_being_asked(client, staff):
    answered = make_question(
        "Health insurance for workers", "Who pays?", topic="healthcare", answered_by=staff["consultant.sofia"]
    )
    make_question("Health insurance for students", "Not answered yet", topic="healthcare")
    page = client.get(URL)
    for step, fields in answers(title="How do I get health insurance?")[:4]:
        page = wizard_post(client, page, step, fields)
    body = page.content.decode()
    assert "Similar questions already answered" in body
    assert f"/en/questions/{answered.pk}/" in body and "Health insurance for workers" in body
    assert "Health insurance for students" not in body


def test_the_similar_questions_endpoint_answers_json_for_the_script(client, staff):
    answered = make_question("Health insurance for workers", "Who pays?", answered_by=staff["consultant.sofia"])
    response = client.get("/en/questions/similar/", {"q": "health insurance"})
    assert response.status_code == 200
    assert response.json() == {"results": [{"title": answered.title, "url": f"/en/questions/{answered.pk}/"}]}
    assert client.get("/en/questions/similar/", {"q": ""}).json() == {"results": []}


def test_the_ask_page_loads_the_small_same_origin_script(client, reference_data):
    from pathlib import Path

    from django.conf import settings

    body = client.get(URL).content.decode()
    assert '<script src="/static/js/forum-similar.js" defer></script>' in body
    assert (Path(settings.BASE_DIR) / "static/js/forum-similar.js").stat().st_size < 3 * 1024


# --- the private link ---------------------------------------------------------------------------------


def test_the_private_link_shows_the_question_and_its_answers_before_and_after_publication(client, staff):
    confirmation = ask(client)
    link = link_of(confirmation)
    page = client.get(link, follow=True)
    assert page.redirect_chain == [("/en/questions/private/", 302)]  # the token is in one request only
    assert page.status_code == 200 and "Waiting for moderation" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"  # no token in this address; its forms need an Origin
    from integra.forum import services

    question = Question.objects.get()
    services.question_moderate(question=question, by=staff["moderator"], action="publish")
    services.answer_create(question=question, author=staff["consultant.sofia"], body="Register with a GP.")
    body = client.get(link, follow=True).content.decode()
    assert "Register with a GP." in body and "Published" in body


def test_the_asker_replies_through_the_private_link(client, staff):
    question = make_question()
    url = f"/en/questions/private/{question.token}/"
    sent = client.post(url, {"body": "Thank you, one more thing."})
    assert sent.status_code == 200 and "Your reply was sent." in sent.content.decode()
    assert question.replies.get().body == "Thank you, one more thing."
    empty = client.post(url, {"body": ""})
    assert "Write your reply." in empty.content.decode()


def test_the_asker_accepts_an_answer_through_the_private_link(client, staff):
    question = make_question(answered_by=staff["consultant.sofia"])
    answer = question.answers.get()
    response = client.post(f"/en/questions/private/{question.token}/", {"accept": str(answer.pk)})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer == answer


def test_the_private_link_cannot_accept_an_answer_of_another_question(client, staff):
    mine = make_question()
    other = make_question("Other", answered_by=staff["consultant.sofia"])
    response = client.post(f"/en/questions/private/{mine.token}/", {"accept": str(other.answers.get().pk)})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.accepted_answer is None


def test_the_private_page_without_the_token_works_only_in_the_session_that_opened_the_link(client, staff):
    from datetime import timedelta

    import time_machine
    from django.test import Client
    from django.utils import timezone

    question = make_question(answered_by=staff["consultant.sofia"])
    client.get(f"/en/questions/private/{question.token}/")
    page = client.get("/en/questions/private/")
    assert page.status_code == 200 and question.title in page.content.decode()
    sent = client.post("/en/questions/private/", {"body": "Thanks, without the token."})
    assert "Your reply was sent." in sent.content.decode() and question.replies.count() == 1
    answer = question.answers.get()
    accepted = client.post("/en/questions/private/", {"accept": str(answer.pk)})
    assert accepted["Location"] == "/en/questions/private/"
    stranger = Client().get("/en/questions/private/")
    assert stranger.status_code == 404 and question.title not in stranger.content.decode()
    assert "Open your private link again" in stranger.content.decode()
    assert Client().post("/en/questions/private/", {"body": "Forged"}).status_code == 404
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert client.get("/en/questions/private/").status_code == 404
    assert question.replies.count() == 1


def test_an_unknown_private_link_gets_a_clear_404_in_the_visitors_language(client, reference_data):
    response = client.get("/en/questions/private/not-a-real-token/")
    assert response.status_code == 404
    assert "We could not find this private link" in response.content.decode()
    bulgarian = client.get("/bg/questions/private/not-a-real-token/")
    assert bulgarian.status_code == 404 and '<html lang="bg"' in bulgarian.content.decode()


def test_a_member_who_asked_accepts_an_answer_on_the_public_page(client, staff):
    from tests.base import signed_in

    member = staff["member"]
    question = make_question(member=member, answered_by=staff["consultant.sofia"])
    signed_in(client, member)
    page = client.get(f"/en/questions/{question.pk}/")
    assert "Accept this answer" in page.content.decode()
    answer = question.answers.get()
    assert client.post(f"/en/questions/{question.pk}/accept/", {"answer": answer.pk}).status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer == answer


def test_someone_else_cannot_accept_an_answer_on_the_public_page(client, staff):
    from tests.base import make_user, signed_in

    question = make_question(member=staff["member"], answered_by=staff["consultant.sofia"])
    signed_in(client, make_user("another.member"))
    assert "Accept this answer" not in client.get(f"/en/questions/{question.pk}/").content.decode()
    response = client.post(f"/en/questions/{question.pk}/accept/", {"answer": question.answers.get().pk})
    assert response.status_code == 404
    signed_in(client, staff["member"])
    assert client.post(f"/en/questions/{question.pk}/accept/", {"answer": "abc"}).status_code == 404
    assert client.post(f"/en/questions/{question.pk}/accept/", {"answer": "<script>"}).status_code == 404


def test_a_member_sees_their_own_questions_in_every_state(client, staff):
    from tests.base import make_user, signed_in

    make_question("Mine and pending", member=staff["member"], published=False)
    make_question("Mine and public", member=staff["member"])
    make_question("Someone else's")
    assert client.get("/en/questions/mine/").status_code == 302  # anonymous: sign in first
    signed_in(client, staff["member"])
    body = client.get("/en/questions/mine/").content.decode()
    assert "Mine and pending" in body and "Waiting for moderation" in body and "Mine and public" in body
    assert "Someone else" not in body
    signed_in(client, make_user("nobody.else"))
    assert "Mine and" not in client.get("/en/questions/mine/").content.decode()


def test_a_question_asked_while_signed_in_as_a_member_belongs_to_the_member(client, staff):
    from tests.base import signed_in

    signed_in(client, staff["member"])
    ask(client)
    assert Question.objects.get().member == staff["member"]


def test_the_similar_questions_endpoint_is_rate_limited(client, reference_data, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "similar": (2, 60)}
    for query in ("visa", "visa card"):  # different words: each one reaches the view (no page-cache hit)
        assert client.get("/en/questions/similar/", {"q": query}).status_code == 200
    refused = client.get("/en/questions/similar/", {"q": "visa work"})
    assert refused.status_code == 429 and refused.json() == {"results": []}
