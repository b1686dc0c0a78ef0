"""Interpreting: the one place where mediators, requests, offers and sessions change.

The back-office pages, the mediator's offer link, the API and the demo data call these. Rules are raised
as ValidationError (shown by the forms and the API in the user's language); races are decided by the
database: accepting an offer is a conditional update of the locked request row, backed by a unique
constraint that allows one accepted offer per request.
"""

import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integra.accounts import roles
from integra.accounts.models import User
from integra.centres.models import Centre, Institution
from integra.core.crypto import submission_hash
from integra.core.sms import send_sms
from integra.hotline.hours import is_public_holiday
from integra.interpreting.models import (
    DIALECT_LABELS,
    JOB_PREFIX,
    Availability,
    AvailabilityException,
    DoNotSend,
    Feedback,
    Mediator,
    MediatorLanguage,
    Mode,
    Offer,
    PartnerAccount,
    Request,
    Session,
    hash_token,
)

MAX_DURATION = 8 * 60
PAST_GRACE = timedelta(minutes=10)  # "now" typed a minute ago is not in the past
RECENT = timedelta(days=30)
BUFFER_SAME_CITY = timedelta(minutes=30)
BUFFER_OTHER_CITY = timedelta(hours=3)  # Sofia–Plovdiv, Burgas–Kardzhali: a few hours on the road
REQUEST_FIELDS = (
    "institution", "centre", "language", "dialect", "direction", "interpreter_gender", "mode", "starts_at",
    "duration_minutes", "place", "subject", "urgency", "bad_news", "children", "client_label", "notes",
)  # fmt: skip


# -- reads ----------------------------------------------------------------------------------------


def get_request_for_user(user, pk: int) -> Request:
    """A request the user may see; another institution's or centre's request is a 404, like a missing one."""
    return get_object_or_404(Request.objects.for_user(user).with_details(), pk=pk)


def get_mediator_for_user(user, pk: int) -> Mediator:
    return get_object_or_404(Mediator.objects.for_user(user).with_details(), pk=pk)


def own_mediator(user) -> Mediator:
    """The registry entry of the signed-in mediator (404 when their account has none yet)."""
    return get_object_or_404(Mediator.objects.with_details(), user=user)


def institution_of(user) -> Institution | None:
    account = PartnerAccount.objects.select_related("institution").filter(user=user).first()
    return account.institution if account else None


# -- the suggested mode ---------------------------------------------------------------------------

REASONS = {
    "mental_health": gettext_lazy("Mental health: a conversation about feelings goes better in person."),
    "children": gettext_lazy("Children or school: an interpreter in the room helps the child and the family follow."),
    "bad_news": gettext_lazy("Difficult news is better given with the interpreter in the room."),
    "long": gettext_lazy("Over an hour: interpreting that long by phone is tiring, in person is better."),
    "urgent": gettext_lazy("Urgent: a phone interpreter can join fastest."),
    "short": gettext_lazy("Short and routine (30 minutes or less): a phone interpreter is quickest, with no travel."),
    "medium": gettext_lazy("Between half an hour and an hour: by video the interpreter sees everyone, with no travel."),
}


def mode_suggestion(*, duration_minutes: int, subject: str, urgency: str, bad_news: bool, children: bool):
    """(mode, reason code): phone for short routine appointments; in person for long ones, mental health,
    children and school, and difficult news; video in between."""
    if subject == Request.Subject.MENTAL_HEALTH:
        return Mode.IN_PERSON, "mental_health"
    if children or subject == Request.Subject.SCHOOL:
        return Mode.IN_PERSON, "children"
    if bad_news:
        return Mode.IN_PERSON, "bad_news"
    if duration_minutes > 60:
        return Mode.IN_PERSON, "long"
    if urgency == Request.Urgency.URGENT:
        return Mode.PHONE, "urgent"
    if duration_minutes <= 30:
        return Mode.PHONE, "short"
    return Mode.VIDEO, "medium"


def suggestion_for(request: Request) -> tuple[str, str]:
    mode, reason = mode_suggestion(
        duration_minutes=request.duration_minutes,
        subject=request.subject,
        urgency=request.urgency,
        bad_news=request.bad_news,
        children=request.children,
    )
    return mode, str(REASONS[reason])


# -- requests -------------------------------------------------------------------------------------


def _next_job_number(year: int) -> str:
    prefix = f"{JOB_PREFIX}-{year}-"
    last = Request.objects.filter(job_number__startswith=prefix).order_by("-job_number").first()
    number = int(last.job_number.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:05d}"


def check_request(*, starts_at: datetime | None, duration_minutes: int | None, now: datetime) -> None:
    """The rules the form and the service share: not in the past, a duration that makes sense."""
    errors = {}
    if starts_at is not None and starts_at < now - PAST_GRACE:
        errors["starts_at"] = _("This date and time are in the past. Give the date and time of the appointment.")
    if duration_minutes is not None and not 0 < duration_minutes <= MAX_DURATION:
        errors["duration_minutes"] = _("Give the expected duration in minutes, from 1 to %(max)d.") % {
            "max": MAX_DURATION
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def request_create(*, by: User, submission_key: str = "", client=None, now: datetime | None = None, **fields):
    """Take a request for an interpreter. A partner asks for its own institution; a request for a
    language nobody in the registry speaks is still saved, flagged for the coordinator. The same
    submission key sent twice stores one request."""
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    if not by.has_perm("interpreting.add_request"):
        raise PermissionDenied
    digest = submission_hash("interpreting-request", submission_key) if submission_key else None
    if digest and (existing := Request.objects.filter(submission_hash=digest).first()):
        return existing
    now = now or timezone.now()
    if by.has_role(roles.PARTNER) and not by.is_network_wide:
        institution = institution_of(by)
        if institution is None:
            raise ValidationError(
                _("Your account is not tied to an institution yet. Ask the coordinator of the service.")
            )
        fields["institution"] = institution
    check_request(starts_at=fields.get("starts_at"), duration_minutes=fields.get("duration_minutes"), now=now)
    suggested, _reason = mode_suggestion(
        duration_minutes=fields["duration_minutes"],
        subject=fields["subject"],
        urgency=fields.get("urgency", Request.Urgency.ROUTINE),
        bad_news=fields.get("bad_news", False),
        children=fields.get("children", False),
    )
    fields["mode"] = fields.get("mode") or suggested
    spoken = MediatorLanguage.objects.filter(language=fields["language"], mediator__is_active=True).exists()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Request.objects.create(
                    job_number=_next_job_number(timezone.localtime(now).year),
                    requested_by=by,
                    client=client,
                    suggested_mode=suggested,
                    flagged_no_speaker=not spoken,
                    submission_hash=digest,
                    created_at=now,
                    **fields,
                )
        except IntegrityError:
            if digest and (existing := Request.objects.filter(submission_hash=digest).first()):
                return existing
    raise ValidationError(_("The request could not be given a job number. Please send it again."))


def _working_time_between(start: datetime, end: datetime) -> timedelta:
    """The time between two moments that falls on working days (not weekends or public holidays)."""
    total = timedelta()
    zone = timezone.get_current_timezone()
    day = timezone.localtime(start, zone).date()
    while True:
        begin = timezone.make_aware(datetime.combine(day, time.min), zone)
        if begin >= end:
            return total
        finish = begin + timedelta(days=1)
        if day.weekday() < 5 and not is_public_holiday(day):
            total += max(min(finish, end) - max(begin, start), timedelta())
        day += timedelta(days=1)


def is_late(request: Request, now: datetime) -> bool:
    """Cancelled with less than one working day (24 working hours) to go."""
    return _working_time_between(now, request.starts_at) < timedelta(days=1)


def _lock(request: Request) -> Request:
    return Request.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def request_cancel(*, by: User, request: Request, reason: str, side: str = "", now: datetime | None = None):
    """Cancel a request, recording who, when and why; under one working day before the start it is flagged late."""
    if not by.has_perm("interpreting.cancel_request"):
        raise PermissionDenied
    if not Request.objects.for_user(by).filter(pk=request.pk).exists():
        raise PermissionDenied
    now = now or timezone.now()
    request = _lock(request)
    if request.status not in (*Request.OPEN, Request.Status.CONFIRMED):
        status = request.get_status_display()
        raise ValidationError(_("This request is already closed (%(status)s).") % {"status": status})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the request is cancelled.")})
    if by.has_role(roles.PARTNER) or not side:
        side = Request.Side.REQUESTER
    if side not in Request.Side.values:
        raise ValidationError({"side": _("Say who cancelled.")})
    request.status = Request.Status.CANCELLED
    request.closed_side, request.closed_reason = side, reason.strip()
    request.closed_at, request.closed_by = now, by
    request.late_cancellation = is_late(request, now)
    request.save()
    request.offers.filter(state=Offer.State.SENT).update(state=Offer.State.WITHDRAWN, answered_at=now)
    if request.mediator_id:
        _notify(request.mediator, "cancelled", request)
    return request


@transaction.atomic
def request_no_show(*, by: User, request: Request, side: str, reason: str = "", now: datetime | None = None):
    """Record that the interpreter or the client did not come to a confirmed job (the desk, or the
    institution that asked for it)."""
    if not (by.has_perm("interpreting.change_request") or by.has_perm("interpreting.cancel_request")):
        raise PermissionDenied
    if not Request.objects.for_user(by).filter(pk=request.pk).exists():
        raise PermissionDenied
    now = now or timezone.now()
    request = _lock(request)
    if request.status != Request.Status.CONFIRMED:
        raise ValidationError(_("Only a confirmed request can be marked as a no-show."))
    if request.starts_at > now:
        raise ValidationError(_("The appointment has not started yet."))
    if side not in (Request.Side.REQUESTER, Request.Side.INTERPRETER):
        raise ValidationError({"side": _("Say who did not come.")})
    request.status = Request.Status.NO_SHOW
    request.closed_side, request.closed_reason = side, (reason or "").strip()
    request.closed_at, request.closed_by = now, by
    request.save()
    return request


# -- matching -------------------------------------------------------------------------------------

CREDENTIAL_FIT = {
    # subject area → {credential: points}
    "medical": {"trained_medical": 30, "community": 20, "cultural_mediator": 10, "volunteer": 0},
    "mental_health": {"trained_medical": 30, "community": 20, "cultural_mediator": 15, "volunteer": 0},
    "legal": {"trained_medical": 25, "community": 30, "cultural_mediator": 10, "volunteer": 0},
    "school": {"cultural_mediator": 30, "community": 25, "trained_medical": 20, "volunteer": 10},
    "social_services": {"cultural_mediator": 30, "community": 25, "trained_medical": 20, "volunteer": 10},
    "other": {"community": 25, "cultural_mediator": 25, "trained_medical": 20, "volunteer": 15},
}


@dataclass
class Candidate:
    mediator: Mediator
    score: int = 0
    recent: int = 0
    available: bool = False
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _covers(windows: Iterable, starts: time, ends: time) -> bool:
    return any(w.starts <= starts and ends <= w.ends for w in windows)


def candidates_rank(request: Request, *, now: datetime | None = None) -> list[Candidate]:
    """Mediators who could take the request, best first: language and dialect, credential for the subject,
    the gender asked for, availability at that time, city, and fairness (fewer sessions lately first).
    Those who do not work in the mode or direction, are booked then (with travel time), or must not be
    sent to this client are left out. Six queries, however many mediators there are."""
    now = now or timezone.now()
    start, end = request.starts_at, request.ends_at
    local = timezone.localtime(start)
    day, starts, ends = local.date(), local.time(), timezone.localtime(end).time()
    speakers = MediatorLanguage.objects.filter(language=request.language).values("mediator")
    # Who is booked then is decided first, on plain rows of the few confirmed jobs near that time, so that
    # the database leaves them out with the blocked and those of another mode or direction: with a thousand
    # mediators building the objects of those who cannot match cost most of the time (bench/interpreting).
    jobs = (
        Request.objects.filter(
            mediator__in=speakers,
            status=Request.Status.CONFIRMED,
            starts_at__lt=end + BUFFER_OTHER_CITY,
            starts_at__gt=start - timedelta(minutes=MAX_DURATION) - BUFFER_OTHER_CITY,
        )
        .exclude(pk=request.pk)
        .values_list("mediator_id", "starts_at", "duration_minutes", "mode", "centre_id")
    )
    busy = {
        mediator_id
        for mediator_id, job_starts, minutes, mode, centre_id in jobs
        if _clashes(request, job_starts, job_starts + timedelta(minutes=minutes), mode, centre_id)
    }
    recent = (
        Session.objects.filter(mediator=OuterRef("pk"), started_at__gte=now - RECENT)
        .order_by()
        .values("mediator")
        .annotate(n=Count("pk"))
        .values("n")
    )
    matching = Mediator.objects.active().filter(pk__in=speakers)
    if request.client_id:
        matching = matching.exclude(pk__in=DoNotSend.objects.filter(client_id=request.client_id).values("mediator"))
    if connection.features.supports_json_field_contains:
        matching = matching.filter(modes__contains=[request.mode], directions__contains=[request.direction])
    found = (
        matching.exclude(pk__in=busy)
        .annotate(recent_sessions=Coalesce(Subquery(recent), 0))
        .select_related("user")
        .defer("phone", "notes")
    )
    # SQLite cannot look inside the lists; the same test in Python keeps both databases' answers the same.
    mediators = [m for m in found if request.mode in m.modes and request.direction in m.directions]
    # The rows below are read for the same mediators through a subquery, not a list of a thousand ids
    # (turning such a list into SQL parameters cost more than the queries themselves).
    ids = matching.values("pk")
    dialects, centres, windows, exceptions = (defaultdict(list) for _i in range(4))
    rows = MediatorLanguage.objects.filter(mediator_id__in=ids, language=request.language)
    for mediator_id, dialect in rows.values_list("mediator_id", "dialect"):
        dialects[mediator_id].append(dialect)
    for mediator_id, centre_id in Mediator.centres.through.objects.filter(mediator_id__in=ids).values_list(
        "mediator_id", "centre_id"
    ):
        centres[mediator_id].append(centre_id)
    rows = Availability.objects.filter(mediator_id__in=ids, weekday=day.weekday())
    for mediator_id, *window in rows.values_list("mediator_id", "starts", "ends"):
        windows[mediator_id].append(Window(*window))
    rows = AvailabilityException.objects.filter(mediator_id__in=ids, date=day)
    for mediator_id, *row in rows.values_list("mediator_id", "available", "starts", "ends"):
        exceptions[mediator_id].append(DayException(*row))
    texts = _Texts.for_request(request)
    ranked = [
        _score(
            request,
            mediator,
            Found(
                dialects=set(dialects[mediator.pk]),
                centres=set(centres[mediator.pk]),
                windows=windows[mediator.pk],
                exceptions=exceptions[mediator.pk],
                recent=mediator.recent_sessions,
            ),  # fmt: skip
            starts,
            ends,
            texts,
        )
        for mediator in mediators
    ]
    ranked.sort(key=lambda c: (-c.score, c.recent, c.mediator.name, c.mediator.pk))
    return ranked


class Window(NamedTuple):
    starts: time
    ends: time


class DayException(NamedTuple):
    available: bool
    starts: time | None
    ends: time | None


@dataclass
class Found:
    """What the ranking read about one mediator for this request's day."""

    dialects: set[str]
    centres: set[int]
    windows: list[Window]
    exceptions: list[DayException]
    recent: int


@dataclass
class _Texts:
    """The reasons and warnings in the current language, translated once per ranking rather than once per
    mediator (gettext and the choices' labels were a third of the time with a thousand mediators)."""

    speaks: str
    gender: str
    not_gender: str
    away: str
    available: str
    outside: str
    city: str
    town: str
    travel: str
    no_dialect: str
    dialects: dict[str, str]
    credentials: dict[str, str]

    @classmethod
    def for_request(cls, request: Request) -> "_Texts":
        speaks = _("Speaks %(dialect)s") % {"dialect": DIALECT_LABELS[request.dialect]} if request.dialect else ""
        return cls(
            speaks=speaks, gender=_("The gender asked for"), not_gender=_("Not the gender asked for"),
            away=_("Away that day"), available=_("Available at that time"), outside=_("Outside their usual hours"),
            city=_("Works in this city"), town=_("Goes to this town"), travel=_("Would travel from another city"),
            no_dialect=_("no dialect given"), dialects={code: str(label) for code, label in DIALECT_LABELS.items()},
            credentials={value: str(label) for value, label in Mediator.Credential.choices},
        )  # fmt: skip


def _clashes(request: Request, job_starts: datetime, job_ends: datetime, mode: str, centre_id: int) -> bool:
    remote = Mode.IN_PERSON not in (request.mode, mode)
    buffer = BUFFER_SAME_CITY if remote or centre_id == request.centre_id else BUFFER_OTHER_CITY
    return job_starts < request.ends_at + buffer and request.starts_at < job_ends + buffer


def _score(request: Request, mediator: Mediator, found: Found, starts: time, ends: time, texts: _Texts) -> Candidate:
    candidate = Candidate(mediator=mediator, recent=found.recent)
    dialects = found.dialects
    if not request.dialect or request.dialect in dialects:
        candidate.score += 30
        if request.dialect:
            candidate.reasons.append(texts.speaks)
    else:
        others = ", ".join(texts.dialects.get(d, d) for d in sorted(dialects) if d) or texts.no_dialect
        candidate.warnings.append(_("Another dialect: %(dialects)s") % {"dialects": others})
    candidate.score += CREDENTIAL_FIT[request.subject][mediator.credential]
    candidate.reasons.append(texts.credentials.get(mediator.credential, mediator.credential))
    if request.interpreter_gender:
        if mediator.gender == request.interpreter_gender:
            candidate.score += 20
            candidate.reasons.append(texts.gender)
        else:
            candidate.score -= 40
            candidate.warnings.append(texts.not_gender)
    exceptions = found.exceptions
    away = any(not e.available for e in exceptions)
    extra = [e for e in exceptions if e.available and e.starts]
    if away:
        candidate.score -= 50
        candidate.warnings.append(texts.away)
    elif _covers(found.windows, starts, ends) or _covers(extra, starts, ends):
        candidate.score += 25
        candidate.available = True
        candidate.reasons.append(texts.available)
    else:
        candidate.score -= 10
        candidate.warnings.append(texts.outside)
    if request.mode == Mode.IN_PERSON:
        towns = {town.casefold() for town in mediator.town_list}
        if request.centre_id in found.centres:
            candidate.score += 20
            candidate.reasons.append(texts.city)
        elif request.place and any(town in request.place.casefold() for town in towns):
            candidate.score += 20
            candidate.reasons.append(texts.town)
        else:
            candidate.score -= 20
            candidate.warnings.append(texts.travel)
    candidate.score -= min(found.recent, 10) * 2
    return candidate


# -- confirming and offers ------------------------------------------------------------------------


def _public_url(path_name: str, *args, language: str) -> str:
    # The site's public address (FORUM_PUBLIC_URL is the one setting for it so far).
    with translation.override(language):
        return settings.FORUM_PUBLIC_URL.rstrip("/") + reverse(path_name, args=args)


def _language_of(mediator: Mediator) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    preferred = mediator.user.preferred_language if mediator.user_id else ""
    return preferred if preferred in languages else "bg"


MESSAGES = {
    "offer": gettext_lazy(
        "Interpreting job %(job)s: %(language)s, %(when)s, %(mode)s, %(city)s, %(minutes)d min. "
        "Take it or say no: %(url)s"
    ),
    "confirmed": gettext_lazy(
        "You are booked for interpreting job %(job)s: %(language)s, %(when)s, %(mode)s, %(city)s."
    ),
    "cancelled": gettext_lazy("Interpreting job %(job)s on %(when)s is cancelled. Thank you."),
}


def _notify(mediator: Mediator, kind: str, request: Request, url: str = "") -> None:
    """An SMS (and an e-mail when there is an address) in the mediator's language, sent once the change is saved.
    Sent directly, not through a queued task: an offer's link holds a token that is never stored."""
    with translation.override(_language_of(mediator)):
        body = str(MESSAGES[kind]) % {
            "job": request.job_number,
            "language": request.language_label,
            "when": timezone.localtime(request.starts_at).strftime("%d.%m.%Y %H:%M"),
            "mode": request.get_mode_display(),
            "city": str(request.centre),
            "minutes": request.duration_minutes,
            "url": url,
        }
        subject = _("Interpreting job %(job)s") % {"job": request.job_number}
    phone, email = str(mediator.phone or ""), mediator.email or (mediator.user.email if mediator.user_id else "")

    def send():
        if phone:
            send_sms(phone, body)
        if email:
            send_mail(subject, body, None, [email])

    transaction.on_commit(send)


def _check_confirmer(by: User, request: Request) -> None:
    if not by.has_perm("interpreting.confirm_request"):
        raise PermissionDenied
    if not Request.objects.for_user(by).filter(pk=request.pk).exists():
        raise PermissionDenied


@transaction.atomic
def request_confirm(*, by: User, request: Request, mediator: Mediator, now: datetime | None = None) -> Request:
    """A coordinator or centre manager books one mediator; offers still open are withdrawn."""
    _check_confirmer(by, request)
    now = now or timezone.now()
    request = _lock(request)
    if not request.is_open:
        raise ValidationError(
            _("This request is already %(status)s.") % {"status": request.get_status_display().lower()}
        )
    if not mediator.is_active or not mediator.languages.filter(language=request.language).exists():
        raise ValidationError(_("This interpreter does not work in the language asked for."))
    request.mediator, request.status, request.confirmed_at = mediator, Request.Status.CONFIRMED, now
    request.save(update_fields=["mediator", "status", "confirmed_at"])
    request.offers.filter(state=Offer.State.SENT).exclude(mediator=mediator).update(
        state=Offer.State.WITHDRAWN, answered_at=now
    )
    request.offers.filter(mediator=mediator, state=Offer.State.SENT).update(state=Offer.State.ACCEPTED, answered_at=now)
    _notify(mediator, "confirmed", request)
    return request


@transaction.atomic
def offers_send(*, by: User, request: Request, mediators: Iterable[Mediator], now=None) -> list[tuple[Offer, str]]:
    """Offer the job to a few mediators at once: each gets a link by SMS or e-mail, the first to accept
    gets it. A mediator already offered this job is not sent it again. Returns (offer, token) pairs;
    only the token's hash is stored."""
    _check_confirmer(by, request)
    now = now or timezone.now()
    request = _lock(request)
    if not request.is_open:
        raise ValidationError(
            _("This request is already %(status)s.") % {"status": request.get_status_display().lower()}
        )
    already = set(request.offers.values_list("mediator_id", flat=True))
    sent = []
    for mediator in mediators:
        if mediator.pk in already or not mediator.is_active:
            continue
        if not (mediator.phone or mediator.email or (mediator.user_id and mediator.user.email)):
            raise ValidationError(
                _("%(name)s has no phone or e-mail address to send the offer to.") % {"name": mediator.name}
            )
        token = Offer.new_token()
        offer = Offer.objects.create(request=request, mediator=mediator, token_hash=hash_token(token), sent_by=by)
        url = _public_url("interpreting:offer", token, language=_language_of(mediator))
        _notify(mediator, "offer", request, url)
        sent.append((offer, token))
    if not sent:
        raise ValidationError(_("Choose at least one interpreter who has not been offered this job yet."))
    request.status = Request.Status.OFFERED
    request.save(update_fields=["status"])
    return sent


class OfferTaken(ValidationError):
    """The job went to someone else (or was cancelled) before this answer."""


def get_offer(token: str) -> Offer:
    offer = Offer.objects.select_related("request__centre", "mediator").filter(token_hash=hash_token(token)).first()
    if offer is None:
        raise ValidationError(_("This link is not valid. Check that you opened the whole link from the message."))
    return offer


@transaction.atomic
def offer_accept(*, token: str, now: datetime | None = None) -> Offer:
    """Accept an offer from its link. Of several mediators accepting at once exactly one wins: the request
    row is locked and changed only if nobody has it yet; the others get OfferTaken."""
    now = now or timezone.now()
    offer = get_offer(token)
    request = _lock(offer.request)
    offer = Offer.objects.select_for_update().select_related("mediator").get(pk=offer.pk)
    if offer.state == Offer.State.ACCEPTED:
        return offer  # the same person tapping twice
    taken = _("Someone else has already taken this job, or it was cancelled. Thank you all the same.")
    if offer.state != Offer.State.SENT or request.status != Request.Status.OFFERED:
        raise OfferTaken(taken)
    if request.starts_at < now:
        raise OfferTaken(_("This job has already started: it can no longer be accepted."))
    won = Request.objects.filter(pk=request.pk, status=Request.Status.OFFERED, mediator__isnull=True).update(
        status=Request.Status.CONFIRMED, mediator=offer.mediator, confirmed_at=now
    )
    if won != 1:
        raise OfferTaken(taken)
    try:
        with transaction.atomic():
            Offer.objects.filter(pk=offer.pk).update(state=Offer.State.ACCEPTED, answered_at=now)
    except IntegrityError:
        raise OfferTaken(taken) from None
    Offer.objects.filter(request=request, state=Offer.State.SENT).update(state=Offer.State.WITHDRAWN, answered_at=now)
    offer.refresh_from_db()
    return offer


@transaction.atomic
def offer_decline(*, token: str, now: datetime | None = None) -> Offer:
    """Say no to an offer. When nobody is left to answer, the request goes back to the coordinator's list."""
    now = now or timezone.now()
    offer = get_offer(token)
    request = _lock(offer.request)
    changed = Offer.objects.filter(pk=offer.pk, state=Offer.State.SENT).update(
        state=Offer.State.DECLINED, answered_at=now
    )
    if changed and request.status == Request.Status.OFFERED and not request.offers.filter(state=Offer.State.SENT):
        Request.objects.filter(pk=request.pk).update(status=Request.Status.REQUESTED)
    offer.refresh_from_db()
    return offer


# -- after the session ----------------------------------------------------------------------------


@transaction.atomic
def session_log(
    *, by: User, request: Request, started_at: datetime, ended_at: datetime, mode: str, outcome: str, now=None
) -> Session:
    """The interpreter (or the desk) logs start, end, mode and outcome; the request is then done."""
    if not by.has_perm("interpreting.add_session"):
        raise PermissionDenied
    now = now or timezone.now()
    request = _lock(request)
    if request.mediator_id is None or request.status not in (Request.Status.CONFIRMED, Request.Status.DONE):
        raise ValidationError(_("Only a confirmed job can have a session logged."))
    if by.has_role(roles.MEDIATOR) and not by.has_perm("interpreting.confirm_request"):
        if request.mediator.user_id != by.pk:
            raise PermissionDenied
    if Session.objects.filter(request=request).exists():
        raise ValidationError(_("The session of this job is already logged."))
    if ended_at <= started_at:
        raise ValidationError({"ended_at": _("The session ends before it starts. Check the start and the end.")})
    if started_at > now + PAST_GRACE:
        raise ValidationError({"started_at": _("A session can be logged once it has taken place.")})
    session = Session.objects.create(
        request=request, mediator=request.mediator, started_at=started_at, ended_at=ended_at, mode=mode,
        outcome=outcome, logged_by=by, logged_at=now,
    )  # fmt: skip
    request.status = Request.Status.DONE
    request.save(update_fields=["status"])
    return session


def feedback_side(user, request: Request) -> str | None:
    """Which side's feedback this user gives on this job: the job's interpreter gives the interpreter's;
    the institution (its partner account) or the centre's staff who asked give the institution's.
    Another mediator gives none."""
    if request.mediator_id and request.mediator.user_id == user.pk:
        return Feedback.Side.INTERPRETER
    if user.has_role(roles.PARTNER, roles.CONSULTANT, roles.CENTRE_MANAGER, roles.COORDINATOR):
        return Feedback.Side.INSTITUTION
    return None


def _check_understood(understood: str, problem: str) -> None:
    errors = {}
    if understood not in Feedback.Understood.values:
        errors["understood"] = _("Choose one answer: yes, partly or no.")
    if len(problem or "") > 500:
        errors["problem"] = _("Write at most 500 characters.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def feedback_give(*, by: User, request: Request, understood: str, problem: str = "") -> Feedback:
    """Short feedback after the job, once per side: the interpreter's from the job's interpreter, the
    institution's from the institution or the centre that asked. Another mediator is refused."""
    if not by.has_perm("interpreting.add_feedback"):
        raise PermissionDenied
    if not Request.objects.for_user(by).filter(pk=request.pk).exists():
        raise PermissionDenied
    side = feedback_side(by, request)
    if side is None:
        raise PermissionDenied
    if request.status != Request.Status.DONE:
        raise ValidationError(_("Feedback can be given once the session is logged."))
    _check_understood(understood, problem)
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                request=request, side=side, understood=understood, problem=(problem or "").strip(), given_by=by,
                language=translation.get_language() or "",
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(_("Feedback for this job has already been given. Thank you.")) from None


CLIENT_SMS = gettext_lazy("How was the interpreting today? Tell us in a minute, anonymously: %(url)s")


def client_feedback_url(token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_PUBLIC_URL.rstrip("/") + reverse("interpreting:feedback", args=[token])


@transaction.atomic
def client_feedback_link_create(*, by: User, request: Request, language: str, phone: str = "") -> str:
    """A new link for the client's feedback, in the client's language, to print or send by SMS (the phone
    number is used once and not kept). Only the token's hash is stored; a new link replaces the last one."""
    if not by.has_perm("interpreting.add_feedback") or feedback_side(by, request) is None:
        raise PermissionDenied
    if not Request.objects.for_user(by).filter(pk=request.pk).exists():
        raise PermissionDenied
    request = _lock(request)
    if request.status != Request.Status.DONE:
        raise ValidationError(_("The client's feedback link can be made once the session is logged."))
    if request.feedback.filter(side=Feedback.Side.CLIENT).exists():
        raise ValidationError(_("The client has already given their feedback on this job."))
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the site's languages.")})
    token = secrets.token_urlsafe(16)
    request.client_feedback_hash = hash_token(token)
    request.save(update_fields=["client_feedback_hash"])
    url = client_feedback_url(token, language)
    if phone:
        with translation.override(language):
            body = str(CLIENT_SMS) % {"url": url}
        transaction.on_commit(lambda: send_sms(phone, body))
    return url


def get_client_feedback_request(token: str) -> Request:
    """The job a client's feedback link is for (a link that is not valid raises ValidationError)."""
    request = Request.objects.filter(client_feedback_hash=hash_token(token)).first() if token else None
    if request is None:
        raise ValidationError(_("This link is not valid. Check that you opened the whole link from the message."))
    return request


@transaction.atomic
def client_feedback_give(*, token: str, understood: str, comment: str = "", language: str = "") -> Feedback:
    """The client's answer through their link, once only: "did you understand and were you understood?"
    (yes, partly, no) and an optional comment. Nothing identifies the client."""
    request = get_client_feedback_request(token)
    _check_understood(understood, comment)
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                request=request, side=Feedback.Side.CLIENT, understood=understood,
                problem=(comment or "").strip(), language=language,
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(_("Your answer was already received. Thank you.")) from None


# -- the registry ---------------------------------------------------------------------------------


@transaction.atomic
def mediator_save(
    *, by: User, mediator: Mediator | None = None, languages: Iterable[tuple[str, str]], centres=(), **fields
) -> Mediator:
    """Add a mediator to the registry or change one; their languages and dialects are replaced as given."""
    perm = "interpreting.change_mediator" if mediator else "interpreting.add_mediator"
    if not by.has_perm(perm):
        raise PermissionDenied
    languages = sorted(set(languages))
    if not languages:
        raise ValidationError({"languages": _("Give at least one language.")})
    user = fields.get("user")
    if user is not None and not user.has_role(roles.MEDIATOR):
        raise ValidationError({"user": _("This account does not have the mediator role.")})
    mediator = mediator or Mediator()
    for name, value in fields.items():
        setattr(mediator, name, value)
    mediator.save()
    mediator.centres.set(centres)
    mediator.languages.all().delete()
    MediatorLanguage.objects.bulk_create(
        MediatorLanguage(mediator=mediator, language=language, dialect=dialect) for language, dialect in languages
    )
    return mediator


@transaction.atomic
def do_not_send_add(*, by: User, mediator: Mediator, client, reason: str) -> DoNotSend:
    if not by.has_perm("interpreting.change_mediator"):
        raise PermissionDenied
    block, _created = DoNotSend.objects.get_or_create(
        mediator=mediator, client=client, defaults={"reason": reason, "created_by": by}
    )
    return block


@transaction.atomic
def availability_set(*, by: User, mediator: Mediator, weekly: Iterable[tuple[int, time, time]]) -> None:
    """Replace the mediator's weekly pattern (their own, or any for the desk)."""
    _check_availability_editor(by, mediator)
    rows = [Availability(mediator=mediator, weekday=d, starts=s, ends=e) for d, s, e in weekly]
    for row in rows:
        if row.ends <= row.starts:
            raise ValidationError(_("A time ends before it starts. Check the times of %(day)s.") % {
                "day": row.get_weekday_display()
            })  # fmt: skip
    mediator.availability.all().delete()
    Availability.objects.bulk_create(rows)


def _check_availability_editor(by: User, mediator: Mediator) -> None:
    own = mediator.user_id == by.pk and by.has_perm("interpreting.edit_own_availability")
    if not own and not by.has_perm("interpreting.change_mediator"):
        raise PermissionDenied


@transaction.atomic
def exception_add(
    *, by: User, mediator: Mediator, day: date, available: bool, starts: time | None = None, ends: time | None = None
) -> AvailabilityException:
    _check_availability_editor(by, mediator)
    if day < timezone.localdate():
        raise ValidationError({"date": _("This day is in the past.")})
    if available and not (starts and ends):
        raise ValidationError({"starts": _("Give the hours you are available that day.")})
    if starts and ends and ends <= starts:
        raise ValidationError({"ends": _("The time ends before it starts. Check the start and the end.")})
    mediator.exceptions.filter(date=day).delete()
    return AvailabilityException.objects.create(
        mediator=mediator, date=day, available=available, starts=starts if available else None,
        ends=ends if available else None,
    )  # fmt: skip


@transaction.atomic
def exception_remove(*, by: User, mediator: Mediator, pk: int) -> None:
    _check_availability_editor(by, mediator)
    mediator.exceptions.filter(pk=pk).delete()


def centres_for_request(user) -> list[Centre]:
    """The cities a user can ask for: a partner or a coordinator any active centre, staff their own."""
    centres = Centre.objects.active()
    if user.has_role(roles.PARTNER) or user.is_network_wide:
        return list(centres)
    return list(centres.filter(pk__in=user.centres.values("pk")))


def form_data_for_city(user, data: dict) -> dict | None:
    """An API body made ready for the request forms: the city's slug becomes the centre's id and the
    submission key the form's `key`; None when the user may not ask for that city."""
    centre = next((c for c in centres_for_request(user) if c.slug == data["centre"]), None)
    if centre is None:
        return None
    data = {**data, "centre": centre.pk}
    data["key"] = data.pop("submission_key")
    return data
