"""Asking a question through the public pages, as a visitor does."""

import re

from django.utils import timezone

from integra.forum import services
from integra.forum.models import Question
from integra.topics.models import Topic

URL = "/en/questions/ask/"


def state_of(response) -> str:
    return re.search(r'name="wizard_state" value="([^"]+)"', response.content.decode()).group(1)


def wizard_post(client, page, step, fields, url=URL, **extra):
    """One answer: a POST answered by a 303 to the next page (post/redirect/get), followed."""
    response = client.post(url, {"wizard_state": state_of(page), "wizard_step": step, **fields}, **extra)
    return client.get(response["Location"], **extra) if response.status_code == 303 else response


def answers(title="How do I get health insurance?", body="I work in Sofia and need a doctor.", notify=None):
    return [
        ("question", {"question-title": title, "question-body": body}),
        ("topic", {"topic-topic": str(Topic.objects.get(slug="healthcare").pk)}),
        ("city", {"city-city": "Sofia"}),
        ("notify", notify or {"notify-notify_by": "link"}),
        ("similar", {}),
    ]


def fill_in(client, url=URL, steps=None, **extra):
    page = client.get(url, **extra)
    for step, fields in steps or answers():
        page = wizard_post(client, page, step, fields, url=url, **extra)
        assert page.status_code == 200, page.content.decode()[:2000]
    assert 'name="wizard_step" value="check"' in page.content.decode()  # the check-your-answers page
    return page


def ask(client, url=URL, steps=None, **extra):
    check = fill_in(client, url=url, steps=steps, **extra)
    return wizard_post(client, check, "check", {}, url=url, **extra)


def link_of(response) -> str:
    return re.search(r'class="token"[^>]*><a href="([^"]+)"', response.content.decode()).group(1)


def make_question(
    title="How do I renew my residence permit?",
    body="It expires next month.",
    *,
    language="en",
    topic="residence",
    published=True,
    answered_by=None,
    answer="Go to the Migration Directorate.",
    **fields,
):
    question, token = services.question_submit(
        title=title, body=body, topic=Topic.objects.get(slug=topic), language=language, **fields
    )
    if published:
        services.question_moderate(question=question, by=None, action="publish")
    if answered_by is not None:
        services.answer_create(question=question, author=answered_by, body=answer)
    question.refresh_from_db()
    question.token = token
    return question


def age(question: Question, **delta) -> Question:
    moment = timezone.now() - timezone.timedelta(**delta)
    Question.objects.filter(pk=question.pk).update(created_at=moment, published_at=moment)
    question.refresh_from_db()
    return question
