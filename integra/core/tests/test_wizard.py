import re

import pytest
import time_machine

from integra.core.tests import wizard_example

URL = "/en/example/"


@pytest.fixture(autouse=True)
def example_urls(settings, db):
    settings.ROOT_URLCONF = "integra.core.tests.wizard_example"
    wizard_example.RECORDS.clear()
    wizard_example.CLEANED.clear()


def state_of(response) -> str:
    return re.search(r'name="wizard_state" value="([^"]+)"', response.content.decode()).group(1)


def post(client, response, step, **fields):
    data = {"wizard_state": state_of(response), "wizard_step": step}
    data.update(fields)
    return client.post(URL, data)


def test_one_question_per_page_then_check_then_one_record(client):
    page = client.get(URL)
    assert "What is your name?" in page.content.decode()
    page = post(client, page, "name", **{"name-name": "Amira"})
    assert "Should we call you?" in page.content.decode()
    page = post(client, page, "contact", **{"contact-wants_call": "on"})
    assert "Which phone number?" in page.content.decode()  # the conditional step applies
    page = post(client, page, "phone", **{"phone-phone": "+359 88 123 4567"})
    body = page.content.decode()
    assert "Check your answers" in body and "Amira" in body and "+359 88 123 4567" in body
    done = post(client, page, "check")
    assert done.status_code == 302
    assert list(wizard_example.RECORDS.values()) == [{"name": "Amira", "wants_call": True, "phone": "+359 88 123 4567"}]


def test_a_double_submitted_form_makes_one_record(client):
    page = client.get(URL)
    page = post(client, page, "name", **{"name-name": "Amira"})
    page = post(client, page, "contact")
    assert "Check your answers" in page.content.decode()  # no phone step without a call back
    post(client, page, "check")
    post(client, page, "check")
    assert len(wizard_example.RECORDS) == 1


def test_an_error_keeps_what_was_typed_and_shows_a_summary(client):
    page = client.get(URL)
    page = post(client, page, "name", **{"name-name": "x" * 60})
    body = page.content.decode()
    assert 'class="error-summary"' in body
    assert 'value="' + "x" * 60 + '"' in body


def test_going_back_keeps_the_answers(client):
    page = client.get(URL)
    page = post(client, page, "name", **{"name-name": "Amira"})
    page = post(client, page, "contact", wizard_back="1")
    assert 'value="Amira"' in page.content.decode()


def test_change_from_the_check_page_returns_to_it(client):
    page = client.get(URL)
    page = post(client, page, "name", **{"name-name": "Amira"})
    page = post(client, page, "contact")
    page = post(client, page, "check", wizard_goto="name")
    assert 'value="Amira"' in page.content.decode()
    page = post(client, page, "name", **{"name-name": "Amira K.", "wizard_to_check": "1"})
    assert "Check your answers" in page.content.decode()
    assert "Amira K." in page.content.decode()


def test_the_answers_are_not_readable_in_the_page_and_not_stored_on_the_server(client):
    page = client.get(URL)
    page = post(client, page, "name", **{"name-name": "Secret Name"})
    assert "Secret Name" not in state_of(page)
    assert "Secret" not in str(dict(client.session))


@pytest.mark.parametrize("state", ["garbage", "", "A" * 500])
def test_a_tampered_state_starts_again_with_a_clear_message(client, state):
    response = client.post(URL, {"wizard_state": state or "x", "wizard_step": "check"})
    assert response.status_code == 200
    assert "Please start again" in response.content.decode()
    assert not wizard_example.RECORDS


def test_an_expired_state_is_refused(client):
    with time_machine.travel("2026-11-24 09:00 +0000", tick=False) as traveller:
        page = client.get(URL)
        page = post(client, page, "name", **{"name-name": "Amira"})
        traveller.shift(5 * 3600)
        response = post(client, page, "contact")
        assert "Please start again" in response.content.decode()


def test_skipping_ahead_to_send_goes_to_the_first_unanswered_question(client):
    page = client.get(URL)
    page = post(client, page, "name", **{"name-name": "Amira"})
    response = post(client, page, "check")
    assert "Should we call you?" in response.content.decode()
    assert not wizard_example.RECORDS


def test_each_answer_is_cleaned_once_per_request_whatever_the_step(client):
    """Issue 10, item 4: the carried answers are validated once per request, not once per use."""
    page = client.get(URL)
    wizard_example.CLEANED.clear()
    page = post(client, page, "name", **{"name-name": "Amira"})
    assert wizard_example.CLEANED == ["name"]
    wizard_example.CLEANED.clear()
    page = post(client, page, "contact", **{"contact-wants_call": "on"})
    assert sorted(wizard_example.CLEANED) == ["contact", "name"]
    wizard_example.CLEANED.clear()
    page = post(client, page, "phone", **{"phone-phone": "+359 88 123 4567"})
    assert "Check your answers" in page.content.decode()
    assert sorted(wizard_example.CLEANED) == ["contact", "name"]
    wizard_example.CLEANED.clear()
    post(client, page, "check")
    assert sorted(wizard_example.CLEANED) == ["contact", "name"]
