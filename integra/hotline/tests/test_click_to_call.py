"""Click to call (issue 12 item 10): the provider rings the operator, then the caller; the call is logged at once
and the provider's status events complete the same entry."""

import io
import json
from urllib.parse import parse_qs

import pytest

from integra.hotline import services, telephony
from integra.hotline.models import Call, CallBack
from tests.base import signed_in


@pytest.fixture
def taken(staff):
    call_back = services.call_back_request(phone="+359881234567", language="ar", windows=[], source="web")
    services.call_back_take(call_back_id=call_back.pk, by=staff["consultant.sofia"])
    return call_back


def dial(client, call_back, number="088 765 4321"):
    return client.post(f"/en/staff/hotline/call-backs/{call_back.pk}/dial/", {"operator_number": number})


def test_with_the_console_backend_the_call_is_logged_and_the_operator_told_to_dial(client, staff, taken):
    signed_in(client, staff["consultant.sofia"])
    response = dial(client, taken)
    call = Call.objects.get(direction=Call.Direction.CALL_BACK)
    assert response["Location"] == f"/en/staff/hotline/calls/{call.pk}/"
    assert call.provider_call_id.startswith("CONSOLE")
    assert (call.operator, call.language, call.caller_hash) == (staff["consultant.sofia"], "ar", taken.caller_hash)
    assert "dial the number yourself" in client.get(response["Location"]).content.decode()
    # The number is remembered for the next call-back.
    assert client.session["hotline_operator_number"] == "+359887654321"


def test_twilio_rings_the_operator_then_dials_the_caller(client, staff, taken, settings, monkeypatch):
    settings.TELEPHONY_BACKEND = "twilio"
    settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, settings.TWILIO_FROM = "AC1", "secret", "+35929394747"
    sent = {}

    def fake_urlopen(request, timeout):
        sent["url"], sent["body"] = request.full_url, parse_qs(request.data.decode())
        sent["auth"] = request.get_header("Authorization")
        return io.BytesIO(json.dumps({"sid": "CA0123456789abcdef"}).encode())

    monkeypatch.setattr(telephony, "urlopen", fake_urlopen)
    signed_in(client, staff["consultant.sofia"])
    dial(client, taken)
    assert sent["url"] == "https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json"
    assert sent["body"]["To"] == ["+359887654321"] and sent["body"]["From"] == ["+35929394747"]
    assert "<Dial>+359881234567</Dial>" in sent["body"]["Twiml"][0]
    assert sent["body"]["StatusCallback"][0].endswith("/telephony/twilio/status/")
    assert sent["auth"].startswith("Basic ")
    assert Call.objects.get(direction=Call.Direction.CALL_BACK).provider_call_id == "CA0123456789abcdef"


def test_a_provider_failure_logs_nothing_and_says_so(client, staff, taken, settings, monkeypatch):
    settings.TELEPHONY_BACKEND = "twilio"
    settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, settings.TWILIO_FROM = "AC1", "secret", "+35929394747"

    def refused(request, timeout):
        raise OSError("connection refused")

    monkeypatch.setattr(telephony, "urlopen", refused)
    signed_in(client, staff["consultant.sofia"])
    response = dial(client, taken)
    assert response["Location"] == f"/en/staff/hotline/call-backs/{taken.pk}/"
    assert "could not be placed" in client.get(response["Location"]).content.decode()
    assert not Call.objects.filter(direction=Call.Direction.CALL_BACK).exists()


def test_a_bad_operator_number_is_shown_back_with_a_message(client, staff, taken):
    signed_in(client, staff["consultant.sofia"])
    response = dial(client, taken, number="abc123")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a phone number" in page and 'value="abc123"' in page
    assert not Call.objects.exists()


def test_only_the_operator_who_took_it_can_dial(client, staff, taken):
    signed_in(client, staff["manager.sofia"])
    dial(client, taken)
    assert not Call.objects.exists()
    taken.refresh_from_db()
    assert taken.status == CallBack.Status.TAKEN
