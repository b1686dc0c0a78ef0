import time

import pytest
import time_machine

from integra.violations.models import Report
from integra.violations.tests.helpers import FOLLOW_URL, KNOWN_PHRASE, fill_in, submit, token_of, wizard_post
from tests.base import PASSWORD, signed_in

pytestmark = pytest.mark.django_db

TOO_MANY = "Please wait 15 minutes and try again."


def test_too_many_receipt_attempts_answer_429_with_a_clear_message(client, officer, settings):
    settings.VIOLATIONS_RATE_LIMITS = {**settings.VIOLATIONS_RATE_LIMITS, "receipt": (3, 900)}
    codes = [client.post(FOLLOW_URL, {"receipt": f"123412341234123{i}"}).status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.post(FOLLOW_URL, {"receipt": "1234123412341239"})
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode() and response["Retry-After"] == "900"


def test_the_limit_is_per_client_address(client, officer, settings):
    settings.VIOLATIONS_RATE_LIMITS = {**settings.VIOLATIONS_RATE_LIMITS, "receipt": (1, 900)}
    first = client.post(FOLLOW_URL, {"receipt": "1234123412341234"}, REMOTE_ADDR="198.51.100.1")
    blocked = client.post(FOLLOW_URL, {"receipt": "1234123412341234"}, REMOTE_ADDR="198.51.100.1")
    other = client.post(FOLLOW_URL, {"receipt": "1234123412341234"}, REMOTE_ADDR="198.51.100.2")
    assert (first.status_code, blocked.status_code, other.status_code) == (200, 429, 200)


def test_too_many_reports_answer_429_and_send_nothing(client, officer, settings):
    settings.VIOLATIONS_RATE_LIMITS = {**settings.VIOLATIONS_RATE_LIMITS, "submit": (1, 3600)}
    submit(client)
    check = fill_in(client)
    response = wizard_post(client, check, "check", {})
    assert response.status_code == 429 and TOO_MANY in response.content.decode()
    assert Report.objects.count() == 1
    back = wizard_post(client, response, "check", {"wizard_goto": "check"})  # nothing typed is lost
    assert "Check your answers" in back.content.decode() and KNOWN_PHRASE in back.content.decode()


def test_too_many_answers_answer_429(client, officer, settings):
    settings.VIOLATIONS_RATE_LIMITS = {**settings.VIOLATIONS_RATE_LIMITS, "write": (1, 3600)}
    token = token_of(submit(client))
    assert client.post(FOLLOW_URL, {"token": token, "text": "one"}).status_code == 200
    blocked = client.post(FOLLOW_URL, {"token": token, "text": "my second message"})
    assert blocked.status_code == 429
    assert "Please wait 15 minutes and send again." in blocked.content.decode()
    assert "my second message</textarea>" in blocked.content.decode()


def test_an_officer_has_five_tries_to_unlock_reports(client, officer):
    signed_in(client, officer)
    codes = [client.post("/en/staff/reports/unlock/", {"password": "wrong guess"}).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    assert client.post("/en/staff/reports/unlock/", {"password": PASSWORD}).status_code == 429


def test_the_limit_ends_when_the_window_ends(client, officer, settings):
    settings.VIOLATIONS_RATE_LIMITS = {**settings.VIOLATIONS_RATE_LIMITS, "receipt": (1, 900)}
    client.post(FOLLOW_URL, {"receipt": "1234123412341234"})
    assert client.post(FOLLOW_URL, {"receipt": "1234123412341234"}).status_code == 429
    with time_machine.travel(time.time() + 901, tick=False):
        assert client.post(FOLLOW_URL, {"receipt": "1234123412341234"}).status_code == 200


def test_the_429_page_is_translated(client, officer, settings):
    settings.VIOLATIONS_RATE_LIMITS = {**settings.VIOLATIONS_RATE_LIMITS, "receipt": (0, 900)}
    response = client.post("/bg/report/follow/", {"receipt": "1234123412341234"})
    assert response.status_code == 429
    assert 'lang="bg"' in response.content.decode()
