"""The safety net for provider callbacks that never came: `manage.py interpreting_phone_sweep` moves on from an
interpreter still "ringing" well past the ring time, and from a requester's phone that never answered."""

from datetime import timedelta
from io import StringIO

import time_machine
from django.core.management import call_command
from django.db import connection

from integra.interpreting.models import Request
from integra.interpreting.phone_models import PhoneAttempt, PhoneCall
from integra.interpreting.tests.phone.conftest import FIRST_SID, MORNING, fixture, hook, only_call, post, start, tokens


def sweep() -> str:
    out = StringIO()
    call_command("interpreting_phone_sweep", stdout=out)
    return out.getvalue()


@time_machine.travel(MORNING, tick=False)
def test_a_lost_no_answer_callback_is_made_up_for_after_the_ring_time(client, staff, interpreters, twilio):
    start(client, staff)
    first, second = tokens()
    with time_machine.travel(MORNING + timedelta(seconds=60), tick=False):
        assert sweep() == "Moved on: 0.\n"  # still within the ring time and the grace
    with time_machine.travel(MORNING + timedelta(minutes=3), tick=False):
        assert sweep() == "Moved on: 1.\n"
    assert PhoneAttempt.objects.get(token=first).state == PhoneAttempt.State.NO_ANSWER
    assert PhoneAttempt.objects.get(token=second).state == PhoneAttempt.State.RINGING and len(twilio.placed) == 2
    # The late callback, when it comes after all, changes nothing.
    post(client, hook("status", first), fixture("twilio_interpreter_no_answer"))
    assert len(twilio.placed) == 2


@time_machine.travel(MORNING, tick=False)
def test_a_requester_phone_that_never_answered_is_taken_as_unreached(client, staff, interpreters, twilio):
    start(client, staff, other_phone="+359 88 111 2222")
    first, _second = tokens()
    post(client, hook("answer", first), fixture("twilio_interpreter_answer", CallSid=FIRST_SID))
    post(client, hook("keypad", first), fixture("twilio_interpreter_keypad", CallSid=FIRST_SID))
    with connection.cursor() as cursor:
        cursor.execute("SELECT other_phone FROM interpreting_phonecall")
        stored = cursor.fetchone()[0]
    assert stored.startswith("v1:") and "359" not in stored  # encrypted at rest
    with time_machine.travel(MORNING + timedelta(minutes=5), tick=False):
        assert sweep() == "Moved on: 1.\n"
    call = only_call()
    assert call.state == PhoneCall.State.UNREACHED and call.other_phone == ""  # the client's number is erased
    assert twilio.hung_up == [FIRST_SID] and Request.objects.get().status == "requested"
