"""The question wizard cleans the carried answers once per request (issue 10, item 4)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from integra.forum.tests.helpers import URL, answers, wizard_post

pytestmark = pytest.mark.usefixtures("reference_data")

# Queries of answering each step, in order, then sending. Answering "notify" shows the "similar"
# step, which searches the published questions: that search is the step's own content.
STEP_QUERIES = {"question": 1, "topic": 1, "city": 1, "notify": 13, "similar": 1}
SEND_QUERIES = 9



@pytest.fixture(autouse=True)
def cold_content_type_cache():
    """Sending writes an audit entry, which looks up its content type once per process: always count it."""
    ContentType.objects.clear_cache()

def test_each_question_step_and_sending_make_a_fixed_number_of_queries(client, django_assert_num_queries):
    page = client.get(URL)
    for step, fields in answers():
        with django_assert_num_queries(STEP_QUERIES[step]):
            page = wizard_post(client, page, step, fields)
        assert page.status_code == 200
    with django_assert_num_queries(SEND_QUERIES):
        done = wizard_post(client, page, "check", {})
    assert done.status_code == 200
