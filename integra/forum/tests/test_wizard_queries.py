"""The question wizard cleans the carried answers once per request (issue 10, item 4)."""

import pytest

from integra.forum.tests.helpers import URL, answers, wizard_post

pytestmark = pytest.mark.usefixtures("reference_data")

# Queries of answering each step, in order (the "similar" step searches the published questions), then sending.
STEP_QUERIES = {"question": 1, "topic": 2, "city": 2, "notify": 14, "similar": 4}
SEND_QUERIES = 9


def test_each_question_step_and_sending_make_a_fixed_number_of_queries(client, django_assert_num_queries):
    page = client.get(URL)
    for step, fields in answers():
        with django_assert_num_queries(STEP_QUERIES[step]):
            page = wizard_post(client, page, step, fields)
        assert page.status_code == 200
    with django_assert_num_queries(SEND_QUERIES):
        done = wizard_post(client, page, "check", {})
    assert done.status_code == 200
