"""Consultations, referrals, follow-ups, slots and bookings: the one place where these change."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import to_python

from integra.accounts.models import User
from integra.centres.models import Centre
from integra.clients.models import Client
from integra.consultations.models import Appointment, ClosedDay, Consultation, FollowUp, Referral, Rota
from integra.core.audit import log_read
from integra.core.crypto import submission_hash

DEFAULT_SLOT_MINUTES = 30


class SlotTaken(Exception):
    """Someone else booked this time a moment ago."""


class SlotInvalid(Exception):
    """Not a time this centre offers (past, outside hours, closed day)."""


class TooManyBookings(Exception):
    """This phone number or e-mail already holds the most upcoming bookings allowed."""


# -- consultations -----------------------------------------------------------------------------------


def get_consultation_for_user(user, pk: int, *, log: bool = True) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.for_user(user).for_list().prefetch_related("referrals__institution", "follow_ups"), pk=pk
    )
    if log:
        log_read(consultation)
    return consultation


@dataclass
class ReferralData:
    institution: object
    reason: str


@dataclass
class FollowUpData:
    task: str
    due_on: date


MAX_DURATION_MINUTES = 480
UPDATABLE = frozenset(
    {
        "held_on", "channel", "language", "interpreting", "interpreter_name", "mediator", "duration_minutes",
        "outcome", "notes", "nationality", "gender", "age_band",
    }
)  # fmt: skip


def consultation_rules_check(
    *, held_on: date | None = None, duration_minutes: int | None = None, client: Client | None = None
) -> None:
    """The rules that protect the records, for every caller: not held in the future, a plausible duration,
    and no new record on the file of a client who withdrew consent to keeping records. Raises
    ValidationError keyed by field; forms call this to show the same messages next to their fields."""
    errors = {}
    if held_on is not None and held_on > timezone.localdate():
        errors["held_on"] = _("A consultation cannot be recorded for a future date.")
    if duration_minutes is not None and not 1 <= duration_minutes <= MAX_DURATION_MINUTES:
        errors["duration_minutes"] = _("Enter a duration between 1 and 480 minutes.")
    if client is not None and client.withdrew_consent("records"):
        errors["client"] = _(
            "The client has withdrawn consent to keeping records. Record this consultation "
            "without the client file (anonymously), or record a new consent first."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def consultation_record(
    *,
    by: User,
    centre: Centre,
    held_on: date,
    channel: str,
    topics,
    language: str,
    interpreting: str = Consultation.Interpreting.NONE,
    interpreter_name: str = "",
    mediator=None,
    duration_minutes: int = 30,
    outcome: str = Consultation.Outcome.INFORMED,
    notes: str = "",
    client: Client | None = None,
    nationality: str = "",
    gender: str = "undisclosed",
    age_band: str = "",
    appointment: Appointment | None = None,
    referral: ReferralData | None = None,
    follow_up: FollowUpData | None = None,
) -> Consultation:
    """Record one consultation, with an optional referral and follow-up, in one transaction.

    Refused (ValidationError keyed by field) when consultation_rules_check refuses it."""
    consultation_rules_check(held_on=held_on, duration_minutes=duration_minutes, client=client)
    if client is not None:
        # The figures count the client's demographics without needing the file later.
        nationality = nationality or client.nationality.code or ""
        gender = client.gender if gender in ("", "undisclosed") else gender
        age_band = age_band or client.age_band
    consultation = Consultation.objects.create(
        centre=centre,
        consultant=by,
        client=client,
        appointment=appointment,
        held_on=held_on,
        channel=channel,
        language=language,
        interpreting=interpreting,
        interpreter_name=interpreter_name if interpreting != Consultation.Interpreting.NONE else "",
        mediator=mediator if interpreting != Consultation.Interpreting.NONE else None,
        duration_minutes=duration_minutes,
        outcome=outcome,
        notes=notes,
        nationality=nationality,
        gender=gender or "undisclosed",
        age_band=age_band,
    )
    consultation.topics.set(topics)
    if referral is not None:
        referral_create(consultation=consultation, institution=referral.institution, reason=referral.reason)
    if follow_up is not None:
        follow_up_create(consultation=consultation, assigned_to=by, task=follow_up.task, due_on=follow_up.due_on)
    return consultation


@transaction.atomic
def consultation_update(*, consultation: Consultation, topics=None, **fields) -> Consultation:
    """Change the fields named in UPDATABLE (a TypeError names any other); the date and duration rules hold."""
    unknown = set(fields) - UPDATABLE
    if unknown:
        raise TypeError(f"consultation_update() cannot change {', '.join(sorted(unknown))}")
    consultation_rules_check(held_on=fields.get("held_on"), duration_minutes=fields.get("duration_minutes"))
    for key, value in fields.items():
        setattr(consultation, key, value)
    consultation.save()
    if topics is not None:
        consultation.topics.set(topics)
    return consultation


@transaction.atomic
def consultation_link_client(*, consultation: Consultation, reference: str, by: User) -> Consultation:
    """Put a consultation recorded without a file (a walk-in) on an existing client file afterwards.

    The file must be one the user may see (Client.objects.for_user), not erased, and its client must not
    have withdrawn consent to keeping records; a consultation already on a file stays there. Demographics
    the consultant left empty are taken from the file, as when recording on it. Raises ValidationError
    keyed by "reference" so the form shows it next to the field."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.client_id is not None:
        raise ValidationError({"reference": _("This consultation is already on a client file.")})
    client = (
        Client.objects.for_user(by)
        .filter(reference__iexact=(reference or "").strip(), erased_at__isnull=True)
        .prefetch_related("consents")
        .first()
    )
    if client is None:
        raise ValidationError({"reference": _("No client file you can see has this reference.")})
    if client.withdrew_consent("records"):
        raise ValidationError(
            {"reference": _("The client has withdrawn consent to keeping records: the consultation stays anonymous.")}
        )
    locked.client = client
    locked.nationality = locked.nationality.code or client.nationality.code or ""
    if locked.gender in ("", "undisclosed"):
        locked.gender = client.gender
    locked.age_band = locked.age_band or client.age_band
    locked.save(update_fields=["client", "nationality", "gender", "age_band"])
    consultation.refresh_from_db()
    return consultation


@transaction.atomic
def referral_create(*, consultation: Consultation, institution, reason: str, sent_on: date | None = None) -> Referral:
    return Referral.objects.create(
        consultation=consultation, institution=institution, reason=reason, sent_on=sent_on or timezone.localdate()
    )


@transaction.atomic
def referral_update(*, referral: Referral, status: str, outcome: str) -> Referral:
    referral.status = status
    referral.outcome = outcome
    referral.save(update_fields=["status", "outcome"])
    return referral


@transaction.atomic
def follow_up_create(*, consultation: Consultation, assigned_to, task: str, due_on: date) -> FollowUp:
    return FollowUp.objects.create(consultation=consultation, assigned_to=assigned_to, task=task, due_on=due_on)


@transaction.atomic
def follow_up_done(*, follow_up: FollowUp) -> FollowUp:
    if follow_up.done_at is None:
        follow_up.done_at = timezone.now()
        follow_up.save(update_fields=["done_at"])
    return follow_up


# -- rota and closed days ------------------------------------------------------------------------------


@transaction.atomic
def rota_update(*, centre: Centre, slot_minutes: int, is_bookable: bool) -> Rota:
    rota, _created = Rota.objects.get_or_create(centre=centre)
    rota.slot_minutes = slot_minutes
    rota.is_bookable = is_bookable
    rota.save()
    return rota


@transaction.atomic
def closed_day_add(*, centre: Centre, date: date, reason: str = "") -> ClosedDay:
    return ClosedDay.objects.create(centre=centre, date=date, reason=reason)


@transaction.atomic
def closed_day_remove(*, closed_day: ClosedDay) -> None:
    closed_day.delete()


# -- slots ---------------------------------------------------------------------------------------------


def slot_minutes(centre: Centre) -> int:
    rota = Rota.objects.filter(centre=centre).first()
    return rota.slot_minutes if rota else DEFAULT_SLOT_MINUTES


def centre_slots(centre: Centre, *, first_day: date | None = None, days: int | None = None) -> list[datetime]:
    """Every slot start the centre offers: inside opening hours, not on closed days, not in the past
    (nor sooner than BOOKING_MIN_NOTICE_HOURS). Booked or not. A fixed number of queries."""
    rota = Rota.objects.filter(centre=centre).first()
    if rota is not None and not rota.is_bookable:
        return []
    length = timedelta(minutes=rota.slot_minutes if rota else DEFAULT_SLOT_MINUTES)
    today = timezone.localdate()
    first_day = max(first_day or today, today)
    days = days if days is not None else settings.BOOKING_HORIZON_DAYS
    last_day = today + timedelta(days=settings.BOOKING_HORIZON_DAYS)
    earliest = timezone.now() + timedelta(hours=settings.BOOKING_MIN_NOTICE_HOURS)
    hours_by_day: dict[int, list] = {}
    for hours in centre.opening_hours.all():
        hours_by_day.setdefault(hours.weekday, []).append(hours)
    closed = set(ClosedDay.objects.filter(centre=centre, date__gte=first_day).values_list("date", flat=True))
    zone = timezone.get_current_timezone()
    starts = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if day > last_day or day in closed:
            continue
        for hours in hours_by_day.get(day.weekday(), []):
            start = datetime.combine(day, hours.opens, tzinfo=zone)
            closes = datetime.combine(day, hours.closes, tzinfo=zone)
            while start + length <= closes:
                if start >= earliest:
                    starts.append(start)
                start += length
    return starts


def free_slots(centre: Centre, *, starts: list[datetime] | None = None, **kwargs) -> list[datetime]:
    """The centre's slots (or `starts`, what centre_slots gave already) not booked yet."""
    starts = centre_slots(centre, **kwargs) if starts is None else starts
    if not starts:
        return []
    taken = set(
        Appointment.objects.active()
        .filter(centre=centre, start__gte=starts[0], start__lte=starts[-1])
        .values_list("start", flat=True)
    )
    return [s for s in starts if s not in taken]


def slot_check(centre: Centre, start: datetime) -> datetime:
    """The slot's end, or SlotInvalid if the centre does not offer this start."""
    local = timezone.localtime(start)
    if start not in centre_slots(centre, first_day=local.date(), days=1):
        raise SlotInvalid(_("This time is not one the centre offers. Please choose another."))
    return start + timedelta(minutes=slot_minutes(centre))


# -- bookings ----------------------------------------------------------------------------------------------


@transaction.atomic
def appointment_book(
    *,
    centre: Centre,
    start: datetime,
    topic,
    language: str,
    interpreter_needed: bool,
    name: str,
    phone: str = "",
    email: str = "",
    submission_key: str = "",
    member=None,
    cap_per_contact: bool = True,
) -> Appointment:
    """Book a slot. The unique constraint on active (centre, start) decides races: exactly one wins,
    the others get SlotTaken. The same submission key twice returns the first booking.

    One phone number or e-mail holds at most BOOKING_MAX_ACTIVE_PER_CONTACT upcoming bookings
    (TooManyBookings); staff booking for a caller pass cap_per_contact=False."""
    digest = submission_hash("appointment", submission_key) if submission_key else None
    if digest:
        existing = Appointment.objects.filter(submission_hash=digest).first()
        if existing is not None:
            return existing
    if cap_per_contact and upcoming_for_contact(phone=phone, email=email) >= settings.BOOKING_MAX_ACTIVE_PER_CONTACT:
        raise TooManyBookings(
            _(
                "You already have %(count)d upcoming bookings with this phone number or e-mail. "
                "Cancel or change one of them first, or call the centre."
            )
            % {"count": settings.BOOKING_MAX_ACTIVE_PER_CONTACT}
        )
    end = slot_check(centre, start)
    try:
        with transaction.atomic():
            return Appointment.objects.create(
                centre=centre,
                start=start,
                end=end,
                topic=topic,
                language=language,
                interpreter_needed=interpreter_needed,
                name=name,
                phone=phone,
                email=email,
                submission_hash=digest,
                member=member if member is not None and member.is_authenticated else None,
            )
    except IntegrityError:
        if digest:
            existing = Appointment.objects.filter(submission_hash=digest).first()
            if existing is not None:
                return existing
        raise SlotTaken(_("Sorry, someone booked this time a moment ago. Please choose another time.")) from None


def upcoming_for_contact(*, phone: str = "", email: str = "") -> int:
    """How many future, not cancelled bookings carry this phone number (E.164) or e-mail (any case)."""

    match = Q(pk__in=[])
    if phone:
        match |= Q(phone=phone)
    if email:
        match |= Q(email__iexact=email.strip())
    return Appointment.objects.filter(match, status=Appointment.Status.BOOKED, start__gt=timezone.now()).count()


def appointment_find(reference: str, contact: str) -> Appointment | None:
    """A booking by its reference plus the phone number or e-mail given when booking; None otherwise."""

    reference = (reference or "").strip().upper()
    contact = (contact or "").strip()
    appointment = Appointment.objects.select_related("centre", "topic").filter(reference=reference).first()
    if appointment is None or not contact:
        return None
    if "@" in contact:
        return appointment if appointment.email and appointment.email.lower() == contact.lower() else None
    number = to_python(contact)
    if number is not None and number.is_valid() and appointment.phone and number == appointment.phone:
        return appointment
    return None


@transaction.atomic
def appointment_cancel(*, appointment: Appointment) -> Appointment:
    if appointment.status == Appointment.Status.BOOKED:
        appointment.status = Appointment.Status.CANCELLED
        appointment.cancelled_at = timezone.now()
        appointment.save(update_fields=["status", "cancelled_at"])
    return appointment


@transaction.atomic
def appointment_reschedule(*, appointment: Appointment, start: datetime) -> Appointment:
    end = slot_check(appointment.centre, start)
    try:
        with transaction.atomic():
            appointment.start, appointment.end, appointment.reminded_at = start, end, None
            appointment.save(update_fields=["start", "end", "reminded_at"])
    except IntegrityError:
        raise SlotTaken(_("Sorry, someone booked this time a moment ago. Please choose another time.")) from None
    return appointment


def client_for_appointment(*, appointment: Appointment, user: User) -> Client | None:
    """The client file the booking's phone number leads to, among the files the user may see: only when
    exactly one file (not erased, consent to records not withdrawn) carries that number, never a guess."""
    if not appointment.phone:
        return None
    matches = list(
        Client.objects.for_user(user)
        .filter(phone=appointment.phone, erased_at__isnull=True)
        .select_related("centre")
        .prefetch_related("consents")[:2]
    )
    if len(matches) != 1 or matches[0].withdrew_consent("records"):
        return None
    return matches[0]


@transaction.atomic
def appointment_to_consultation(*, appointment: Appointment, by: User, client: Client | None = None) -> Consultation:
    """The visitor arrived: the booking becomes a consultation record (once), ready to complete, on the
    client file given (client_for_appointment finds it by the booking's phone)."""
    existing = Consultation.objects.filter(appointment=appointment).first()
    if existing is not None:
        return existing
    if client is not None and not Client.objects.for_user(by).filter(pk=client.pk).exists():
        raise ValidationError({"client": _("This client file is not one you can see.")})
    appointment.status = Appointment.Status.ATTENDED
    appointment.save(update_fields=["status"])
    return consultation_record(
        by=by,
        centre=appointment.centre,
        held_on=min(timezone.localdate(appointment.start), timezone.localdate()),  # arrived early: held today
        channel=Consultation.Channel.IN_PERSON,
        topics=[appointment.topic],
        language=appointment.language,
        interpreting=Consultation.Interpreting.INTERPRETER
        if appointment.interpreter_needed
        else Consultation.Interpreting.NONE,
        duration_minutes=int((appointment.end - appointment.start).total_seconds() // 60),
        appointment=appointment,
        client=client,
    )


def appointments_due_for_reminder(day: date | None = None):
    """Active bookings starting on `day` (default tomorrow) whose reminder has not gone yet."""
    day = day or timezone.localdate() + timedelta(days=1)
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    return Appointment.objects.filter(
        status=Appointment.Status.BOOKED,
        reminded_at__isnull=True,
        start__gte=start,
        start__lt=start + timedelta(days=1),
    ).select_related("centre", "topic")
