"""The forum API: public read of published questions; staff answer and moderate through the same services."""

import pytest

from integra.accounts.services import api_token_create
from integra.forum.models import Question
from integra.forum.tests.helpers import make_question

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_anyone_reads_published_questions_and_their_answers_accepted_first(client, staff):
    question = make_question(answered_by=staff["consultant.sofia"], answer="First")
    make_question("Pending", published=False)
    response = client.get("/api/v1/forum/questions")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["items"][0]["id"] == question.pk and data["items"][0]["answered"]
    detail = client.get(f"/api/v1/forum/questions/{question.pk}").json()
    assert detail["answers"][0]["body"] == "First" and detail["answers"][0]["role"] == "consultant"
    assert detail["answers"][0]["centre"] == "sofia" and detail["answers"][0]["name"] is None


def test_a_question_that_is_not_published_is_not_found_in_the_api(client, staff):
    pending = make_question(published=False)
    assert client.get(f"/api/v1/forum/questions/{pending.pk}").status_code == 404


def test_the_api_filters_by_topic_and_language(client, staff):
    make_question("Doctor", topic="healthcare", language="en")
    make_question("Школа", topic="education", language="ru")
    assert [q["title"] for q in client.get("/api/v1/forum/questions?topic=education").json()["items"]] == ["Школа"]
    assert [q["title"] for q in client.get("/api/v1/forum/questions?language=en").json()["items"]] == ["Doctor"]


def test_a_consultant_answers_through_the_api(client, staff):
    question = make_question()
    response = client.post(
        f"/api/v1/forum/questions/{question.pk}/answers",
        {"body": "Through the API", "show_name": False},
        content_type="application/json",
        **bearer(staff["consultant.burgas"]),
    )
    assert response.status_code == 201 and response.json()["centre"] == "burgas"
    question.refresh_from_db()
    assert question.first_answered_at is not None


def test_an_empty_or_too_long_answer_is_refused_with_422(client, staff):
    question = make_question()
    headers = bearer(staff["consultant.sofia"])
    url = f"/api/v1/forum/questions/{question.pk}/answers"
    assert client.post(url, {"body": ""}, content_type="application/json", **headers).status_code == 422
    too_long = {"body": "x" * 20_001}
    assert client.post(url, too_long, content_type="application/json", **headers).status_code == 422
    unknown = {"body": "ok", "articles": ["no-such-article"]}
    assert client.post(url, unknown, content_type="application/json", **headers).status_code == 422
    assert question.answers.count() == 0


def test_staff_without_the_role_get_403_and_no_token_gets_401(client, staff):
    question = make_question(published=False)
    url = f"/api/v1/forum/questions/{question.pk}/moderate"
    manager = bearer(staff["manager.sofia"])
    assert client.post(url, {"action": "publish"}, content_type="application/json", **manager).status_code == 403
    assert client.get("/api/v1/forum/moderation", **manager).status_code == 403
    published = make_question()
    answer_url = f"/api/v1/forum/questions/{published.pk}/answers"
    assert client.post(answer_url, {"body": "x"}, content_type="application/json", **manager).status_code == 403
    assert client.post(url, {"action": "publish"}, content_type="application/json").status_code == 401


def test_a_moderator_sees_the_queue_and_publishes_with_an_edit(client, staff):
    question = make_question("Call me on +359 88 123 4567", published=False)
    headers = bearer(staff["moderator"])
    queue = client.get("/api/v1/forum/moderation", **headers).json()
    assert queue[0]["id"] == question.pk and queue[0]["flags"][0]["kind"] == "phone"
    response = client.post(
        f"/api/v1/forum/questions/{question.pk}/moderate",
        {"action": "publish", "title": "Can I call you?"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED and question.title == "Can I call you?"


def test_a_moderator_merges_refers_and_marks_spam_through_the_api(client, staff):
    headers = bearer(staff["moderator"])
    original = make_question("Original")
    duplicate, private, spam = (make_question(t, published=False) for t in ("Dup", "Private", "Spam"))

    def moderate(question, **payload):
        return client.post(
            f"/api/v1/forum/questions/{question.pk}/moderate", payload, content_type="application/json", **headers
        )

    assert moderate(duplicate, action="merge", into=original.pk).status_code == 200
    assert moderate(private, action="refer", centre="plovdiv", note="call").status_code == 200
    assert moderate(spam, action="spam").status_code == 200
    assert moderate(spam, action="merge", into=spam.pk).status_code == 422
    assert moderate(spam, action="refer", centre="nowhere").status_code == 422
    statuses = dict(Question.objects.values_list("title", "status"))
    assert statuses == {"Original": "published", "Dup": "merged", "Private": "referred", "Spam": "spam"}


def test_a_moderator_accepts_an_answer_through_the_api(client, staff):
    question = make_question(answered_by=staff["consultant.sofia"])
    answer = question.answers.get()
    url = f"/api/v1/forum/questions/{question.pk}/answers/{answer.pk}/accept"
    response = client.post(url, **bearer(staff["moderator"]))
    assert response.status_code == 200 and response.json()["accepted_answer"] == answer.pk
    assert client.post(url, **bearer(staff["consultant.sofia"])).status_code == 403


def test_the_api_refuses_to_merge_a_published_question_into_itself_with_the_services_reason(client, staff):
    question = make_question("Published and alone")
    response = client.post(
        f"/api/v1/forum/questions/{question.pk}/moderate",
        {"action": "merge", "into": question.pk},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(staff["moderator"]),
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("into: A question cannot be merged into itself")
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED
