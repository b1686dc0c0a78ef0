"""The report wizard cleans the carried answers once per request (issue 10, item 4)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from integra.violations.tests.helpers import ANSWERS, URL, state_of

pytestmark = pytest.mark.django_db

# Each answer is a POST (the channel's state, the session read and written) and the GET of the next page
# (the channel's state, the session): the same for the last step as for the first.
POST_QUERIES, GET_QUERIES = 5, 2
SEND_QUERIES, SENT_PAGE_QUERIES = 13, 2


@pytest.fixture(autouse=True)
def cold_content_type_cache():
    ContentType.objects.clear_cache()


def test_each_report_step_makes_the_same_queries_and_sending_a_fixed_number(client, officer, django_assert_num_queries):
    page = client.get(URL)
    for step, fields in ANSWERS:
        with django_assert_num_queries(POST_QUERIES):
            answered = client.post(URL, {"wizard_state": state_of(page), "wizard_step": step, **fields})
        with django_assert_num_queries(GET_QUERIES):
            page = client.get(answered["Location"])
        assert page.status_code == 200
    with django_assert_num_queries(SEND_QUERIES):
        done = client.post(URL, {"wizard_state": state_of(page), "wizard_step": "check"})
    with django_assert_num_queries(SENT_PAGE_QUERIES):
        sent = client.get(done["Location"])
    assert 'class="receipt"' in sent.content.decode()
