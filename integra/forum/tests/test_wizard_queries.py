"""The question wizard cleans the carried answers once per request (issue 10, item 4)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from integra.forum.tests.helpers import URL, answers, state_of
from integra.knowledge.search import PostgresBackend, get_backend

pytestmark = pytest.mark.usefixtures("reference_data")

# Queries of the POST answering each step (it reads and writes the session) and of the GET of the page that
# follows. The page after "notify" is the "similar" step, which searches the published questions: that search
# is the step's own content. Then sending, and showing the private link (kept in the session).
POST_QUERIES = {"question": 4, "topic": 5, "city": 5, "notify": 5, "similar": 5}
GET_QUERIES = {"question": 2, "topic": 2, "city": 2, "notify": 14, "similar": 2}
SEND_QUERIES, SENT_PAGE_QUERIES = 13, 1


@pytest.fixture(autouse=True)
def cold_content_type_cache():
    """Sending writes an audit entry, which looks up its content type once per process: always count it."""
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def known_search_configurations(db):
    """PostgreSQL's list of text search configurations is read once per process: read it before counting, so
    the count does not depend on whether an earlier test searched."""
    if isinstance(get_backend(), PostgresBackend):
        get_backend().available()


def test_each_question_step_and_sending_make_a_fixed_number_of_queries(client, django_assert_num_queries):
    page = client.get(URL)
    for step, fields in answers():
        with django_assert_num_queries(POST_QUERIES[step]):
            answered = client.post(URL, {"wizard_state": state_of(page), "wizard_step": step, **fields})
        with django_assert_num_queries(GET_QUERIES[step]):
            page = client.get(answered["Location"])
        assert page.status_code == 200
    with django_assert_num_queries(SEND_QUERIES):
        done = client.post(URL, {"wizard_state": state_of(page), "wizard_step": "check"})
    with django_assert_num_queries(SENT_PAGE_QUERIES):
        sent = client.get(done["Location"])
    assert 'class="token"' in sent.content.decode()
