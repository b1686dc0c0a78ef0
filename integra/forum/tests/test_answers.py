"""Experts answer; the answer shows role and centre, the name only when chosen; notifications; article drafts."""

import pytest
from django.core import mail

from integra.core import sms
from integra.forum import services
from integra.forum.models import Question
from integra.forum.tests.helpers import make_question
from tests.base import signed_in

pytestmark = pytest.mark.django_db


def test_a_consultant_answers_and_the_answer_shows_role_and_centre_but_not_the_name(client, staff):
    question = make_question()
    consultant = staff["consultant.sofia"]
    consultant.first_name, consultant.last_name = "Maria", "Ivanova"
    consultant.save()
    signed_in(client, consultant)
    response = client.post(f"/en/staff/forum/questions/{question.pk}/", {"body": "Go to the Migration Directorate."})
    assert response.status_code == 302
    client.logout()
    body = client.get(f"/en/questions/{question.pk}/").content.decode()
    assert "Go to the Migration Directorate." in body and "Consultant" in body and "Sofia" in body
    assert "Maria" not in body
    question.refresh_from_db()
    assert question.first_answered_at is not None


def test_an_expert_who_chooses_so_is_named_with_the_answer(client, expert):
    question = make_question()
    expert.first_name, expert.last_name = "Georgi", "Dimitrov"
    expert.save()
    signed_in(client, expert)
    client.post(f"/en/staff/forum/questions/{question.pk}/", {"body": "An answer.", "show_name": "on"})
    client.logout()
    body = client.get(f"/en/questions/{question.pk}/").content.decode()
    assert "Georgi Dimitrov" in body and "Expert (volunteer)" in body


def test_an_empty_answer_is_refused_with_a_message(client, staff):
    question = make_question()
    signed_in(client, staff["consultant.burgas"])
    response = client.post(f"/en/staff/forum/questions/{question.pk}/", {"body": ""})
    assert response.status_code == 200 and "Write the answer." in response.content.decode()


def test_a_question_that_is_not_published_cannot_be_answered(client, staff):
    question = make_question(published=False)
    signed_in(client, staff["consultant.sofia"])
    assert client.get(f"/en/staff/forum/questions/{question.pk}/").status_code == 404
    with pytest.raises(services.ValidationError):
        services.answer_create(question=question, author=staff["consultant.sofia"], body="x")


def test_html_in_an_answer_is_shown_as_text(client, staff):
    question = make_question(answered_by=staff["consultant.sofia"], answer="<script>alert(1)</script>")
    body = client.get(f"/en/questions/{question.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_accepted_answer_comes_first_on_the_question_page(client, staff):
    question = make_question(answered_by=staff["consultant.sofia"], answer="First written answer")
    later = services.answer_create(question=question, author=staff["consultant.burgas"], body="Later better answer")
    signed_in(client, staff["moderator"])
    client.post(f"/en/staff/forum/questions/{question.pk}/accept/{later.pk}/")
    client.logout()
    body = client.get(f"/en/questions/{question.pk}/").content.decode()
    assert body.index("Later better answer") < body.index("First written answer")
    assert "Accepted answer" in body


def test_an_answer_links_knowledge_base_articles(client, staff):
    from integra.knowledge import services as knowledge
    from integra.topics.models import Topic

    article = knowledge.article_create(
        user=staff["coordinator"],
        slug="health-insurance",
        topic=Topic.objects.get(slug="healthcare"),
        source_language="en",
        title="Health insurance",
        body="Text",
    )
    translation = knowledge.translation_submit(translation=article.translations.get(), user=staff["coordinator"])
    knowledge.translation_approve(translation=translation, user=staff["coordinator"])
    question = make_question()
    signed_in(client, staff["consultant.sofia"])
    client.post(f"/en/staff/forum/questions/{question.pk}/", {"body": "See the article.", "articles": [article.pk]})
    client.logout()
    body = client.get(f"/en/questions/{question.pk}/").content.decode()
    assert 'href="/en/info/a/health-insurance/" lang="en">Health insurance</a>' in body


def test_the_asker_is_told_of_an_answer_by_e_mail_in_their_language(staff, django_capture_on_commit_callbacks):
    question = make_question(language="bg", notify_by=Question.Notify.EMAIL, email="asker@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_create(question=question, author=staff["consultant.sofia"], body="Answer")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["asker@example.net"] and f"/bg/questions/{question.pk}/" in message.body


def test_the_asker_is_told_of_an_answer_by_sms(staff, django_capture_on_commit_callbacks):
    sms.outbox.clear()
    question = make_question(notify_by=Question.Notify.SMS, phone="+359881234567")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_create(question=question, author=staff["consultant.sofia"], body="Answer")
    assert [m.to for m in sms.outbox] == ["+359881234567"]
    assert f"/en/questions/{question.pk}/" in sms.outbox[0].body
    assert len(mail.outbox) == 0


def test_an_asker_who_chose_the_private_link_only_gets_no_message(staff, django_capture_on_commit_callbacks):
    sms.outbox.clear()
    question = make_question()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.answer_create(question=question, author=staff["consultant.sofia"], body="Answer")
    # One notification (the other callback marks the stored figures of the question's day).
    assert [c.__qualname__ for c in callbacks].count("answer_create.<locals>.<lambda>") == 1
    assert mail.outbox == [] and sms.outbox == []


def test_a_good_answer_becomes_a_knowledge_base_draft_in_one_step_linked_both_ways(client, staff):
    from integra.knowledge.models import ArticleTranslation

    question = make_question(answered_by=staff["consultant.sofia"], answer="Apply <b>30 days</b> before.")
    answer = question.answers.get()
    signed_in(client, staff["coordinator"])
    response = client.post(f"/en/staff/forum/questions/{question.pk}/article/{answer.pk}/")
    assert response.status_code == 302
    answer.refresh_from_db()
    article = answer.article_draft
    assert article is not None and list(article.forum_answers.all()) == [answer]
    translation = article.translations.get()
    assert translation.status == ArticleTranslation.Status.DRAFT and translation.title == question.title
    assert "&lt;b&gt;30 days&lt;/b&gt;" in translation.body
    page = client.get(f"/en/staff/forum/questions/{question.pk}/").content.decode()
    assert f"/en/staff/knowledge/{article.pk}/" in page
    client.post(f"/en/staff/forum/questions/{question.pk}/article/{answer.pk}/")
    answer.refresh_from_db()
    assert answer.article_draft == article  # one step, once


def test_an_expert_cannot_make_an_article_draft(client, expert):
    question = make_question(answered_by=expert)
    signed_in(client, expert)
    response = client.post(f"/en/staff/forum/questions/{question.pk}/article/{question.answers.get().pk}/")
    assert response.status_code == 403


def test_the_article_side_partial_lists_the_questions_an_article_was_made_from(staff):
    from django.template.loader import render_to_string
    from django.utils import translation

    question = make_question(answered_by=staff["consultant.sofia"])
    article = services.answer_to_article_draft(answer=question.answers.get(), user=staff["coordinator"])
    with translation.override("en"):
        html = render_to_string("forum/includes/article_answers.html", {"article": article})
    assert f"/en/staff/forum/questions/{question.pk}/" in html and f"Question {question.pk}" in html
