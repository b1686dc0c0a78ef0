"""Telephony webhooks (Twilio): the phone menu and call status events.

Every request is checked against the provider's signature first (403, body neither read further nor
logged, when it fails); a malformed body gets 400, never a server error; status events are idempotent
by CallSid, so a retried or replayed event changes nothing.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from integra.centres.models import Hotline
from integra.core.permissions import public
from integra.hotline import services
from integra.hotline.callers import caller_hash, normalise
from integra.hotline.hours import calendar_for, call_back_windows
from integra.hotline.models import Call, CallBack
from integra.hotline.telephony import MENU, Twiml, backend

logger = logging.getLogger(__name__)

# Status events only move a call forward: a late "ringing" after "completed" changes nothing.
ORDER = {Call.Status.RINGING: 0, Call.Status.ANSWERED: 1, Call.Status.ENDED: 2, Call.Status.MISSED: 2}
TWILIO_STATUS = {
    "queued": Call.Status.RINGING,
    "initiated": Call.Status.RINGING,
    "ringing": Call.Status.RINGING,
    "in-progress": Call.Status.ANSWERED,
    "completed": Call.Status.ENDED,
    "busy": Call.Status.MISSED,
    "no-answer": Call.Status.MISSED,
    "failed": Call.Status.MISSED,
    "canceled": Call.Status.MISSED,
}
MAX_SID = 64


def signed(view):
    def wrapped(request, *args, **kwargs):
        if not backend().is_valid(request):
            logger.warning("telephony webhook refused: bad or missing signature")
            return HttpResponseForbidden("signature required")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return public(csrf_exempt(require_POST(wrapped)))


def twiml(response: Twiml) -> HttpResponse:
    return HttpResponse(response.render(), content_type="text/xml; charset=utf-8")


def _sid(request) -> str | None:
    sid = request.POST.get("CallSid", "")
    if not sid or len(sid) > MAX_SID or not sid.isascii() or not sid.isalnum():
        return None
    return sid


def _line(request) -> Hotline | None:
    to = normalise(request.POST.get("To", ""))
    line = Hotline.objects.filter(phone=to).first() if to else None
    return line or services.default_hotline()


def _call_for(sid: str, request, **defaults) -> Call:
    """The call log entry for this CallSid, created once (a concurrent duplicate loses and reads the winner)."""
    call = Call.objects.filter(provider_call_id=sid).first()
    if call is not None:
        return call
    hotline = _line(request)
    try:
        with transaction.atomic():
            return Call.objects.create(
                provider_call_id=sid,
                hotline=hotline,
                status=Call.Status.RINGING,
                caller_hash=caller_hash(request.POST.get("From", "")),
                started_at=timezone.now(),
                **defaults,
            )
    except IntegrityError:
        return Call.objects.get(provider_call_id=sid)


@signed
def voice(request):
    """The phone menu: choose a language, then the operators (open) or a call-back offer (closed)."""
    sid = _sid(request)
    if sid is None or _line(request) is None:
        return HttpResponseBadRequest("CallSid missing or malformed")
    action = request.build_absolute_uri(reverse("telephony:twilio_voice"))
    digits = request.POST.get("Digits", "")
    step = request.GET.get("step", "")
    language = request.GET.get("lang", "")
    response = Twiml()
    if step == "call-back" and language in MENU:
        if digits == "1":  # "to be called back on this number, press 1": the number is confirmed
            _ask_for_window(response, action, language)
        else:
            response.hangup()
        return twiml(response)
    if step == "window" and language in MENU:
        choice = digits or ("0" if request.GET.get("any") else "")
        if choice not in PARTS_OF_DAY:
            _ask_for_window(response, action, language)  # another key: the question again
            return twiml(response)
        _phone_menu_call_back(request, sid, language, part=choice)
        response.say_or_play(response.root, language, "booked")
        response.hangup()
        return twiml(response)
    if digits and digits.isdigit() and 1 <= int(digits) <= len(MENU):
        language = MENU[int(digits) - 1]
        call = _call_for(sid, request)
        if call.language != language:
            Call.objects.filter(pk=call.pk).update(language=language)
        if calendar_for(call.hotline).status(timezone.now()).is_open:
            if settings.TELEPHONY_OPERATOR_NUMBER:
                response.say_or_play(response.root, language, "connecting")
                response.dial(settings.TELEPHONY_OPERATOR_NUMBER)
            else:
                response.say_or_play(response.root, language, "busy")
                response.hangup()
        else:
            gather = response.gather(f"{action}?step=call-back&lang={language}")
            response.say_or_play(gather, language, "closed")
            response.hangup()
        return twiml(response)
    _call_for(sid, request)
    gather = response.gather(action)
    for code in MENU:
        response.say_or_play(gather, code, "menu")
    response.redirect(action)  # nothing pressed: the menu again
    return twiml(response)


# The keypad's answer to "when should we call you?": the line's call-back windows starting in that part of the
# day (hours in Sofia); 0 is any time the line is open, like "any time" on the web form.
PARTS_OF_DAY = {"0": (0, 24), "1": (0, 12), "2": (12, 14), "3": (14, 24)}


def _ask_for_window(response: Twiml, action: str, language: str) -> None:
    gather = response.gather(f"{action}?step=window&lang={language}")
    response.say_or_play(gather, language, "window")
    response.redirect(f"{action}?step=window&lang={language}&any=1")  # nothing pressed: any time


def _windows_for(hotline, part: str) -> list:
    if part == "0" or hotline is None:
        return []
    first, last = PARTS_OF_DAY[part]
    windows = call_back_windows(hotline, now=timezone.now())
    return [w for w in windows if first <= timezone.localtime(w[0]).hour < last]


def _phone_menu_call_back(request, sid: str, language: str, *, part: str = "0") -> None:
    phone = normalise(request.POST.get("From", ""))
    if not phone:
        return  # a withheld number cannot be called back
    call = Call.objects.filter(provider_call_id=sid).first()
    hotline = call.hotline if call else services.default_hotline()
    services.call_back_request(
        phone=phone,
        language=language,
        hotline=hotline,
        windows=_windows_for(hotline, part),
        call=call,
        source=CallBack.Source.PHONE_MENU,
        submission_key=f"twilio:{sid}",
    )
    if call is not None and not call.outcome:
        Call.objects.filter(pk=call.pk).update(outcome=Call.Outcome.CALL_BACK_PROMISED)


@signed
def status(request):
    """A call status event: create the call log entry on the first one, complete it on the last."""
    sid = _sid(request)
    new_status = TWILIO_STATUS.get(request.POST.get("CallStatus", ""))
    if sid is None or new_status is None or _line(request) is None:
        return HttpResponseBadRequest("CallSid or CallStatus missing or malformed")
    duration_text = request.POST.get("CallDuration", "")
    duration = int(duration_text) if duration_text.isdigit() and len(duration_text) < 7 else None
    direction = (
        Call.Direction.OUTGOING if request.POST.get("Direction", "").startswith("outbound") else Call.Direction.INCOMING
    )
    _call_for(sid, request, direction=direction)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(provider_call_id=sid)
        if ORDER[new_status] > ORDER[Call.Status(call.status)]:
            call.status = new_status
            if duration is not None:
                call.duration_seconds = duration
            call.save(update_fields=["status", "duration_seconds"])
    return HttpResponse(status=204)
