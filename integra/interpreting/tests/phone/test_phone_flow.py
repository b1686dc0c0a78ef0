"""Phone interpretation now, end to end through the provider's signed webhooks (recorded Twilio bodies): the
first interpreter does not answer, the next is rung, answers, presses 1 and joins the conference, the requester
is called in, and when the interpreter hangs up the session is logged with its duration. Replays change nothing."""

from datetime import timedelta

import time_machine

from integra.core import sms
from integra.interpreting.models import Request, Session
from integra.interpreting.phone_models import PhoneAttempt, PhoneCall
from integra.interpreting.tests.conftest import make_mediator
from integra.interpreting.tests.phone.conftest import (
    FIRST_SID,
    MORNING,
    REQUESTER_SID,
    SECOND_SID,
    fixture,
    hook,
    only_call,
    post,
    start,
    tokens,
)
from tests.base import signed_in


@time_machine.travel(MORNING, tick=False)
def test_no_answer_then_accept_then_hang_up_logs_the_session(client, staff, interpreters, twilio):
    layla, omar = interpreters
    response = start(client, staff)
    call = only_call()
    assert response.status_code == 302 and response["Location"] == f"/en/staff/interpreting/phone/{call.request_id}/"
    assert (call.request.mode, call.request.urgency, call.request.status) == ("phone", "urgent", "offered")
    first, second = tokens()
    # The first interpreter's phone rings, for the ring time; Twilio asks the answer webhook what to play.
    assert len(twilio.placed) == 1
    placed = twilio.placed[0]
    assert placed["To"] == "+359881000001" and placed["Timeout"] == "30"
    assert placed["Url"] == f"http://testserver{hook('answer', first)}"
    assert placed["StatusCallback"] == f"http://testserver{hook('status', first)}"
    page = client.get(response["Location"]).content.decode()
    assert "Calling interpreter 1 of 2" in page and 'http-equiv="refresh"' in page

    assert post(client, hook("status", first), fixture("twilio_interpreter_ringing")).status_code == 204
    assert post(client, hook("status", first), fixture("twilio_interpreter_no_answer")).status_code == 204
    assert post(client, hook("status", first), fixture("twilio_interpreter_no_answer")).status_code == 204  # replay
    assert len(twilio.placed) == 2 and twilio.placed[1]["To"] == "+359881000002"
    assert PhoneAttempt.objects.get(token=first).state == PhoneAttempt.State.NO_ANSWER

    offer = post(client, hook("answer", second), fixture("twilio_interpreter_answer"))
    body = offer.content.decode()
    assert offer.status_code == 200 and offer["Content-Type"].startswith("text/xml")
    assert "<Gather" in body and f"{hook('keypad', second)}" in body and 'language="bg-BG"' in body
    assert "арабски" in body and "натиснете 1" in body

    with time_machine.travel(MORNING + timedelta(seconds=40), tick=False):
        joined = post(client, hook("keypad", second), fixture("twilio_interpreter_keypad"))
        again = post(client, hook("keypad", second), fixture("twilio_interpreter_keypad"))  # a retried webhook
    room = only_call().room
    assert "<Conference" in joined.content.decode() and f">{room}</Conference>" in joined.content.decode()
    assert again.content == joined.content
    requester_legs = [p for p in twilio.placed if p["To"] == "+359887654321"]
    assert len(requester_legs) == 1 and f">{room}</Conference>" in requester_legs[0]["Twiml"]
    assert requester_legs[0]["StatusCallback"] == f"http://testserver{hook('requester', only_call().token)}"
    job = Request.objects.get()
    assert (job.status, job.mediator) == ("confirmed", omar)
    assert "Omar" in client.get(response["Location"]).content.decode()

    with time_machine.travel(MORNING + timedelta(minutes=1), tick=False):
        assert post(client, hook("requester", call.token), fixture("twilio_requester_in_progress")).status_code == 204
    assert only_call().state == PhoneCall.State.CONNECTED and only_call().requester_call_sid == REQUESTER_SID
    with time_machine.travel(MORNING + timedelta(minutes=13), tick=False):
        for _ in range(2):  # the same CallSid and status twice: one session
            assert post(client, hook("status", second), fixture("twilio_interpreter_completed")).status_code == 204
    session = Session.objects.get()
    assert (session.mediator, session.mode, session.outcome, session.logged_by) == (omar, "phone", "completed", None)
    assert session.minutes == 12 and session.started_at == MORNING + timedelta(minutes=1)
    assert Request.objects.get().status == "done" and only_call().state == PhoneCall.State.ENDED
    page = client.get(response["Location"]).content.decode()
    assert "the session is logged" in page and "12 minutes" in page and 'http-equiv="refresh"' not in page


@time_machine.travel(MORNING, tick=False)
def test_when_nobody_answers_the_requester_is_told_and_the_request_kept(
    client, staff, interpreters, twilio, django_capture_on_commit_callbacks
):
    sms.outbox.clear()
    start(client, staff)
    first, second = tokens()
    post(client, hook("status", first), fixture("twilio_interpreter_no_answer"))
    with django_capture_on_commit_callbacks(execute=True):
        last = fixture("twilio_interpreter_no_answer", CallSid=SECOND_SID, CallStatus="busy")
        post(client, hook("status", second), last)
    call = only_call()
    assert call.state == PhoneCall.State.NOBODY and len(twilio.placed) == 2
    job = Request.objects.get()
    assert job.status == "requested" and job.mediator is None  # on the coordinator's list of open requests
    assert [m.to for m in sms.outbox] == ["+359887654321"] and job.job_number in sms.outbox[0].body
    page = client.get(f"/en/staff/interpreting/phone/{job.pk}/").content.decode()
    assert "No interpreter could be reached now" in page
    signed_in(client, staff["coordinator"])
    assert job.job_number in client.get("/en/staff/interpreting/?status=requested").content.decode()


@time_machine.travel(MORNING, tick=False)
def test_pressing_2_or_hanging_up_without_accepting_rings_the_next(client, staff, interpreters, twilio):
    start(client, staff)
    first, second = tokens()
    post(client, hook("answer", first), fixture("twilio_interpreter_answer", CallSid=FIRST_SID))
    goodbye = post(client, hook("keypad", first), fixture("twilio_interpreter_keypad", CallSid=FIRST_SID, Digits="2"))
    assert "<Hangup" in goodbye.content.decode() and "<Conference" not in goodbye.content.decode()
    assert PhoneAttempt.objects.get(token=first).state == PhoneAttempt.State.DECLINED and len(twilio.placed) == 2
    # The second answers but hangs up without a key: the call completes, and there is nobody left.
    post(client, hook("answer", second), fixture("twilio_interpreter_answer"))
    post(client, hook("keypad", second), fixture("twilio_interpreter_keypad", Digits="9"))  # repeats the offer
    assert PhoneAttempt.objects.get(token=second).state == PhoneAttempt.State.ANSWERED
    post(client, hook("status", second), fixture("twilio_interpreter_completed"))
    assert PhoneAttempt.objects.get(token=second).state == PhoneAttempt.State.DECLINED
    assert only_call().state == PhoneCall.State.NOBODY and not Session.objects.exists()


@time_machine.travel(MORNING, tick=False)
def test_a_requester_who_does_not_answer_ends_the_interpreter_s_call_and_keeps_the_request(
    client, staff, interpreters, twilio
):
    start(client, staff)
    first, _second = tokens()
    post(client, hook("answer", first), fixture("twilio_interpreter_answer", CallSid=FIRST_SID))
    post(client, hook("keypad", first), fixture("twilio_interpreter_keypad", CallSid=FIRST_SID))
    call = only_call()
    assert call.state == PhoneCall.State.CONNECTING and call.requester_call_sid == SECOND_SID
    params = fixture("twilio_requester_in_progress", CallSid=SECOND_SID, CallStatus="no-answer")
    assert post(client, hook("requester", call.token), params).status_code == 204
    assert only_call().state == PhoneCall.State.UNREACHED and twilio.hung_up == [FIRST_SID]
    job = Request.objects.get()
    assert (job.status, job.mediator) == ("requested", None) and not Session.objects.exists()
    assert "Your phone did not answer" in client.get(f"/en/staff/interpreting/phone/{job.pk}/").content.decode()


@time_machine.travel(MORNING, tick=False)
def test_the_other_person_is_called_into_the_same_room(client, staff, interpreters, twilio):
    start(client, staff, other_phone="+359 88 111 2222")
    first, _second = tokens()
    post(client, hook("answer", first), fixture("twilio_interpreter_answer", CallSid=FIRST_SID))
    post(client, hook("keypad", first), fixture("twilio_interpreter_keypad", CallSid=FIRST_SID))
    room = only_call().room
    legs = {p["To"]: p for p in twilio.placed[1:]}
    assert set(legs) == {"+359887654321", "+359881112222"}
    assert all(f">{room}</Conference>" in leg["Twiml"] for leg in legs.values())
    assert legs["+359881112222"]["StatusCallback"].endswith(hook("other", only_call().token))


@time_machine.travel(MORNING, tick=False)
def test_a_provider_that_refuses_a_call_moves_on_and_at_the_end_keeps_the_request(client, staff, interpreters, twilio):
    twilio.refuse = True
    response = start(client, staff)
    assert response.status_code == 302
    assert list(PhoneAttempt.objects.values_list("state", flat=True)) == ["no_answer", "no_answer"]
    assert only_call().state == PhoneCall.State.NOBODY and Request.objects.get().status == "requested"


@time_machine.travel(MORNING, tick=False)
def test_signatures_and_malformed_bodies(client, staff, interpreters, twilio):
    start(client, staff)
    first, _second = tokens()
    path = hook("status", first)
    assert post(client, path, fixture("twilio_interpreter_no_answer"), sign=False).status_code == 403
    assert post(client, path, fixture("twilio_interpreter_no_answer"), token="wrong" * 6).status_code == 403
    tampered = fixture("twilio_interpreter_no_answer")
    headers = {"HTTP_X_TWILIO_SIGNATURE": "bm90IGEgc2lnbmF0dXJl"}
    assert client.post(path, tampered, **headers).status_code == 403
    assert PhoneAttempt.objects.get(token=first).state == PhoneAttempt.State.RINGING  # nothing happened
    assert client.get(path).status_code in (403, 405)
    assert post(client, path, fixture("twilio_interpreter_no_answer", CallStatus="exploded")).status_code == 400
    assert post(client, path, fixture("twilio_interpreter_no_answer", CallSid="CA<script>")).status_code == 400
    assert post(client, path, {"CallStatus": "no-answer"}).status_code == 400
    assert post(client, path, fixture("twilio_interpreter_no_answer", CallSid="CA" + "9" * 32)).status_code == 400
    assert post(client, hook("keypad", first), fixture("twilio_interpreter_keypad", Digits="1" * 40)).status_code == 400
    assert post(client, hook("status", "0" * 32), fixture("twilio_interpreter_no_answer")).status_code == 404
    assert post(client, hook("requester", "f" * 32), fixture("twilio_requester_in_progress")).status_code == 404
    assert post(client, hook("requester", only_call().token), {"CallSid": "x"}).status_code == 400
    assert PhoneAttempt.objects.get(token=first).state == PhoneAttempt.State.RINGING and len(twilio.placed) == 1


@time_machine.travel(MORNING, tick=False)
def test_the_console_backend_refuses_every_webhook(client, staff, interpreters):
    start(client, staff)
    first, _second = tokens()
    assert post(client, hook("status", first), fixture("twilio_interpreter_no_answer")).status_code == 403


@time_machine.travel(MORNING, tick=False)
def test_the_offer_is_read_twice_at_most_and_in_english_to_an_english_only_interpreter(
    client, staff, reference_data, twilio
):
    make_mediator("Sam", directions=["en"], phone="+359881000001")
    start(client, staff, direction="en")
    (only,) = tokens()
    body = post(client, hook("answer", only), fixture("twilio_interpreter_answer", CallSid=FIRST_SID)).content.decode()
    assert 'language="en-GB"' in body and "Arabic, Levantine" in body and "medical. To accept" in body
    assert f"{hook('answer', only)}?again=1</Redirect>" in body
    params = fixture("twilio_interpreter_answer", CallSid=FIRST_SID)
    again = post(client, hook("answer", only), params, query="?again=1").content.decode()
    assert "<Gather" in again and again.rstrip().endswith("<Hangup /></Response>")


@time_machine.travel(MORNING, tick=False)
def test_an_interpreter_on_one_phone_request_is_not_rung_for_another(client, staff, interpreters, twilio):
    layla, omar = interpreters
    start(client, staff)  # Layla's phone rings for the first request
    first_call = only_call()
    start(client, staff, key="k2", client_label="B. M.")
    second_call = PhoneCall.objects.exclude(pk=first_call.pk).get()
    assert [p["To"] for p in twilio.placed] == ["+359881000001", "+359881000002"]  # Omar for the second
    layla_second = second_call.attempts.get(mediator=layla)
    assert layla_second.state == PhoneAttempt.State.SKIPPED
    assert second_call.attempts.get(mediator=omar).state == PhoneAttempt.State.RINGING
