"""The demo questions: several languages, most answered, loading twice adds nothing."""

import pytest

from integra.forum import demo
from integra.forum.models import Answer, Question

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_few_dozen_questions_in_several_languages_most_answered_and_loads_once(staff):
    demo.load()
    questions, answers = Question.objects.count(), Answer.objects.count()
    assert questions >= 30 and len(set(Question.objects.values_list("language", flat=True))) >= 6
    assert Question.objects.filter(first_answered_at__isnull=False).count() > questions * 0.7
    assert Question.objects.pending().count() >= 1
    demo.load()
    assert (Question.objects.count(), Answer.objects.count()) == (questions, answers)
