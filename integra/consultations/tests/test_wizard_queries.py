"""The booking wizard cleans the carried answers once per request (issue 10, item 4).

Before, every answered step was validated again several times per request: 7, 12, 16, 35, 49
and 44 queries for the six steps and 29 to send. Each number below is the step's own questions
plus one validation of each earlier answer.
"""

import pytest

from integra.consultations.tests.booking_steps import ANSWERS, URL, post

pytestmark = pytest.mark.usefixtures("reference_data", "monday_morning")

# Queries of answering each step, in order, then of sending.
STEP_QUERIES = {"centre": 3, "topic": 4, "language": 8, "day": 15, "slot": 17, "contact": 20}
SEND_QUERIES = 27


def test_each_booking_step_and_sending_make_a_fixed_number_of_queries(client, django_assert_num_queries):
    page = client.get(URL)
    for step, fields in ANSWERS.items():
        with django_assert_num_queries(STEP_QUERIES[step]):
            page = post(client, page, step, **fields)
        assert page.status_code == 200
    with django_assert_num_queries(SEND_QUERIES):
        done = post(client, page, "check")
    assert done.status_code == 302

