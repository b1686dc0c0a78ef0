"""The booking wizard cleans the carried answers once per request (issue 10, item 4).

Before, every answered step was validated again several times per request and the centre's rota
read up to six times: 7, 12, 16, 35, 49 and 44 queries for the six steps and 29 to send. Now each
carried answer is cleaned once and the centre's schedule read once per request, so a step costs the
centre and the topic (one query each, once answered), the centre's schedule once it is needed (rota,
opening hours, closed days, bookings) and nothing more: the last steps cost no more than the third.
"""

import pytest
from django.contrib.contenttypes.models import ContentType

from integra.consultations.tests.booking_steps import ANSWERS, URL, post

pytestmark = pytest.mark.usefixtures("reference_data", "monday_morning")

# Queries of answering each step, in order, then of sending.
STEP_QUERIES = {"centre": 2, "topic": 2, "language": 6, "day": 6, "slot": 6, "contact": 5}
SEND_QUERIES = 24



@pytest.fixture(autouse=True)
def cold_content_type_cache():
    """Sending writes an audit entry, which looks up its content type once per process: always count it."""
    ContentType.objects.clear_cache()

def test_each_booking_step_and_sending_make_a_fixed_number_of_queries(client, django_assert_num_queries):
    page = client.get(URL)
    for step, fields in ANSWERS.items():
        with django_assert_num_queries(STEP_QUERIES[step]):
            page = post(client, page, step, **fields)
        assert page.status_code == 200
    with django_assert_num_queries(SEND_QUERIES):
        done = post(client, page, "check")
    assert done.status_code == 302


def test_the_queries_do_not_grow_with_the_step():
    counts = list(STEP_QUERIES.values())
    assert max(counts[2:]) == counts[2]  # once the schedule is read, later steps add nothing


def test_changing_an_answer_from_the_check_page_costs_what_answering_it_did(client, django_assert_num_queries):
    page = client.get(URL)
    for step, fields in ANSWERS.items():
        page = post(client, page, step, **fields)
    page = post(client, page, "check", wizard_goto="language")
    with django_assert_num_queries(STEP_QUERIES["contact"]):  # the check page again, as after the last step
        page = post(client, page, "language", **ANSWERS["language"], wizard_to_check="1")
    assert "Check your answers" in page.content.decode()
