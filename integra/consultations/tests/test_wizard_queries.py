"""The booking wizard cleans the carried answers once per request (issue 10, item 4).

Before, every answered step was validated again several times per request and the centre's rota
read up to six times: 7, 12, 16, 35, 49 and 44 queries for the six steps and 29 to send. Now each
carried answer is cleaned once and the centre's schedule read once per request. Each answer is a
POST answered by a redirect to the next page's GET (issue 11 item 2), and each of the two requests
costs the session (read, and written by the POST), the centre and the topic once answered, the
centre's schedule once it is needed (rota, opening hours, closed days, bookings) and nothing more:
from the step where the schedule is first read, no later step costs more.
"""

import pytest
from django.contrib.contenttypes.models import ContentType

from integra.consultations.tests.booking_steps import ANSWERS, URL, state_of

pytestmark = pytest.mark.usefixtures("reference_data", "monday_morning")

# Queries of the POST answering each step and of the GET of the page that follows, then of sending.
POST_QUERIES = {"centre": 5, "topic": 6, "language": 6, "day": 10, "slot": 10, "contact": 9}
GET_QUERIES = {"centre": 3, "topic": 3, "language": 7, "day": 7, "slot": 6, "contact": 6}
SEND_QUERIES = 24


@pytest.fixture(autouse=True)
def cold_content_type_cache():
    """Sending writes an audit entry, which looks up its content type once per process: always count it."""
    ContentType.objects.clear_cache()


def test_each_booking_step_and_sending_make_a_fixed_number_of_queries(client, django_assert_num_queries):
    page = client.get(URL)
    for step, fields in ANSWERS.items():
        with django_assert_num_queries(POST_QUERIES[step]):
            answered = client.post(URL, {"wizard_state": state_of(page), "wizard_step": step, **fields})
        assert answered.status_code == 303
        with django_assert_num_queries(GET_QUERIES[step]):
            page = client.get(answered["Location"])
        assert page.status_code == 200
    with django_assert_num_queries(SEND_QUERIES):
        done = client.post(URL, {"wizard_state": state_of(page), "wizard_step": "check"})
    assert done.status_code == 302


@pytest.mark.parametrize("counts", [POST_QUERIES, GET_QUERIES], ids=["post", "get"])
def test_the_queries_do_not_grow_with_the_step(counts):
    steps = list(counts)
    first_with_schedule = steps.index("day" if counts is POST_QUERIES else "language")
    assert max(counts[s] for s in steps[first_with_schedule:]) == counts[steps[first_with_schedule]]


def test_changing_an_answer_from_the_check_page_costs_what_answering_it_did(client, django_assert_num_queries):
    page = client.get(URL)
    for step, fields in ANSWERS.items():
        answered = client.post(URL, {"wizard_state": state_of(page), "wizard_step": step, **fields})
        page = client.get(answered["Location"])
    change = client.post(URL, {"wizard_state": state_of(page), "wizard_step": "check", "wizard_goto": "language"})
    page = client.get(change["Location"])
    fields = {"wizard_state": state_of(page), "wizard_step": "language", "wizard_to_check": "1", **ANSWERS["language"]}
    with django_assert_num_queries(POST_QUERIES["contact"]):  # back to the check page, as after the last step
        answered = client.post(URL, fields)
    assert "step=check" in answered["Location"]
    with django_assert_num_queries(GET_QUERIES["contact"]):
        page = client.get(answered["Location"])
    assert "Check your answers" in page.content.decode()
