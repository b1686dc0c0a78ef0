import re

import pytest
import time_machine
from django.test import Client

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
    return follow_wizard(client, client.post(URL, data))


def follow_wizard(client, response):
    """The wizard answers each POST with a 303 to its next GET page (done()'s own redirect is a 302)."""
    return client.get(response["Location"]) if response.status_code == 303 else response


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

    def cleaned_during(request):
        wizard_example.CLEANED.clear()
        response = request()
        return response, sorted(wizard_example.CLEANED)

    page = client.get(URL)
    steps = [("name", {"name-name": "Amira"}), ("contact", {"contact-wants_call": "on"})]
    steps.append(("phone", {"phone-phone": "+359 88 123 4567"}))
    for number, (step, fields) in enumerate(steps):
        data = {"wizard_state": state_of(page), "wizard_step": step, **fields}
        answered, cleaned = cleaned_during(lambda data=data: client.post(URL, data))
        assert cleaned == sorted({"name", "contact"} & {s for s, _f in steps[: number + 1]})
        page, cleaned = cleaned_during(lambda answered=answered: client.get(answered["Location"]))
        assert cleaned == sorted({"name", "contact"} & {s for s, _f in steps[: number + 1]})
    assert "Check your answers" in page.content.decode()
    done, cleaned = cleaned_during(lambda: client.post(URL, {"wizard_state": state_of(page), "wizard_step": "check"}))
    assert done.status_code == 302 and cleaned == ["contact", "name"]


# -- post/redirect/get: Back and reload (issue 11 item 2) ---------------------------------------------


def answer(client, page, step, **fields):
    """The POST alone: the wizard answers it with a 303 to a GET page of the same instance."""
    response = client.post(URL, {"wizard_state": state_of(page), "wizard_step": step, **fields})
    assert response.status_code == 303, response.status_code
    return response["Location"]


def test_every_answer_is_a_redirect_to_a_page_that_survives_reload(client):
    next_url = answer(client, client.get(URL), "name", **{"name-name": "Amira"})
    assert "step=contact" in next_url
    first, reloaded = client.get(next_url), client.get(next_url)
    for page in (first, reloaded):
        assert page.status_code == 200 and "Should we call you?" in page.content.decode()
        assert "no-store" in page["Cache-Control"]


def test_back_in_the_history_shows_the_earlier_question_with_its_answer_and_keeps_the_later_ones(client):
    name_page = client.get(URL)
    contact_url = answer(client, name_page, "name", **{"name-name": "Amira"})
    phone_url = answer(client, client.get(contact_url), "contact", **{"contact-wants_call": "on"})
    answer(client, client.get(phone_url), "phone", **{"phone-phone": "+359 88 123 4567"})
    back = client.get(contact_url)  # the browser's Back button: a GET, never "Confirm form resubmission"
    assert back.status_code == 200
    assert re.search(r'<input[^>]*name="contact-wants_call"[^>]*checked', back.content.decode())
    phone_again = client.get(answer(client, back, "contact", **{"contact-wants_call": "on"}))
    assert 'value="+359 88 123 4567"' in phone_again.content.decode()  # the later answer was not lost


def test_a_page_from_the_history_posts_the_newest_answers(client):
    name_page = client.get(URL)
    contact_url = answer(client, name_page, "name", **{"name-name": "Amira"})
    contact_page = client.get(contact_url)
    answer(client, contact_page, "contact")
    check_url = answer(client, name_page, "name", **{"name-name": "Amira K.", "wizard_to_check": "1"})
    check = client.get(check_url).content.decode()  # the contact answer, given after that page was shown, is kept
    assert "Check your answers" in check and "Amira K." in check


def test_an_answer_with_errors_is_shown_again_with_them_after_the_redirect_and_on_reload(client):
    error_url = answer(client, client.get(URL), "name", **{"name-name": "x" * 60})
    assert "step=name" in error_url
    for page in (client.get(error_url), client.get(error_url)):
        body = page.content.decode()
        assert 'class="error-summary"' in body and 'value="' + "x" * 60 + '"' in body


def test_a_question_further_than_the_first_open_one_cannot_be_reached_by_its_address(client):
    contact_url = answer(client, client.get(URL), "name", **{"name-name": "Amira"})
    for step in ("phone", "check", "nothing"):
        page = client.get(contact_url.replace("step=contact", f"step={step}"))
        assert "Should we call you?" in page.content.decode()


def test_an_instance_this_browser_does_not_hold_starts_again_with_a_clear_message(client):
    contact_url = answer(client, client.get(URL), "name", **{"name-name": "Amira"})
    elsewhere = Client()  # the address alone, in another browser: the answers are not in it
    page = elsewhere.get(contact_url).content.decode()
    assert "Please start again" in page and "What is your name?" in page and "Amira" not in page


def test_two_tabs_are_two_wizards(client):
    first = answer(client, client.get(URL), "name", **{"name-name": "Amira"})
    second = answer(client, client.get(URL), "name", **{"name-name": "Boris"})
    assert first.split("w=")[1] != second.split("w=")[1]
    back_first = client.get(first.replace("step=contact", "step=name")).content.decode()
    assert 'value="Amira"' in back_first and "Boris" not in back_first


def test_after_sending_back_and_reload_never_send_again(client):
    page = client.get(URL)
    page = post(client, page, "name", **{"name-name": "Amira"})
    page = post(client, page, "contact")
    done = client.post(URL, {"wizard_state": state_of(page), "wizard_step": "check"})
    assert done.status_code == 302 and len(wizard_example.RECORDS) == 1
    check_url = page.request["PATH_INFO"] + "?" + page.request["QUERY_STRING"]
    again = client.get(check_url)  # Back from the confirmation to the check page: the confirmation again
    assert again.status_code == 302 and again["Location"] == done["Location"]
    resent = client.post(URL, {"wizard_state": state_of(page), "wizard_step": "check"})
    assert resent["Location"] == done["Location"] and len(wizard_example.RECORDS) == 1


def test_the_sent_page_is_gone_after_thirty_minutes_with_a_plain_sentence(client):
    with time_machine.travel("2026-11-24 09:00 +0000", tick=False) as traveller:
        page = client.get(URL)
        page = post(client, page, "name", **{"name-name": "Amira"})
        page = post(client, page, "contact")
        client.post(URL, {"wizard_state": state_of(page), "wizard_step": "check"})
        check_url = page.request["PATH_INFO"] + "?" + page.request["QUERY_STRING"]
        traveller.shift(31 * 60)
        gone = client.get(check_url)
        assert gone.status_code == 410
        assert "It cannot be shown again now." in gone.content.decode()
        assert len(wizard_example.RECORDS) == 1
