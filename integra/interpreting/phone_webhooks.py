"""The provider's webhooks for phone interpretation (Twilio): the interpreter's call (answered, keypad, status)
and the requester's and the other party's calls into the conference room (status).

As the hotline's: the signature is checked first (403, nothing read further), a malformed body is a 400 and
never a server error, an unknown attempt a 404; every event goes through phone.py, which moves the state only
forward, so a retried or replayed event (the same CallSid and status) has one effect.
"""

import logging

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import reverse

from integra.hotline.webhooks import MAX_SID, signed, twiml
from integra.interpreting import phone
from integra.interpreting.phone_models import PhoneAttempt, PhoneCall

logger = logging.getLogger(__name__)


def _sid(request) -> str | None:
    sid = request.POST.get("CallSid", "")
    if not sid or len(sid) > MAX_SID or not sid.isascii() or not sid.isalnum():
        return None
    return sid


def _attempt_exists(token: str) -> None:
    if not PhoneAttempt.objects.filter(token=token).exists():
        raise Http404


def _keypad_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("interpreting_phone_hooks:keypad", args=[token]))


@signed
def answer(request, token):
    """The interpreter picked up: the request is read out, 1 to accept, 2 to decline."""
    sid = _sid(request)
    if sid is None:
        return HttpResponseBadRequest("CallSid missing or malformed")
    _attempt_exists(token)
    try:
        result = phone.attempt_answered(attempt_token=token, call_sid=sid)
    except phone.WrongCall:
        return HttpResponseBadRequest("CallSid does not match this call")
    again = request.GET.get("again") == "1"
    return twiml(phone.interpreter_twiml(result, keypad_url=_keypad_url(request, token), again=again))


@signed
def keypad(request, token):
    sid, digits = _sid(request), request.POST.get("Digits", "")
    if sid is None or len(digits) > 8 or not digits.isascii():
        return HttpResponseBadRequest("CallSid or Digits missing or malformed")
    _attempt_exists(token)
    try:
        result = phone.attempt_keypad(attempt_token=token, call_sid=sid, digits=digits)
    except phone.WrongCall:
        return HttpResponseBadRequest("CallSid does not match this call")
    return twiml(phone.interpreter_twiml(result, keypad_url=_keypad_url(request, token)))


@signed
def status(request, token):
    """A status event of an interpreter's call (ringing, in-progress, no-answer, busy, failed, completed)."""
    sid, call_status = _sid(request), request.POST.get("CallStatus", "")
    if sid is None or call_status not in phone.STATUSES:
        return HttpResponseBadRequest("CallSid or CallStatus missing or malformed")
    _attempt_exists(token)
    try:
        phone.attempt_status(attempt_token=token, call_sid=sid, status=call_status)
    except phone.WrongCall:
        return HttpResponseBadRequest("CallSid does not match this call")
    return HttpResponse(status=204)


def _leg_status(request, token, leg):
    sid, call_status = _sid(request), request.POST.get("CallStatus", "")
    if sid is None or call_status not in phone.STATUSES:
        return HttpResponseBadRequest("CallSid or CallStatus missing or malformed")
    if not PhoneCall.objects.filter(token=token).exists():
        raise Http404
    try:
        phone.requester_status(call_token=token, call_sid=sid, status=call_status, leg=leg)
    except phone.WrongCall:
        return HttpResponseBadRequest("CallSid does not match this call")
    return HttpResponse(status=204)


@signed
def requester_status(request, token):
    """A status event of the requester's call into the room: answered connects, not answered keeps the request."""
    return _leg_status(request, token, "requester")


@signed
def other_status(request, token):
    return _leg_status(request, token, "other")
