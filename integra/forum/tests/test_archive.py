"""The public archive (browse, search, question pages) and the unanswered list with its target time."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integra.core import pagecache
from integra.forum import services
from integra.forum.tests.helpers import age, make_question
from tests.base import signed_in

pytestmark = pytest.mark.django_db


def test_the_archive_lists_published_questions_only(client, staff):
    make_question("Public residence question")
    make_question("Pending residence question", published=False)
    body = client.get("/en/questions/").content.decode()
    assert "Public residence question" in body and "Pending residence question" not in body


def test_the_archive_is_browsed_by_topic_and_language(client, staff):
    make_question("Doctor question", topic="healthcare", language="en")
    make_question("Вопрос о школе", topic="education", language="ru")
    by_topic = client.get("/en/questions/", {"topic": "education"}).content.decode()
    assert "Вопрос о школе" in by_topic and "Doctor question" not in by_topic
    by_language = client.get("/en/questions/", {"language": "en"}).content.decode()
    assert "Doctor question" in by_language and "Вопрос о школе" not in by_language
    odd = client.get("/en/questions/", {"language": "xx", "topic": "nope", "page": "abc"})
    assert odd.status_code == 200


def test_the_archive_search_uses_the_shared_search_and_finds_answers_too(client, staff):
    question = make_question("Permit renewal", answered_by=staff["consultant.sofia"], answer="Bring a lease contract")
    make_question("Unrelated school question", topic="education")
    body = client.get("/en/questions/", {"q": "lease contract"}).content.decode()
    assert f"/en/questions/{question.pk}/" in body and "Unrelated" not in body
    nothing = client.get("/en/questions/", {"q": "zzzz"}).content.decode()
    assert "No questions match your search." in nothing
    syntax = client.get("/en/questions/", {"q": '"( OR * NEAR'})
    assert syntax.status_code == 200


def test_the_archive_makes_the_same_number_of_queries_however_long_it_is(client, staff, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the uncached path: what the view itself costs
    make_question("One", answered_by=staff["consultant.sofia"])
    client.get("/en/questions/")
    pagecache.bump_content_version()  # both requests below make the page's main part (a fragment) anew
    with CaptureQueriesContext(connection) as few:
        client.get("/en/questions/")
    for n in range(12):
        make_question(f"More {n}", topic="housing" if n % 2 else "family", answered_by=staff["consultant.sofia"])
    with CaptureQueriesContext(connection) as many:
        client.get("/en/questions/")
    assert len(many) == len(few)


def test_a_question_page_makes_the_same_number_of_queries_however_many_answers_it_has(client, staff, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the uncached path: what the view itself costs
    question = make_question(answered_by=staff["consultant.sofia"])
    client.get(f"/en/questions/{question.pk}/")
    pagecache.bump_content_version()  # both requests below make the page's main part (a fragment) anew
    with CaptureQueriesContext(connection) as few:
        client.get(f"/en/questions/{question.pk}/")
    for name in ("consultant.burgas", "consultant.plovdiv", "consultant.kardzhali"):
        services.answer_create(question=question, author=staff[name], body=f"Answer by {name}")
    with CaptureQueriesContext(connection) as many:
        client.get(f"/en/questions/{question.pk}/")
    assert len(many) == len(few)


def test_a_missing_question_is_a_404(client, reference_data):
    assert client.get("/en/questions/999999/").status_code == 404


def test_working_days_skip_the_weekend():
    zone = timezone.get_current_timezone()
    thursday = datetime(2026, 11, 19, 10, 0, tzinfo=zone)
    assert services.add_working_days(thursday, 2) == datetime(2026, 11, 23, 10, 0, tzinfo=zone)  # Monday
    saturday = datetime(2026, 11, 21, 10, 0, tzinfo=zone)
    assert services.add_working_days(saturday, 2) == datetime(2026, 11, 24, 10, 0, tzinfo=zone)  # Tuesday
    monday = datetime(2026, 11, 23, 10, 0, tzinfo=zone)
    assert services.add_working_days(monday, 2) == datetime(2026, 11, 25, 10, 0, tzinfo=zone)


def test_the_unanswered_list_is_oldest_first_and_highlights_a_missed_target(client, staff):
    late = age(make_question("Old unanswered question"), days=10)
    fresh = make_question("Fresh unanswered question")
    make_question("Answered question", answered_by=staff["consultant.sofia"])
    signed_in(client, staff["consultant.plovdiv"])
    body = client.get("/en/staff/forum/unanswered/").content.decode()
    assert body.index("Old unanswered question") < body.index("Fresh unanswered question")
    assert "Answered question" not in body
    assert body.count('class="overdue"') == 1 and "Late" in body
    assert services.is_overdue(late) and not services.is_overdue(fresh)


def test_the_target_time_is_a_setting(settings, staff):
    question = age(make_question(), days=10)
    settings.FORUM_ANSWER_TARGET_WORKING_DAYS = 30
    assert not services.is_overdue(question)


def test_the_unanswered_list_makes_the_same_number_of_queries_however_long_it_is(client, staff):
    signed_in(client, staff["consultant.sofia"])
    make_question("One")
    client.get("/en/staff/forum/unanswered/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/staff/forum/unanswered/")
    for n in range(10):
        make_question(f"More {n}", topic="housing" if n % 2 else "family")
    with CaptureQueriesContext(connection) as many:
        client.get("/en/staff/forum/unanswered/")
    assert len(many) == len(few)


def test_the_public_pages_work_in_every_interface_language(client, staff, settings):
    question = make_question(answered_by=staff["consultant.sofia"])
    for code, _name in settings.LANGUAGES:
        for url in (f"/{code}/questions/", f"/{code}/questions/ask/", f"/{code}/questions/{question.pk}/"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'<html lang="{code}"' in response.content.decode()
