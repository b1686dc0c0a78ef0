"""Figures: questions by topic, language and month; median time to first answer; share within the target."""

import pytest
from django.utils import timezone

from integra.forum import services
from integra.forum.models import Question
from integra.forum.tests.helpers import make_question
from tests.base import signed_in

pytestmark = pytest.mark.django_db


def test_the_figures_count_by_topic_language_and_month_and_time_the_answers(staff):
    now = timezone.now()
    quick = make_question("Quick", topic="healthcare", language="en", answered_by=staff["consultant.sofia"])
    slow = make_question("Slow", topic="healthcare", language="ar", answered_by=staff["consultant.sofia"])
    make_question("Waiting", topic="education", language="ar")
    spam = make_question("Spam", published=False)
    services.question_moderate(question=spam, by=staff["moderator"], action="spam")
    Question.objects.filter(pk=quick.pk).update(
        created_at=now - timezone.timedelta(hours=12), published_at=now - timezone.timedelta(hours=10)
    )
    Question.objects.filter(pk=slow.pk).update(
        created_at=now - timezone.timedelta(days=20),
        published_at=now - timezone.timedelta(days=20),
        first_answered_at=now - timezone.timedelta(days=20) + timezone.timedelta(hours=36),
    )
    figures = services.forum_figures()
    assert figures.total == 3 and figures.answered == 2
    assert figures.by_topic == [("Healthcare", 2), ("Education", 1)]
    assert dict(figures.by_language) == {"ar": 2, "en": 1}
    assert sum(n for _month, n in figures.by_month) == 3
    assert figures.median_hours == pytest.approx(24.0, abs=0.2)  # 12 hours and 36 hours
    assert figures.within_target == 1.0


def test_an_answer_after_the_target_counts_as_missed(staff):
    question = make_question("Late", answered_by=staff["consultant.sofia"])
    start = timezone.now() - timezone.timedelta(days=30)
    Question.objects.filter(pk=question.pk).update(
        created_at=start, published_at=start, first_answered_at=start + timezone.timedelta(days=10)
    )
    assert services.forum_figures().within_target == 0.0


def test_no_questions_give_empty_figures(db):
    figures = services.forum_figures()
    assert figures.total == 0 and figures.median_hours is None and figures.within_target is None


def test_the_figures_page_shows_them_to_coordinators_and_moderators(client, staff):
    make_question("Counted", answered_by=staff["consultant.sofia"])
    for name in ("coordinator", "moderator"):
        signed_in(client, staff[name])
        body = client.get("/en/staff/forum/figures/").content.decode()
        assert "Median time to the first answer" in body and "Residence" in body
