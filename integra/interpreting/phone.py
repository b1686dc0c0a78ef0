"""Phone interpretation now: the state machine behind "call an interpreter into my call".

    start ─▶ attempt 1 ringing ──no-answer / busy / failed / declined (2) / hung up──▶ attempt 2 ringing ─▶ …
                 │ answered: the offer is read out                        last one gone ─▶ NOBODY (request kept)
                 ▼ keypad 1
             ACCEPTED: the interpreter enters the conference room, the requester (and the other party) are called
                 ▼ requester answers                     requester busy / no-answer ─▶ UNREACHED (request kept)
             CONNECTED ──interpreter's leg completed──▶ ENDED, the Session logged (start, end, interpreter)

Every change is made under a lock on the PhoneCall row and only moves forward, so a webhook delivered twice (the
same CallSid and status) has one effect. The provider is called outside any transaction: the rows say what to
dial; `_dial_next` claims the next interpreter, calls them, and moves on by itself if the provider refuses.
The clock "no answer within N seconds" is the provider's: each interpreter's call is placed with
`timeout=INTERPRETING_PHONE_RING_SECONDS` and its status callback reports no-answer.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from integra.accounts.models import User
from integra.core.sms import send_sms
from integra.hotline.telephony import TelephonyError, Twiml, backend
from integra.interpreting import services
from integra.interpreting.models import DIALECT_LABELS, Mediator, Mode, Request, Session
from integra.interpreting.phone_models import PhoneAttempt, PhoneCall

logger = logging.getLogger(__name__)

PHONE_FIELDS = ("centre", "language", "dialect", "direction", "interpreter_gender", "subject", "client_label", "notes")
EXPECTED_MINUTES = 30  # what a phone request books the interpreter for; the session logs the real length


def ring_seconds() -> int:
    return int(getattr(settings, "INTERPRETING_PHONE_RING_SECONDS", 30))


def max_candidates() -> int:
    return int(getattr(settings, "INTERPRETING_PHONE_CANDIDATES", 8))


# -- reads ----------------------------------------------------------------------------------------


def get_phone_call_for_user(user, pk: int) -> PhoneCall:
    """The phone call of a request the user may see (a partner: their institution's); otherwise a 404."""
    job = services.get_request_for_user(user, pk)
    return _fresh(job.pk)


def _fresh(request_pk: int) -> PhoneCall:
    from django.http import Http404

    call = PhoneCall.objects.with_attempts().filter(request_id=request_pk).first()
    if call is None:
        raise Http404
    return call


# -- starting -------------------------------------------------------------------------------------


def phone_request_start(
    *, by: User, requester_phone: str, other_phone: str = "", submission_key: str = "", now: datetime | None = None,
    **fields,
) -> PhoneCall:  # fmt: skip
    """Ask for an interpreter by phone now: the request is saved (mode phone, urgent, starting now), the available
    phone interpreters are lined up best first, and the first is called. The same submission key sent twice
    starts one call. When nobody can be called the request stays open for the coordinator."""
    call, created = _phone_request_create(
        by=by, requester_phone=requester_phone, other_phone=other_phone, submission_key=submission_key, now=now,
        fields=fields,
    )  # fmt: skip
    if created:
        _dial_next(call.pk)
        call.refresh_from_db()
    return call


@transaction.atomic
def _phone_request_create(*, by, requester_phone, other_phone, submission_key, now, fields) -> tuple[PhoneCall, bool]:
    unknown = set(fields) - set(PHONE_FIELDS)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    if not by.has_perm("interpreting.add_request"):
        raise PermissionDenied
    now = now or timezone.now()
    job = services.request_create(
        by=by, submission_key=submission_key, now=now, mode=Mode.PHONE, starts_at=now,
        duration_minutes=EXPECTED_MINUTES, urgency=Request.Urgency.URGENT, **fields,
    )  # fmt: skip
    existing = PhoneCall.objects.filter(request=job).first()
    if existing is not None:
        return existing, False
    if job.mode != Mode.PHONE:
        raise ValidationError(_("This request was already sent with another mode."))
    language = translation.get_language() or "bg"
    try:
        with transaction.atomic():
            call = PhoneCall.objects.create(
                request=job, requester_phone=requester_phone, other_phone=other_phone or "",
                language="bg" if language.startswith("bg") else "en", created_at=now,
            )  # fmt: skip
    except IntegrityError:  # the same submission, sent twice at once: the other one starts the call
        return PhoneCall.objects.get(request=job), False
    available = [c for c in services.candidates_rank(job, now=now) if c.available]
    # The ranking defers the phone numbers: read those of the available ones in one query, not one each.
    with_phone = Mediator.objects.filter(pk__in=[c.mediator.pk for c in available]).exclude(phone="")
    reachable = set(with_phone.values_list("pk", flat=True))
    ranked = [c for c in available if c.mediator.pk in reachable]
    PhoneAttempt.objects.bulk_create(
        PhoneAttempt(phone_call=call, mediator=c.mediator, position=n)
        for n, c in enumerate(ranked[: max_candidates()], 1)
    )
    if ranked:
        Request.objects.filter(pk=job.pk).update(status=Request.Status.OFFERED)
    else:
        _nobody(call, now)
    logger.info("phone interpretation %s: %d interpreters to call", job.job_number, min(len(ranked), max_candidates()))
    return call, True


# -- dialling -------------------------------------------------------------------------------------


def _webhook(name: str, token: str) -> str:
    return settings.FORUM_PUBLIC_URL.rstrip("/") + reverse(f"interpreting_phone_hooks:{name}", args=[token])


@transaction.atomic
def _claim_next(call_pk: int, now: datetime) -> PhoneAttempt | None:
    """The next interpreter to ring, marked ringing; None while one is ringing, once one accepted, or at the end."""
    call = PhoneCall.objects.select_for_update().get(pk=call_pk)
    if call.state != PhoneCall.State.CALLING or call.attempts.filter(state__in=PhoneAttempt.LIVE).exists():
        return None
    for attempt in call.attempts.select_related("mediator").filter(state=PhoneAttempt.State.WAITING):
        if _on_another_call(attempt):
            attempt.state = PhoneAttempt.State.SKIPPED
            attempt.save(update_fields=["state"])
            continue
        attempt.state, attempt.rung_at = PhoneAttempt.State.RINGING, now
        attempt.save(update_fields=["state", "rung_at"])
        return attempt
    _nobody(call, now)
    return None


def _on_another_call(attempt: PhoneAttempt) -> bool:
    """The interpreter is being rung for, hearing, or interpreting another phone request right now. Their row is
    locked first, so two requests reaching the same interpreter at once ring them for one only."""
    list(Mediator.objects.select_for_update().filter(pk=attempt.mediator_id).values_list("pk", flat=True))
    busy = (*PhoneAttempt.LIVE, PhoneAttempt.State.ACCEPTED)
    elsewhere = PhoneAttempt.objects.filter(mediator_id=attempt.mediator_id, state__in=busy)
    return elsewhere.exclude(phone_call_id=attempt.phone_call_id).exists()


def _dial_next(call_pk: int) -> None:
    """Ring the next interpreter in line (outside any transaction: the provider is a network call)."""
    while (attempt := _claim_next(call_pk, timezone.now())) is not None:
        try:
            sid = backend().call_out(
                to=str(attempt.mediator.phone), answer_url=_webhook("answer", attempt.token),
                status_url=_webhook("status", attempt.token), timeout=ring_seconds(),
            )  # fmt: skip
        except TelephonyError as error:
            logger.warning("phone interpretation: the call to interpreter %s failed: %s", attempt.mediator.code, error)
            _attempt_over(attempt.pk, PhoneAttempt.State.NO_ANSWER, timezone.now())
            continue
        PhoneAttempt.objects.filter(pk=attempt.pk, call_sid="").update(call_sid=sid)
        logger.info("phone interpretation: ringing interpreter %s (%s)", attempt.mediator.code, sid)
        return


def _nobody(call: PhoneCall, now: datetime) -> None:
    """Nobody left to call: the requester is told (on the page and by SMS) and the request goes back to the
    coordinator's list of open requests, never lost."""
    call.close(PhoneCall.State.NOBODY, now)
    Request.objects.filter(pk=call.request_id, status__in=Request.OPEN).update(status=Request.Status.REQUESTED)
    job_number = call.request.job_number
    with translation.override(call.language):
        body = _(
            "Integra: no phone interpreter could be reached now for job %(job)s. The request is kept and the "
            "coordinator will look for an interpreter."
        ) % {"job": job_number}
    phone = str(call.requester_phone)
    transaction.on_commit(lambda: send_sms(phone, body))


@transaction.atomic
def _attempt_over(attempt_pk: int, state: str, now: datetime) -> bool:
    """Close a live attempt (not answered, declined): True when it was live, so the next one is to be rung."""
    call_pk = PhoneAttempt.objects.values_list("phone_call_id", flat=True).get(pk=attempt_pk)
    PhoneCall.objects.select_for_update().get(pk=call_pk)  # the call first, then the attempt: the one lock order
    attempt = PhoneAttempt.objects.select_for_update().get(pk=attempt_pk)
    if attempt.state not in PhoneAttempt.LIVE:
        return False
    attempt.state, attempt.ended_at = state, now
    attempt.save(update_fields=["state", "ended_at"])
    return True


# -- the provider's events ------------------------------------------------------------------------


class WrongCall(ValueError):
    """A webhook for this attempt came from another call than the one placed (refused with 400)."""


def _bind(attempt: PhoneAttempt, call_sid: str) -> None:
    if not attempt.call_sid:
        attempt.call_sid = call_sid
        attempt.save(update_fields=["call_sid"])
    elif attempt.call_sid != call_sid:
        raise WrongCall(call_sid)


def _locked(attempt_token: str) -> tuple[PhoneAttempt, PhoneCall]:
    attempt = PhoneAttempt.objects.select_related("mediator").get(token=attempt_token)
    call = PhoneCall.objects.select_for_update().select_related("request").get(pk=attempt.phone_call_id)
    attempt = PhoneAttempt.objects.select_for_update().select_related("mediator").get(pk=attempt.pk)
    return attempt, call


@dataclass
class Answer:
    """What the interpreter hears next: "offer" (the request and the keypad choices), "conference" (joined),
    "goodbye" (declined or no longer needed)."""

    say: str
    attempt: PhoneAttempt
    call: PhoneCall


@transaction.atomic
def attempt_answered(*, attempt_token: str, call_sid: str, now: datetime | None = None) -> Answer:
    """The interpreter picked up: they hear the request and choose on the keypad."""
    now = now or timezone.now()
    attempt, call = _locked(attempt_token)
    _bind(attempt, call_sid)
    if attempt.state == PhoneAttempt.State.RINGING:
        attempt.state, attempt.answered_at = PhoneAttempt.State.ANSWERED, now
        attempt.save(update_fields=["state", "answered_at"])
    if attempt.state == PhoneAttempt.State.ANSWERED and call.state == PhoneCall.State.CALLING:
        return Answer("offer", attempt, call)
    if attempt.state == PhoneAttempt.State.ACCEPTED:
        return Answer("conference", attempt, call)
    return Answer("goodbye", attempt, call)


def attempt_keypad(*, attempt_token: str, call_sid: str, digits: str, now: datetime | None = None) -> Answer:
    """1 accepts (the first time: the requester and the other party are called into the room), 2 declines (the
    next interpreter is rung), anything else repeats the offer. A repeated 1 changes nothing more."""
    answer, first = _keypad(attempt_token=attempt_token, call_sid=call_sid, digits=digits, now=now or timezone.now())
    if answer.say == "goodbye" and first:
        _dial_next(answer.call.pk)
    elif answer.say == "conference" and first:
        _call_requesters(answer.call.pk)
    return answer


@transaction.atomic
def _keypad(*, attempt_token, call_sid, digits, now) -> tuple[Answer, bool]:
    attempt, call = _locked(attempt_token)
    _bind(attempt, call_sid)
    if attempt.state == PhoneAttempt.State.ACCEPTED:
        return Answer("conference", attempt, call), False
    if attempt.state == PhoneAttempt.State.RINGING:  # the keypad before the answer event: it was answered
        attempt.state, attempt.answered_at = PhoneAttempt.State.ANSWERED, now
    if attempt.state != PhoneAttempt.State.ANSWERED or call.state != PhoneCall.State.CALLING:
        return Answer("goodbye", attempt, call), False
    if digits == "2":
        attempt.state, attempt.ended_at = PhoneAttempt.State.DECLINED, now
        attempt.save(update_fields=["state", "answered_at", "ended_at"])
        return Answer("goodbye", attempt, call), True
    if digits != "1":
        attempt.save(update_fields=["state", "answered_at"])
        return Answer("offer", attempt, call), False
    attempt.state = PhoneAttempt.State.ACCEPTED
    attempt.save(update_fields=["state", "answered_at"])
    call.state, call.accepted_at = PhoneCall.State.CONNECTING, now
    call.save(update_fields=["state", "accepted_at"])
    call.attempts.filter(state=PhoneAttempt.State.WAITING).update(state=PhoneAttempt.State.SKIPPED)
    Request.objects.filter(pk=call.request_id, status__in=Request.OPEN).update(
        status=Request.Status.CONFIRMED, mediator=attempt.mediator, confirmed_at=now
    )
    return Answer("conference", attempt, call), True


def _call_requesters(call_pk: int) -> None:
    """Call the requester (and the other party, if given) straight into the conference room."""
    call = PhoneCall.objects.get(pk=call_pk)
    twiml = Twiml()
    twiml.say(twiml.root, call.language, REQUESTER_PROMPTS[call.language]["joining"])
    twiml.conference(call.room)
    legs = [("requester", call.requester_phone, "requester_call_sid")]
    if call.other_phone:
        legs.append(("other", call.other_phone, "other_call_sid"))
    for leg, number, sid_field in legs:
        try:
            sid = backend().call_out(
                to=str(number), twiml=twiml.render().decode(), status_url=_webhook(f"{leg}_status", call.token),
                timeout=ring_seconds(),
            )  # fmt: skip
        except TelephonyError as error:
            logger.warning("phone interpretation: the %s's phone could not be called: %s", leg, error)
            if leg == "requester":
                requester_status(call_token=call.token, call_sid="", status="failed")
            continue
        PhoneCall.objects.filter(pk=call.pk, **{sid_field: ""}).update(**{sid_field: sid})


# Twilio's call statuses, grouped.
RINGING = {"queued", "initiated", "ringing"}
ANSWERED = {"in-progress", "answered"}
NOT_ANSWERED = {"no-answer", "busy", "failed", "canceled"}
COMPLETED = {"completed"}
STATUSES = RINGING | ANSWERED | NOT_ANSWERED | COMPLETED


def attempt_status(*, attempt_token: str, call_sid: str, status: str, now: datetime | None = None) -> PhoneAttempt:
    """A status event of an interpreter's call. Not answered in time (the provider's ring timeout), busy or
    failed: the next interpreter is rung. Hung up before accepting: the same. Completed after interpreting:
    the session is logged. The same event twice has one effect."""
    now = now or timezone.now()
    attempt, next_one = _attempt_status(attempt_token=attempt_token, call_sid=call_sid, status=status, now=now)
    if next_one:
        _dial_next(attempt.phone_call_id)
    return attempt


@transaction.atomic
def _attempt_status(*, attempt_token, call_sid, status, now) -> tuple[PhoneAttempt, bool]:
    if status not in STATUSES:
        raise ValueError(status)
    attempt, call = _locked(attempt_token)
    _bind(attempt, call_sid)
    if status in ANSWERED and attempt.state == PhoneAttempt.State.RINGING:
        attempt.state, attempt.answered_at = PhoneAttempt.State.ANSWERED, now
        attempt.save(update_fields=["state", "answered_at"])
    elif status in NOT_ANSWERED | COMPLETED and attempt.state in PhoneAttempt.LIVE:
        answered = attempt.state == PhoneAttempt.State.ANSWERED or status in COMPLETED
        attempt.state = PhoneAttempt.State.DECLINED if answered else PhoneAttempt.State.NO_ANSWER
        attempt.ended_at = now
        attempt.save(update_fields=["state", "ended_at"])
        return attempt, call.state == PhoneCall.State.CALLING
    elif status in NOT_ANSWERED | COMPLETED and attempt.state == PhoneAttempt.State.ACCEPTED:
        attempt.state, attempt.ended_at = PhoneAttempt.State.ENDED, now
        attempt.save(update_fields=["state", "ended_at"])
        _interpreter_left(call, attempt, now)
    return attempt, False


def _interpreter_left(call: PhoneCall, attempt: PhoneAttempt, now: datetime) -> None:
    """The interpreter hung up after accepting: once the requester was connected the session is logged (from the
    moment the requester joined to now); before that, the request goes back to the coordinator."""
    if call.state == PhoneCall.State.CONNECTED and call.connected_at:
        ended = max(now, call.connected_at + timedelta(seconds=1))
        Session.objects.get_or_create(
            request_id=call.request_id,
            defaults={"mediator": attempt.mediator, "started_at": call.connected_at, "ended_at": ended,
                      "mode": Mode.PHONE, "outcome": Session.Outcome.COMPLETED, "logged_by": None, "logged_at": now},
        )  # fmt: skip
        Request.objects.filter(pk=call.request_id).update(status=Request.Status.DONE)
        call.close(PhoneCall.State.ENDED, now)
    elif call.state in PhoneCall.ACTIVE:
        _back_to_coordinator(call)  # before the requester was connected: no session, the request is kept
        call.close(PhoneCall.State.ENDED, now)


def _back_to_coordinator(call: PhoneCall) -> None:
    Request.objects.filter(pk=call.request_id, status=Request.Status.CONFIRMED).update(
        status=Request.Status.REQUESTED, mediator=None, confirmed_at=None
    )


def requester_status(*, call_token: str, call_sid: str, status: str, leg: str = "requester", now=None) -> PhoneCall:
    """A status event of the requester's (or the other party's) call into the room. The requester answering
    connects the call; their phone not answering ends the interpreter's call and keeps the request open."""
    now = now or timezone.now()
    call, hang_up = _requester_status(call_token=call_token, call_sid=call_sid, status=status, leg=leg, now=now)
    _hang_up(hang_up)
    return call


@transaction.atomic
def _requester_status(*, call_token, call_sid, status, leg, now) -> tuple[PhoneCall, list[str]]:
    if status not in STATUSES:
        raise ValueError(status)
    call = PhoneCall.objects.select_for_update().select_related("request").get(token=call_token)
    field = "requester_call_sid" if leg == "requester" else "other_call_sid"
    known = getattr(call, field)
    if call_sid and known and known != call_sid:
        raise WrongCall(call_sid)
    if call_sid and not known:
        setattr(call, field, call_sid)
        call.save(update_fields=[field])
    if leg != "requester":
        return call, []  # the other party joins or not; the call goes on either way
    if status in ANSWERED and call.state == PhoneCall.State.CONNECTING:
        call.state, call.connected_at = PhoneCall.State.CONNECTED, now
        call.save(update_fields=["state", "connected_at"])
    elif status in NOT_ANSWERED and call.state == PhoneCall.State.CONNECTING:
        call.close(PhoneCall.State.UNREACHED, now)
        accepted = call.attempts.filter(state=PhoneAttempt.State.ACCEPTED).first()
        if accepted:
            accepted.state, accepted.ended_at = PhoneAttempt.State.ENDED, now
            accepted.save(update_fields=["state", "ended_at"])
        _back_to_coordinator(call)
        return call, [accepted.call_sid] if accepted and accepted.call_sid else []
    return call, []


@transaction.atomic
def phone_request_stop(*, by: User, request: Request, now: datetime | None = None) -> PhoneCall:
    """The requester no longer needs it: interpreters not yet called are skipped, the one ringing is hung up on,
    and the request is cancelled (an interpreting session already connected is left to end by itself)."""
    now = now or timezone.now()
    call = PhoneCall.objects.select_for_update().get(request=request)
    if call.state != PhoneCall.State.CALLING:
        raise ValidationError(_("This call can no longer be stopped here."))
    live = list(call.attempts.filter(state__in=PhoneAttempt.LIVE))
    call.attempts.filter(state__in=[PhoneAttempt.State.WAITING, *PhoneAttempt.LIVE]).update(
        state=PhoneAttempt.State.SKIPPED, ended_at=now
    )
    call.close(PhoneCall.State.STOPPED, now)
    services.request_cancel(by=by, request=request, reason=_("Not needed any more (phone request stopped)."), now=now)
    Request.objects.filter(pk=request.pk).update(late_cancellation=False)  # asked for now, stopped now: not late
    sids = [a.call_sid for a in live if a.call_sid]
    transaction.on_commit(lambda: _hang_up(sids))
    return call


def _hang_up(sids: list[str]) -> None:
    for sid in sids:
        try:
            backend().hang_up(sid)
        except TelephonyError as error:
            logger.warning("phone interpretation: could not hang up %s: %s", sid, error)


# -- the safety net -------------------------------------------------------------------------------

SWEEP_GRACE = timedelta(minutes=2)


def phone_calls_sweep(*, now: datetime | None = None) -> int:
    """For provider callbacks that never came: an interpreter's call still ringing (or answered without a key)
    well past the ring time is taken as not answered and the next is rung; a requester's phone that never
    answered likewise. Run every minute (`manage.py interpreting_phone_sweep`). Returns how many were moved on."""
    now = now or timezone.now()
    late = now - timedelta(seconds=ring_seconds()) - SWEEP_GRACE
    moved = 0
    stale = PhoneAttempt.objects.filter(state__in=PhoneAttempt.LIVE, rung_at__lt=late)
    for token, sid in stale.values_list("token", "call_sid"):
        attempt_status(attempt_token=token, call_sid=sid, status="no-answer", now=now)
        moved += 1
    connecting = PhoneCall.objects.filter(state=PhoneCall.State.CONNECTING, accepted_at__lt=late)
    for token, sid in connecting.values_list("token", "requester_call_sid"):
        requester_status(call_token=token, call_sid=sid, status="no-answer", now=now)
        moved += 1
    return moved


# -- what the interpreter and the requester hear (Bulgarian, or English for those who work in English) ---------

LANGUAGE_NAMES = {
    "bg": {"en": "английски", "ar": "арабски", "fa": "персийски", "ru": "руски", "uk": "украински", "tr": "турски",
           "fr": "френски", "de": "немски", "es": "испански", "ku": "кюрдски", "ps": "пущу", "ur": "урду",
           "hy": "арменски", "zh": "китайски", "vi": "виетнамски", "ti": "тигриня", "so": "сомалийски",
           "am": "амхарски"},
    "en": {"en": "English", "ar": "Arabic", "fa": "Persian", "ru": "Russian", "uk": "Ukrainian", "tr": "Turkish",
           "fr": "French", "de": "German", "es": "Spanish", "ku": "Kurdish", "ps": "Pashto", "ur": "Urdu",
           "hy": "Armenian", "zh": "Chinese", "vi": "Vietnamese", "ti": "Tigrinya", "so": "Somali", "am": "Amharic"},
}  # fmt: skip
INTERPRETER_PROMPTS = {
    "bg": {
        "offer": "Интегра. Заявка за устен превод по телефона сега: {language}, {subject}. "
        "За да приемете и да ви свържем, натиснете 1. За да откажете, натиснете 2.",
        "connecting": "Благодарим ви. Свързваме ви с разговора.",
        "goodbye": "Благодарим ви. Довиждане.",
        "taken": "Тази заявка вече не е активна. Благодарим ви. Довиждане.",
    },
    "en": {
        "offer": "Integra. A phone interpreting request now: {language}, {subject}. "
        "To accept and be connected, press 1. To decline, press 2.",
        "connecting": "Thank you. We are connecting you to the call.",
        "goodbye": "Thank you. Goodbye.",
        "taken": "This request is no longer open. Thank you. Goodbye.",
    },
}
REQUESTER_PROMPTS = {
    "bg": {"joining": "Интегра. Свързваме ви с преводача. Моля, останете на линия."},
    "en": {"joining": "Integra. Your interpreter is joining. Please stay on the line."},
}


def prompt_language(attempt: PhoneAttempt) -> str:
    """Bulgarian, unless the interpreter works only to and from English or chose English for their account."""
    mediator = attempt.mediator
    chose_english = mediator.user_id and mediator.user.preferred_language == "en"
    return "en" if chose_english or "bg" not in (mediator.directions or []) else "bg"


def offer_text(attempt: PhoneAttempt, request: Request) -> str:
    language = prompt_language(attempt)
    name = LANGUAGE_NAMES[language].get(request.language, request.language)
    with translation.override(language):
        if request.dialect in DIALECT_LABELS:
            name = f"{name}, {DIALECT_LABELS[request.dialect]}"
        subject = str(request.get_subject_display())
    return INTERPRETER_PROMPTS[language]["offer"].format(language=name, subject=subject.lower())


def interpreter_twiml(answer: Answer, *, keypad_url: str, again: bool = False) -> Twiml:
    """TwiML for the interpreter's leg: the offer with the keypad, the conference room, or goodbye."""
    language = prompt_language(answer.attempt)
    texts = INTERPRETER_PROMPTS[language]
    response = Twiml()
    if answer.say == "offer":
        gather = response.gather(keypad_url, timeout=10)
        response.say(gather, language, offer_text(answer.attempt, answer.call.request))
        if again:
            response.say(response.root, language, texts["goodbye"])
            response.hangup()
        else:
            response.redirect(keypad_url.replace("/keypad/", "/answer/") + "?again=1")
    elif answer.say == "conference":
        response.say(response.root, language, texts["connecting"])
        response.conference(answer.call.room)
    else:
        declined = answer.attempt.state == PhoneAttempt.State.DECLINED
        response.say(response.root, language, texts["goodbye" if declined else "taken"])
        response.hangup()
    return response
