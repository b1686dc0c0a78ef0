"""Phone interpretation now, in the back office: the form, the status page (refreshes itself while the call is
being set up; works without JavaScript), stopping it, and, with the console backend, simulating the provider."""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.core.forms import add_errors
from integra.core.permissions import requires
from integra.hotline.telephony import backend
from integra.interpreting import phone
from integra.interpreting.models import LANGUAGES
from integra.interpreting.phone_forms import PhoneRequestForm
from integra.interpreting.phone_models import PhoneAttempt, PhoneCall

REFRESH_SECONDS = 5


@requires("interpreting.add_request")
def phone_start(request):
    if request.method == "POST":
        form = PhoneRequestForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                call = phone.phone_request_start(by=request.user, **form.service_kwargs())
            except ValidationError as error:
                add_errors(form, error)
            else:
                return redirect("interpreting_phone:status", call.request_id)
    else:
        initial = {"key": secrets.token_urlsafe(24)}
        if request.GET.get("language") in LANGUAGES:  # from a hotline call in that language
            initial["language"] = request.GET["language"]
        form = PhoneRequestForm(user=request.user, initial=initial)
    return render(request, "interpreting/phone/start.html", {"form": form})


@requires("interpreting.view_request")
def phone_status(request, pk):
    call = phone.get_phone_call_for_user(request.user, pk)
    attempts = list(call.attempts.all())
    context = {
        "call": call,
        "job": call.request,
        "attempts": attempts,
        "ringing": next((a for a in attempts if a.state in PhoneAttempt.LIVE), None),
        "accepted": next(
            (a for a in attempts if a.state in (PhoneAttempt.State.ACCEPTED, PhoneAttempt.State.ENDED)), None
        ),
        "session": getattr(call.request, "session", None) if call.state == PhoneCall.State.ENDED else None,
        "refresh": REFRESH_SECONDS if call.is_active else None,
        "simulated": backend().name == "console",
    }
    return render(request, "interpreting/phone/status.html", context)


@require_POST
@requires("interpreting.cancel_request")
def phone_stop(request, pk):
    call = phone.get_phone_call_for_user(request.user, pk)
    try:
        phone.phone_request_stop(by=request.user, request=call.request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Stopped. No more interpreters will be called."))
    return redirect("interpreting_phone:status", pk)


SIMULATIONS = ("answer", "accept", "decline", "no-answer", "requester-answers", "requester-no-answer", "hang-up")


@require_POST
@requires("interpreting.add_request")
def phone_simulate(request, pk):
    """With the console backend nothing rings: these buttons play the provider's part through the same services the
    webhooks call, so the whole flow can be tried and shown. With a real provider this page does not exist."""
    if backend().name != "console":
        raise Http404
    call = phone.get_phone_call_for_user(request.user, pk)
    event = request.POST.get("event", "")
    if event not in SIMULATIONS:
        messages.error(request, _("Choose what the simulated phone does."))
        return redirect("interpreting_phone:status", pk)
    attempts = list(call.attempts.all())
    live = next((a for a in attempts if a.state in PhoneAttempt.LIVE), None)
    accepted = next((a for a in attempts if a.state == PhoneAttempt.State.ACCEPTED), None)
    if event in ("answer", "accept", "decline", "no-answer") and live:
        sid = live.call_sid or "CONSOLE"
        if event == "no-answer":
            phone.attempt_status(attempt_token=live.token, call_sid=sid, status="no-answer")
        else:
            phone.attempt_answered(attempt_token=live.token, call_sid=sid)
            if event != "answer":
                phone.attempt_keypad(attempt_token=live.token, call_sid=sid, digits="1" if event == "accept" else "2")
    elif event.startswith("requester") and call.state == PhoneCall.State.CONNECTING:
        status = "in-progress" if event == "requester-answers" else "no-answer"
        phone.requester_status(call_token=call.token, call_sid=call.requester_call_sid, status=status)
    elif event == "hang-up" and accepted:
        phone.attempt_status(attempt_token=accepted.token, call_sid=accepted.call_sid or "CONSOLE", status="completed")
    return redirect("interpreting_phone:status", pk)
