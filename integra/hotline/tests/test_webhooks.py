"""The Twilio webhooks with recorded request bodies: valid, unsigned, wrong signature, replayed, malformed."""

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.http import QueryDict
from django.utils import timezone

from integra.hotline.callers import caller_hash
from integra.hotline.models import Call, CallBack
from integra.hotline.telephony import signature

TOKEN = "12345678901234567890123456789012"  # noqa: S105 - a test token
FIXTURES = Path(__file__).parent / "fixtures"
VOICE = "/telephony/twilio/voice/"
STATUS = "/telephony/twilio/status/"
OPEN = datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Europe/Sofia"))  # a Wednesday morning
CLOSED = datetime(2026, 12, 2, 20, 0, tzinfo=ZoneInfo("Europe/Sofia"))


def fixture(name: str, **changes) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text()) | changes


def post(client, path, params, token=TOKEN, sign=True, query=""):
    url = f"http://testserver{path}{query}"
    headers = {}
    if sign:
        headers["HTTP_X_TWILIO_SIGNATURE"] = signature(url, QueryDict(mutable=True) | params, token)
    return client.post(f"{path}{query}", params, **headers)


@pytest.fixture
def twilio(settings, reference_data):
    settings.TELEPHONY_BACKEND = "twilio"
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.TELEPHONY_OPERATOR_NUMBER = "+359888000111"


def test_the_signature_is_twilios_documented_example():
    # The example of Twilio's "Webhooks security" page (token, URL and parameters as published there).
    params = {"CallSid": "CA1234567890ABCDE", "Caller": "+14158675310", "Digits": "1234", "From": "+14158675310",
              "To": "+18005551212"}  # fmt: skip
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert signature(url, params, "12345") == "GvWf1cFY/Q7PnoempGyD5oXAezc="


def test_the_menu_offers_seven_languages_each_in_its_own(client, twilio):
    response = post(client, VOICE, fixture("twilio_voice_incoming"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/xml")
    body = response.content.decode()
    assert body.count("<Say ") == 7
    assert 'language="bg-BG">За български натиснете 1.' in body and 'language="tr-TR">Türkçe' in body
    call = Call.objects.get(provider_call_id="CA5f0e2a6b1c3d4e5f60718293a4b5c6d7")
    assert call.caller_hash == caller_hash("+359881234567") and call.status == Call.Status.RINGING


def test_a_recorded_prompt_replaces_text_to_speech(client, twilio, settings):
    settings.TELEPHONY_PROMPT_URLS = {"fa": "https://audio.example.org/fa-menu.mp3"}
    body = post(client, VOICE, fixture("twilio_voice_incoming")).content.decode()
    assert "<Play>https://audio.example.org/fa-menu.mp3</Play>" in body and body.count("<Say ") == 6


@time_machine.travel(OPEN, tick=False)
def test_choosing_a_language_in_hours_connects_to_the_operators(client, twilio):
    body = post(client, VOICE, fixture("twilio_voice_incoming", Digits="4")).content.decode()
    assert "<Dial>+359888000111</Dial>" in body and 'language="fa-IR"' in body
    assert Call.objects.get().language == "fa"


@time_machine.travel(CLOSED, tick=False)
def test_out_of_hours_the_caller_asks_for_a_call_back_from_the_keypad(client, twilio):
    body = post(client, VOICE, fixture("twilio_voice_incoming", Digits="3")).content.decode()
    assert "step=call-back&amp;lang=ar" in body and "<Dial>" not in body
    confirmed = post(client, VOICE, fixture("twilio_voice_incoming", Digits="1"), query="?step=call-back&lang=ar")
    body = confirmed.content.decode()
    assert "step=window&amp;lang=ar" in body and "متى نتصل بك" in body  # when to call, asked in Arabic
    assert not CallBack.objects.exists()
    params = fixture("twilio_voice_incoming", Digits="1")  # the morning
    for _ in range(2):  # Twilio retries: still one call-back
        response = post(client, VOICE, params, query="?step=window&lang=ar")
        assert response.status_code == 200
    call_back = CallBack.objects.get()
    starts = [start for start, _end in call_back.window_ranges()]
    assert starts and all(timezone.localtime(start).hour < 12 for start in starts)
    assert call_back.phone == "+359881234567" and call_back.language == "ar"
    assert call_back.source == CallBack.Source.PHONE_MENU
    assert Call.objects.get().outcome == Call.Outcome.CALL_BACK_PROMISED


def test_status_events_create_and_complete_the_call_once(client, twilio):
    assert post(client, STATUS, fixture("twilio_voice_incoming")).status_code == 204
    answered = fixture("twilio_voice_incoming", CallStatus="in-progress")
    assert post(client, STATUS, answered).status_code == 204
    completed = fixture("twilio_status_completed")
    assert post(client, STATUS, completed).status_code == 204
    call = Call.objects.get()
    assert call.status == Call.Status.ENDED and call.duration_seconds == 187
    assert call.hotline.phone == "+35929394755" and call.operator is None and call.direction == "incoming"


def test_a_replayed_or_retried_event_changes_nothing(client, twilio):
    post(client, STATUS, fixture("twilio_status_completed"))
    before = Call.objects.values().get()
    post(client, STATUS, fixture("twilio_status_completed"))
    post(client, STATUS, fixture("twilio_voice_incoming", CallStatus="ringing"))  # a late, older event
    assert Call.objects.count() == 1
    assert Call.objects.values().get() == before


def test_an_unsigned_request_is_refused_and_nothing_logged(client, twilio):
    assert post(client, STATUS, fixture("twilio_status_completed"), sign=False).status_code == 403
    assert post(client, VOICE, fixture("twilio_voice_incoming"), sign=False).status_code == 403
    assert Call.objects.count() == 0


def test_a_wrong_signature_is_refused(client, twilio):
    response = post(client, STATUS, fixture("twilio_status_completed"), token="another token")
    assert response.status_code == 403
    tampered = fixture("twilio_status_completed")
    url = f"http://testserver{STATUS}"
    good = signature(url, tampered, TOKEN)
    tampered["CallDuration"] = "9999"
    assert client.post(STATUS, tampered, HTTP_X_TWILIO_SIGNATURE=good).status_code == 403
    assert Call.objects.count() == 0


def test_without_a_token_every_webhook_answers_403(client, reference_data, settings):
    settings.TELEPHONY_BACKEND = "twilio"
    settings.TWILIO_AUTH_TOKEN = ""
    assert post(client, STATUS, fixture("twilio_status_completed"), token="").status_code == 403
    settings.TELEPHONY_BACKEND = "console"
    assert post(client, VOICE, fixture("twilio_voice_incoming")).status_code == 403
    assert Call.objects.count() == 0


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"CallSid": "", "CallStatus": "completed"},
        {"CallSid": "CA' OR 1=1 --", "CallStatus": "completed"},
        {"CallSid": "CA" + "f" * 200, "CallStatus": "completed"},
        {"CallSid": "CAabc", "CallStatus": "exploded"},
        {"CallSid": "CAabc", "CallStatus": "completed", "CallDuration": "9" * 40},
        {"CallSid": "CAabc", "CallStatus": "completed", "From": "\x00\ufffd", "To": "not a number"},
    ],
)
def test_a_malformed_body_is_a_clear_400_or_harmless_never_a_500(client, twilio, params):
    response = post(client, STATUS, params)
    assert response.status_code in (204, 400)
    if response.status_code == 204:
        assert Call.objects.get().duration_seconds == 0


def test_get_is_not_allowed(client, twilio):
    assert client.get(STATUS).status_code in (403, 405)
    assert Call.objects.count() == 0


def test_operators_see_the_automatic_call_and_complete_it(client, twilio, staff):
    from integra.hotline.tests.helpers import signed_in

    post(client, STATUS, fixture("twilio_status_completed"))
    call = Call.objects.get()
    signed_in(client, staff["mediator.kardzhali"])
    page = client.get("/en/staff/hotline/").content.decode()
    assert f"/en/staff/hotline/calls/{call.pk}/" in page and "Calls from the phone system to complete" in page
    assert client.get(f"/en/staff/hotline/calls/{call.pk}/").status_code == 200


@time_machine.travel(CLOSED, tick=False)
def test_nothing_pressed_for_the_time_means_any_time_and_another_key_asks_again(client, twilio):
    again = post(client, VOICE, fixture("twilio_voice_incoming", Digits="8"), query="?step=window&lang=uk")
    assert "Коли вам передзвонити" in again.content.decode() and not CallBack.objects.exists()
    post(client, VOICE, fixture("twilio_voice_incoming"), query="?step=window&lang=uk&any=1")
    call_back = CallBack.objects.get()
    assert call_back.windows == [] and call_back.language == "uk"


@time_machine.travel(CLOSED, tick=False)
def test_the_afternoon_key_keeps_only_afternoon_windows(client, twilio):
    post(client, VOICE, fixture("twilio_voice_incoming", Digits="3"), query="?step=window&lang=bg")
    starts = [start for start, _end in CallBack.objects.get().window_ranges()]
    assert starts and all(timezone.localtime(start).hour >= 14 for start in starts)
