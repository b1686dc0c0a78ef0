"""Calls, non-data calls, call-backs and their attempts: the one place where these change.

Back-office pages, the public call-back form, the telephony webhooks and the API call these.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.accounts.models import User
from integra.centres.models import Centre, Hotline
from integra.clients.models import Client
from integra.consultations.models import Consultation
from integra.consultations.services import appointment_book, consultation_record
from integra.core.crypto import submission_hash
from integra.hotline import telephony
from integra.hotline.callers import caller_hash, normalise
from integra.hotline.hours import calendar_for, window_value
from integra.hotline.models import Call, CallBack, CallBackAttempt

REPEAT_DAYS = 30


class CallBackTaken(Exception):
    """Another operator took this call-back a moment ago (or it is closed)."""


class CallBackNotYours(Exception):
    """Only the operator who took a call-back logs attempts on it."""


# -- reads ----------------------------------------------------------------------------------------


def get_call_for_user(user, pk: int) -> Call:
    return get_object_or_404(Call.objects.for_user(user).for_list(), pk=pk)


def get_call_back_for_user(user, pk: int) -> CallBack:
    return get_object_or_404(
        CallBack.objects.for_user(user).select_related("centre", "topic", "taken_by", "hotline"), pk=pk
    )


@dataclass
class RepeatCaller:
    count: int  # calls from this number in the window, this one excluded
    days: int
    earlier: list  # the earlier calls, newest first, with their topics prefetched


def repeat_caller(*, user, hash_: str, exclude_pk: int | None = None, now: datetime | None = None) -> RepeatCaller:
    """How often this number called in the last 30 days, and the earlier calls (only those the user may see)."""
    calls = Call.objects.from_caller(hash_, days=REPEAT_DAYS, now=now)
    if exclude_pk:
        calls = calls.exclude(pk=exclude_pk)
    count = calls.count()
    earlier = list(calls.for_user(user).for_list()[:10])
    return RepeatCaller(count=count, days=REPEAT_DAYS, earlier=earlier)


# -- calls ------------------------------------------------------------------------------------------


def default_hotline() -> Hotline | None:
    return Hotline.objects.order_by("position", "pk").first()


@transaction.atomic
def call_log(
    *,
    by: User,
    hotline: Hotline,
    centre: Centre | None,
    direction: str = Call.Direction.INCOMING,
    started_at: datetime | None = None,
    duration_seconds: int = 0,
    language: str = "",
    interpreter_joined: bool = False,
    topics=(),
    nationality: str = "",
    gender: str = "undisclosed",
    age_band: str = "",
    outcome: str = "",
    note: str = "",
    caller_number: str = "",
) -> Call:
    """Log one conversation. The caller's number, if given, is kept only as a keyed hash."""
    call = Call.objects.create(
        hotline=hotline,
        centre=centre,
        operator=by,
        direction=direction,
        kind=Call.Kind.CONVERSATION,
        status=Call.Status.ENDED,
        started_at=started_at or timezone.now() - timedelta(seconds=duration_seconds),
        duration_seconds=duration_seconds,
        language=language,
        interpreter_joined=interpreter_joined,
        nationality=str(nationality or ""),
        gender=gender or "undisclosed",
        age_band=age_band or "",
        outcome=outcome,
        note=note.strip(),
        caller_hash=caller_hash(caller_number),
    )
    call.topics.set(topics)
    if outcome == Call.Outcome.CALL_BACK_PROMISED and normalise(caller_number):
        # From the call, in one step: the promised call-back joins the centre's queue.
        call_back_request(
            phone=caller_number,
            language=language or "bg",
            topic=call.topics.first(),
            hotline=hotline,
            centre=centre,
            call=call,
            source=CallBack.Source.OPERATOR,
        )
    return call


@transaction.atomic
def call_update(*, call: Call, by: User, topics=None, caller_number: str = "", **fields) -> Call:
    """Complete or correct a call (an automatically logged one gets its topics and outcome here)."""
    allowed = {
        "direction", "duration_seconds", "language", "interpreter_joined", "nationality", "gender",
        "age_band", "outcome", "note", "centre", "hotline",
    }  # fmt: skip
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(name)
        if name == "nationality":
            value = str(value or "")
        if name == "note":
            value = (value or "").strip()
        setattr(call, name, value)
    if call.operator_id is None:
        call.operator = by
    if caller_number:
        call.caller_hash = caller_hash(caller_number)
    call.save()
    if topics is not None:
        call.topics.set(topics)
    return call


@transaction.atomic
def call_non_data(*, by: User, hotline: Hotline, centre: Centre | None, kind: str) -> Call:
    """One click: a silent call, hang-up, wrong number, test or abusive call, counted with no details."""
    if kind not in Call.NON_DATA:
        raise ValueError(kind)
    return Call.objects.create(
        hotline=hotline, centre=centre, operator=by, kind=kind, status=Call.Status.ENDED, started_at=timezone.now()
    )


# -- call-backs -------------------------------------------------------------------------------------


def call_back_due(*, hotline: Hotline | None, asked_at: datetime, windows) -> datetime:
    """The promise: the end of the first preferred window, or else within one working day."""
    if windows:
        return min(end for _start, end in windows)
    if hotline is None:
        hotline = default_hotline()
    return calendar_for(hotline).one_working_day_after(asked_at) if hotline else asked_at + timedelta(days=1)


@transaction.atomic
def call_back_request(
    *,
    phone: str,
    language: str,
    topic=None,
    windows=(),
    first_name: str = "",
    hotline: Hotline | None = None,
    centre: Centre | None = None,
    call: Call | None = None,
    source: str = CallBack.Source.WEBSITE,
    member: User | None = None,
    submission_key: str = "",
    now: datetime | None = None,
) -> CallBack:
    """Ask for a call-back (a visitor, an operator during a call, the phone menu). One per submission key."""
    e164 = normalise(phone)
    if not e164:
        raise ValueError("not a phone number")
    digest = submission_hash("call-back", submission_key) if submission_key else None
    if digest:
        existing = CallBack.objects.filter(submission_hash=digest).first()
        if existing is not None:
            return existing
    now = now or timezone.now()
    hotline = hotline or default_hotline()
    windows = sorted(windows)
    try:
        with transaction.atomic():
            return CallBack.objects.create(
                hotline=hotline,
                centre=centre,
                call=call,
                source=source,
                phone=e164,
                first_name=first_name.strip(),
                caller_hash=caller_hash(e164),
                member=member,
                language=language,
                topic=topic,
                windows=[window_value(w) for w in windows],
                due_at=call_back_due(hotline=hotline, asked_at=now, windows=windows),
                submission_hash=digest,
                created_at=now,
            )
    except IntegrityError:
        existing = CallBack.objects.filter(submission_hash=digest).first() if digest else None
        if existing is None:
            raise
        return existing


def call_back_take(*, call_back_id: int, by: User) -> CallBack:
    """Take a waiting call-back. A conditional update: of two operators taking it at once, exactly one wins."""
    now = timezone.now()
    taken = CallBack.objects.filter(pk=call_back_id, status=CallBack.Status.OPEN).update(
        status=CallBack.Status.TAKEN, taken_by=by, taken_at=now
    )
    if taken != 1:
        raise CallBackTaken(_("Someone else took this call-back a moment ago, or it is closed."))
    return CallBack.objects.get(pk=call_back_id)


@transaction.atomic
def call_back_release(*, call_back_id: int, by: User) -> CallBack:
    """Put a call-back you took back in the queue."""
    released = CallBack.objects.filter(pk=call_back_id, status=CallBack.Status.TAKEN, taken_by=by).update(
        status=CallBack.Status.OPEN, taken_by=None, taken_at=None
    )
    if released != 1:
        raise CallBackNotYours(_("This call-back is not taken by you."))
    return CallBack.objects.get(pk=call_back_id)


def _close(call_back: CallBack, status: str, now: datetime) -> None:
    """Closed: the number and name are deleted; the counts stay."""
    call_back.status = status
    call_back.closed_at = now
    call_back.phone = ""
    call_back.first_name = ""


@transaction.atomic
def call_back_attempt(*, call_back_id: int, by: User, result: str, now: datetime | None = None) -> CallBackAttempt:
    """Log one attempt. Answered closes it as done; a wrong number, or the third unanswered attempt,
    closes it as unreachable; any other unanswered attempt puts it back in the queue."""
    now = now or timezone.now()
    call_back = CallBack.objects.select_for_update().get(pk=call_back_id)
    if call_back.status != CallBack.Status.TAKEN or call_back.taken_by_id != by.pk:
        raise CallBackNotYours(_("Take this call-back from the queue before calling."))
    if result not in CallBackAttempt.Result.values:
        raise ValueError(result)
    attempt = CallBackAttempt.objects.create(call_back=call_back, by=by, at=now, result=result)
    call_back.attempt_count += 1
    if result == CallBackAttempt.Result.ANSWERED:
        _close(call_back, CallBack.Status.DONE, now)
    elif result == CallBackAttempt.Result.WRONG_NUMBER or call_back.attempt_count >= CallBack.MAX_ATTEMPTS:
        _close(call_back, CallBack.Status.UNREACHABLE, now)
    else:
        call_back.status, call_back.taken_by, call_back.taken_at = CallBack.Status.OPEN, None, None
    call_back.save()
    return attempt


@transaction.atomic
def call_back_cancel(*, call_back: CallBack, now: datetime | None = None) -> CallBack:
    if call_back.is_open:
        _close(call_back, CallBack.Status.CANCELLED, now or timezone.now())
        call_back.save()
    return call_back


# -- what a call leads to, in one step each (issue 12 item 3) -------------------------------------------------


@transaction.atomic
def call_link_client(*, call: Call, client, by: User) -> Call:
    """Link the call to a client file the operator may open, with the caller's consent (the form asks for it).
    The call then shows on the file's history; the file's centre becomes the call's centre if it had none."""
    if not Client.objects.for_user(by).filter(pk=client.pk).exists():
        raise PermissionDenied
    call.client = client
    call.client_consent_at = timezone.now()
    call.centre = call.centre or client.centre
    call.save(update_fields=["client", "client_consent_at", "centre"])
    return call


@transaction.atomic
def call_book(*, call: Call, by: User, **booking):
    """Book a consultation for the caller (the booking service, no per-phone cap: staff book for someone)."""
    appointment = appointment_book(cap_per_contact=False, **booking)
    call.appointment = appointment
    call.outcome = Call.Outcome.CONSULTATION_BOOKED
    call.save(update_fields=["appointment", "outcome"])
    return appointment


@transaction.atomic
def call_to_consultation(*, call: Call, by: User):
    """Record the call as a consultation by phone (once), so that a referral or a follow-up can be added to it."""
    if call.consultation_id:
        return call.consultation
    centre = call.centre or (by.centres.filter(is_active=True).first())
    if centre is None:
        raise ValidationError({"centre": _("Choose the centre this call belongs to first.")})
    consultation = consultation_record(
        by=by,
        centre=centre,
        held_on=timezone.localdate(call.started_at),
        channel=Consultation.Channel.PHONE,
        topics=list(call.topics.all()),
        language=call.language or "bg",
        interpreting=Consultation.Interpreting.INTERPRETER
        if call.interpreter_joined
        else Consultation.Interpreting.NONE,
        duration_minutes=max(1, round(call.duration_seconds / 60)),
        client=call.client,
        nationality=call.nationality.code or "",
        gender=call.gender,
        age_band=call.age_band,
    )
    call.consultation = consultation
    call.save(update_fields=["consultation"])
    return consultation


@transaction.atomic
def call_back_dial(*, call_back_id: int, by: User, operator_number: str, status_url: str) -> Call:
    """Click to call (issue 12 item 10): the provider rings the operator's phone, then the caller. Only the
    operator who took the call-back may; the call is logged like any other (a call-back call, the caller
    recognised by the keyed hash) and the provider's status events complete it under the same call id."""
    call_back = CallBack.objects.select_for_update().get(pk=call_back_id)
    if call_back.status != CallBack.Status.TAKEN or call_back.taken_by_id != by.pk:
        raise CallBackNotYours(_("Take this call-back from the queue before calling."))
    operator = normalise(operator_number)
    if not operator:
        raise ValidationError({"operator_number": _("Enter your phone number, for example +359 88 123 4567.")})
    provider_call_id = telephony.backend().place_call(operator=operator, caller=call_back.phone, status_url=status_url)
    return Call.objects.create(
        hotline=call_back.hotline,
        centre=call_back.centre,
        operator=by,
        direction=Call.Direction.CALL_BACK,
        status=Call.Status.RINGING,
        language=call_back.language,
        caller_hash=call_back.caller_hash,
        provider_call_id=provider_call_id,
    )
