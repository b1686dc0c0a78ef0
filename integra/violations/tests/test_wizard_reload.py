"""Back and reload on the report form never break it, lose an answer or send twice (issue 11 item 2)."""

import pytest
import time_machine

from integra.violations.models import Report
from integra.violations.tests.helpers import ANSWERS, URL, fill_in, receipt_of, state_of

pytestmark = pytest.mark.django_db


def send(client, check):
    done = client.post(URL, {"wizard_state": state_of(check), "wizard_step": "check"})
    assert done.status_code == 303
    return done["Location"]


def test_reloading_the_receipt_shows_it_again_and_sends_nothing(client, officer):
    receipt_url = send(client, fill_in(client))
    first, reloaded = client.get(receipt_url), client.get(receipt_url)
    assert receipt_of(first) == receipt_of(reloaded) and Report.objects.count() == 1
    body = reloaded.content.decode()
    assert "This page can be opened again in this browser for 30 minutes." in body
    assert "Print or save this page" in body and "Copy the receipt" in body
    assert 'src="/static/js/keep-page.js"' in body and "<script>" not in body  # no inline script (CSP)
    assert "no-store" in reloaded["Cache-Control"]


def test_back_from_the_receipt_shows_the_receipt_not_the_answers(client, officer):
    check = fill_in(client)
    receipt_url = send(client, check)
    check_url = check.request["PATH_INFO"] + "?" + check.request["QUERY_STRING"]
    back = client.get(check_url)
    assert receipt_of(back) == receipt_of(client.get(receipt_url))
    assert "Check your answers" not in back.content.decode()


def test_after_thirty_minutes_the_receipt_is_gone_and_the_page_says_so(client, officer):
    with time_machine.travel("2026-11-24 09:00 +0000", tick=False) as traveller:
        receipt_url = send(client, fill_in(client))
        traveller.shift(29 * 60)
        assert 'class="receipt"' in client.get(receipt_url).content.decode()
        traveller.shift(2 * 60)
        gone = client.get(receipt_url)
    assert gone.status_code == 410 and 'class="receipt"' not in gone.content.decode()
    assert "It cannot be shown again now." in gone.content.decode()


def test_a_reload_after_an_error_shows_the_error_again_and_keeps_the_text(client, officer):
    page = client.get(URL)
    for step, fields in ANSWERS[:4]:
        page = client.get(client.post(URL, {"wizard_state": state_of(page), "wizard_step": step, **fields})["Location"])
    empty = client.post(
        URL, {"wizard_state": state_of(page), "wizard_step": "description", "description-description": ""}
    )
    assert empty.status_code == 303
    for shown in (client.get(empty["Location"]), client.get(empty["Location"])):
        assert 'class="error-summary"' in shown.content.decode()
