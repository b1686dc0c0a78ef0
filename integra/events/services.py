"""Events, registrations, check-in and the door tally: the one place where these change.

The organisers' pages, the public register form, the check-in phone pages, the API and the demo data
call these. Rules are raised as ValidationError (shown by the forms and the API in the user's language);
races are decided by the database: a registration locks its event's row to keep within capacity,
arriving is a conditional update, and the tally changes its counter with F() expressions.
"""

import calendar
import hashlib
import hmac
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from integra.accounts.models import User
from integra.centres.models import Centre, Place
from integra.clients.models import AgeBand, Gender
from integra.core import waitlist
from integra.core.crypto import derive_key, submission_hash
from integra.events.models import (
    Answer,
    Event,
    Feedback,
    PaperAttendance,
    PaperFeedback,
    Registration,
    Series,
    TallyCount,
)

EVENT_FIELDS = (
    "kind", "title", "description", "centre", "place", "address", "start", "end", "languages",
    "interpretation", "capacity", "registration", "is_public",
)  # fmt: skip
TALLY_GENDERS = (Gender.FEMALE, Gender.MALE, Gender.OTHER)
TALLY_AGE_BANDS = tuple(AgeBand.values)
OFFER_SALT = "integra.events.offer"
SERIES_MAX = 52  # events one series may make at once


# -- reads ----------------------------------------------------------------------------------------


def get_event_for_user(user, pk: int) -> Event:
    """An event of the user's centres; another centre's event is a 404, like a missing one."""
    return get_object_or_404(Event.objects.for_user(user).with_details(), pk=pk)


def get_public_event(pk: int) -> Event:
    return get_object_or_404(Event.objects.public().with_details(), pk=pk)


def _grid(rows, nationality: str | None) -> dict[tuple[str, str], int]:
    if nationality is not None:
        rows = rows.filter(nationality=nationality)
    table = {(gender, band): 0 for gender in TALLY_GENDERS for band in TALLY_AGE_BANDS}
    for gender, band, count in rows.values_list("gender", "age_band").annotate(n=Sum("count")).order_by():
        if (gender, band) in table:
            table[(gender, band)] = count
    return table


def tally_table(event: Event, nationality: str | None = None) -> dict[tuple[str, str], int]:
    """{(gender, age band): count} for every cell of the door tally, zeros included (one query): every
    nationality added up, or only one ("" for walk-ins whose nationality was not given)."""
    return _grid(TallyCount.objects.filter(event=event), nationality)


def tally_nationalities(event: Event) -> dict[str, int]:
    """{nationality: walk-ins} for the nationalities counted so far ("" when not given)."""
    rows = TallyCount.objects.filter(event=event).values_list("nationality").annotate(n=Sum("count"))
    return {code: n for code, n in rows.order_by("nationality") if n}


def paper_nationalities(event: Event) -> dict[str, int]:
    """{nationality: people} on the paper sheet ("" when the sheet does not say)."""
    rows = PaperAttendance.objects.filter(event=event).values_list("nationality").annotate(n=Sum("count"))
    return {code: n for code, n in rows.order_by("nationality") if n}


def paper_attendance_table(event: Event, nationality: str | None = None) -> dict[tuple[str, str], int]:
    """{(gender, age band): count} entered from the paper sign-in sheet, like tally_table."""
    return _grid(PaperAttendance.objects.filter(event=event), nationality)


# -- events ---------------------------------------------------------------------------------------


def _check_event(*, by: User, centre: Centre, place: Place | None, start: datetime, end: datetime) -> None:
    if not Centre.objects.editable_by(by).filter(pk=centre.pk).exists() or not by.has_perm("events.change_event"):
        raise ValidationError({"centre": _("You cannot organise events for this centre.")})
    if start and end and end <= start:
        raise ValidationError({"end": _("The event ends before it starts. Check the start and the end.")})


@transaction.atomic
def event_create(*, by: User, topics=(), **fields) -> Event:
    """Create an event for one of the organiser's centres."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    _check_event(by=by, centre=fields["centre"], place=fields.get("place"), start=fields["start"], end=fields["end"])
    event = Event.objects.create(created_by=by, **fields)
    event.topics.set(topics)
    return event


@transaction.atomic
def event_update(*, event: Event, by: User, topics=None, **fields) -> Event:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    event = Event.objects.select_for_update().get(pk=event.pk)
    for name, value in fields.items():
        setattr(event, name, value)
    _check_event(by=by, centre=event.centre, place=event.place, start=event.start, end=event.end)
    if event.capacity is not None and fields.get("capacity") is not None:
        registered = event.registered_count()
        if event.capacity < registered:
            raise ValidationError(
                {
                    "capacity": _("People registered so far: %(count)d. The capacity cannot be lower than that.")
                    % {"count": registered}
                }
            )
    event.save()
    if topics is not None:
        event.topics.set(topics)
    if "capacity" in fields:
        offer_next(event=event)  # a larger room: the places go to those waiting
    return event


# -- registrations --------------------------------------------------------------------------------


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    phone: str = "",
    email: str = "",
    adults: int = 1,
    children: int = 0,
    language: str = "",
    interpreter_needed: bool = False,
    source: str = Registration.Source.WEBSITE,
    submission_key: str = "",
    arrived: bool = False,
    waiting_list_ok: bool = False,
    member: User | None = None,
    by: User | None = None,
    now: datetime | None = None,
) -> Registration:
    """Register someone (no account needed). One registration per submission key; the event's row is
    locked while the places are counted, so two people cannot take the last place at once.

    When the places left are too few and `waiting_list_ok`, the registration joins the waiting list
    (in the order served: the time is read after the lock); otherwise it is refused."""
    digest = submission_hash("event-registration", submission_key) if submission_key else None
    if digest:
        existing = Registration.objects.filter(submission_hash=digest).first()
        if existing is not None:
            return existing
    event = Event.objects.select_for_update().get(pk=event.pk)
    now = now or timezone.now()  # read once the event is locked: the waiting list's order is the order served
    if not (name or "").strip():
        raise ValidationError({"name": _("Give a name or initials.")})
    if not phone and not email and source == Registration.Source.WEBSITE:
        raise ValidationError({"phone": _("Give a phone number or an e-mail address, so that we can reach you.")})
    if adults + children < 1:
        raise ValidationError({"adults": _("Say how many people will come: at least one.")})
    if event.is_over(now):
        raise ValidationError(_("This event is over: registration has closed."))
    if source == Registration.Source.WEBSITE and not event.takes_registrations:
        raise ValidationError(_("This event needs no registration: just come."))
    status = Registration.Status.REGISTERED
    if event.capacity is not None:
        left = event.capacity - event.registered_count()
        if adults + children > left and waiting_list_ok and not arrived:
            status = Registration.Status.WAITING
        elif left <= 0:
            raise ValidationError(_("This event is full: there are no places left."))
        elif adults + children > left:
            raise ValidationError(
                {"adults": _("Places left: %(left)d. Please register fewer people.") % {"left": left}}
            )
    try:
        with transaction.atomic():
            return Registration.objects.create(
                event=event,
                name=name.strip(),
                phone=phone or "",
                email=(email or "").strip(),
                adults=adults,
                children=children,
                language=language,
                interpreter_needed=interpreter_needed,
                member=member,
                source=source,
                status=status,
                arrived_at=now if arrived else None,
                submission_hash=digest,
                created_at=now,
            )
    except IntegrityError:
        existing = Registration.objects.filter(submission_hash=digest).first() if digest else None
        if existing is None:
            raise
        return existing


def registration_arrive(
    *, registration: Registration, by: User, now: datetime | None = None, on_paper: bool = False
) -> bool:
    """Mark a registration arrived. A conditional update: scanning twice counts once. True the first time.
    `on_paper`: taken after the event from the paper sign-in sheet (flagged as such)."""
    changed = Registration.objects.filter(pk=registration.pk, arrived_at__isnull=True).update(
        arrived_at=now or timezone.now(), arrived_on_paper=on_paper
    )
    registration.refresh_from_db(fields=["arrived_at", "arrived_on_paper"])
    return changed == 1


def registration_at_door(*, event: Event, by: User, **fields) -> Registration:
    """Register someone at the door and mark them arrived, in one step."""
    return registration_create(event=event, by=by, source=Registration.Source.DOOR, arrived=True, **fields)


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User | None = None, now: datetime | None = None):
    """Cancel a registration (or leave the waiting list); a place that frees goes to the first one waiting."""
    now = now or timezone.now()
    registration = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    if not registration.is_active:
        raise ValidationError(_("This registration has already been cancelled."))
    if registration.event.is_over(now):
        raise ValidationError(_("This event is over: registration has closed."))
    freed = registration.holds_place
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    if freed:
        offer_next(event=registration.event, now=now)
    return registration


def find_registration(*, reference: str, contact: str) -> Registration | None:
    """A visitor's registration by its reference and the phone or e-mail they gave (both must match)."""
    compact = (reference or "").strip().upper().replace(" ", "").replace("-", "")
    if not compact or not (contact or "").strip():
        return None
    registration = Registration.objects.select_related("event").filter(reference_compact=compact).first()
    if registration and waitlist.contact_matches(contact, phone=registration.phone, email=registration.email):
        return registration
    return None


# -- the waiting list (integra.core.waitlist, shared with courses) --------------------------------


def _free_places(event: Event) -> int:
    if event.capacity is None or event.has_started():
        return 0  # no list without a limit; no offers once the event has begun
    return event.capacity - event.registered_count()


def _send_offer(registration_id: int) -> None:
    from integra.events.tasks import send_offer  # noqa: PLC0415 - tasks import these services

    send_offer.enqueue(registration_id)


def _decline(*, entry: Registration, now: datetime | None = None) -> Registration:
    return registration_cancel(registration=entry, now=now)


QUEUE = waitlist.Queue(
    model=Registration,
    parent_field="event",
    accepted=Registration.Status.REGISTERED,
    free_places=_free_places,
    send_offer=_send_offer,
    leave=_decline,
    hours_setting="EVENT_OFFER_HOURS",
    salt=OFFER_SALT,
    size=lambda registration: registration.people,
    latest=lambda event: event.start,
    related=("event__centre", "event__place"),
    gone=(Registration.Status.EXPIRED, Registration.Status.CANCELLED),
)


def offer_next(*, event: Event, now: datetime | None = None) -> Registration | None:
    """Offer free places to the first ones waiting whose party fits, each with a deadline."""
    return waitlist.offer_next(QUEUE, parent=event, now=now)


def offer_token(registration: Registration) -> str:
    return waitlist.offer_token(QUEUE, registration)


def registration_for_offer_token(token: str) -> Registration | None:
    return waitlist.entry_for_offer_token(QUEUE, token)


def offer_accept(*, registration: Registration, now: datetime | None = None) -> Registration:
    return waitlist.offer_accept(QUEUE, entry=registration, now=now)


def offer_decline(*, registration: Registration, now: datetime | None = None) -> Registration:
    return waitlist.offer_decline(QUEUE, entry=registration, now=now)


def offers_expire(*, now: datetime | None = None) -> int:
    """Offers past their deadline lapse and the places go to the next ones; returns how many lapsed."""
    return waitlist.offers_expire(QUEUE, now=now)


def waiting_position(registration: Registration) -> int:
    return waitlist.position(QUEUE, registration)


# -- reminders ------------------------------------------------------------------------------------


def registrations_due_for_reminder(day: date | None = None):
    """Registrations holding a place at events starting on `day` (default tomorrow), not reminded yet."""
    day = day or timezone.localdate() + timedelta(days=1)
    start = datetime.combine(day, datetime.min.time(), tzinfo=timezone.get_current_timezone())
    return Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        reminded_at__isnull=True,
        event__start__gte=max(start, timezone.now()),
        event__start__lt=start + timedelta(days=1),
    ).exclude(phone="", email="")


def registrations_due_for_feedback(now: datetime | None = None):
    """Registrations of events that ended in the last two days, not asked yet, whose people came: those marked
    arrived when the event checked people in at the door, everyone holding a place when it did not. The day
    after, a message asks "was this useful for you?" with the card's link."""
    now = now or timezone.now()
    door_checked = Registration.objects.filter(event=OuterRef("event"), arrived_at__isnull=False)
    return (
        Registration.objects.filter(
            status=Registration.Status.REGISTERED,
            feedback_asked_at__isnull=True,
            event__end__gte=now - timedelta(days=2),
            event__end__lte=now,
        )
        .filter(Q(arrived_at__isnull=False) | ~Exists(door_checked))
        .exclude(phone="", email="", member__isnull=True)
    )


# -- series ---------------------------------------------------------------------------------------


def _add_months(day: date, months: int, wanted_day: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(wanted_day, calendar.monthrange(year, month)[1]))


def series_dates(*, first: date, frequency: str, until: date | None = None, count: int | None = None) -> list[date]:
    """The days a rule makes, from the first; stops at `until` or after `count`, and past SERIES_MAX + 1
    (so a rule making too many can be refused with how many it would make, up to that)."""
    if frequency not in Series.Frequency.values:
        raise ValidationError({"frequency": _("Choose every week or every month.")})
    if not until and not count:
        raise ValidationError({"until": _("Say until when the series runs, or how many times.")})
    if until and until < first:
        raise ValidationError({"until": _("The series ends before its first event. Check the dates.")})
    if count is not None and count < 1:
        raise ValidationError({"count": _("A series has at least one event.")})
    days = []
    while len(days) <= SERIES_MAX:
        n = len(days)
        day = first + timedelta(weeks=n) if frequency == Series.Frequency.WEEKLY else _add_months(first, n, first.day)
        if (until and day > until) or (count and n >= count):
            break
        days.append(day)
    return days


@transaction.atomic
def series_create(
    *, by: User, frequency: str, until: date | None = None, count: int | None = None, topics=(), **fields
) -> Series:
    """Make a series' events at once (e.g. a monthly information day): each a normal event, then edited
    on its own. Every event keeps the first one's local time of day, across summer time."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    _check_event(by=by, centre=fields["centre"], place=fields.get("place"), start=fields["start"], end=fields["end"])
    start, end = timezone.localtime(fields["start"]), timezone.localtime(fields["end"])
    days = series_dates(first=start.date(), frequency=frequency, until=until, count=count)
    if len(days) > SERIES_MAX:
        raise ValidationError(
            {"until": _("This rule makes more than %(max)d events. Choose an earlier end or fewer times.")
             % {"max": SERIES_MAX}}
        )  # fmt: skip
    series = Series.objects.create(frequency=frequency, until=until, count=count, created_by=by)
    zone = timezone.get_current_timezone()
    length = end - start
    for day in days:
        event_start = datetime.combine(day, start.time().replace(tzinfo=None), tzinfo=zone)
        event_fields = {**fields, "start": event_start, "end": event_start + length}
        event = Event.objects.create(created_by=by, series=series, **event_fields)
        event.topics.set(topics)
    return series


# -- door tally -----------------------------------------------------------------------------------


@transaction.atomic
def tally_change(*, event: Event, by: User, gender: str, age_band: str, delta: int, nationality: str = "") -> int:
    """Add one walk-in (+1) or take back a mistaken one (−1); returns the cell's new count. The
    nationality is optional ("" when the person did not say).

    Safe with several phones at once: the counter row is created once (unique constraint) and changed
    only by `count = count ± 1` in the database; taking one away is refused below zero."""
    if gender not in TALLY_GENDERS or age_band not in TALLY_AGE_BANDS:
        raise ValidationError(_("Choose a sex and an age band from the list."))
    _check_nationality(nationality)
    if delta not in (1, -1):
        raise ValidationError(_("A tally changes by one at a time."))
    where = {"event": event, "gender": gender, "age_band": age_band, "nationality": nationality}
    cell = TallyCount.objects.filter(**where)
    if delta > 0:
        counter, _created = TallyCount.objects.get_or_create(**where)
        TallyCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
    elif cell.filter(count__gt=0).update(count=F("count") - 1) != 1:
        raise ValidationError(_("This count is already zero: there is nobody to take away."))
    return cell.values_list("count", flat=True).get()


def _check_nationality(nationality: str) -> None:
    if nationality and nationality not in countries:
        raise ValidationError({"nationality": _("Choose a nationality from the list, or leave it empty.")})


# -- after the event: the paper sign-in sheet ---------------------------------------------------


def _check_held(event: Event, now: datetime | None = None) -> None:
    if not event.has_started(now):
        raise ValidationError(_("This event has not started yet: this can be entered once it has taken place."))


@transaction.atomic
def paper_attendance_set(
    *, event: Event, by: User, counts: dict[tuple[str, str], int], nationality: str = "", now: datetime | None = None
) -> int:
    """Enter how many signed the paper sheet, per (sex, age band), for one nationality ("" when the sheet
    does not say). The numbers replace what was entered before for that nationality, so sending the same
    form twice changes nothing. Returns the sheet's new total (every nationality)."""
    _check_held(event, now)
    _check_nationality(nationality)
    for (gender, band), count in counts.items():
        if gender not in TALLY_GENDERS or band not in TALLY_AGE_BANDS:
            raise ValidationError(_("Choose a sex and an age band from the list."))
        if count is None or count < 0:
            raise ValidationError(_("A number of people cannot be below zero."))
    Event.objects.select_for_update().filter(pk=event.pk).first()  # two staff entering the sheet: one after the other
    stamp = timezone.now()
    for (gender, band), count in counts.items():
        PaperAttendance.objects.update_or_create(
            event=event,
            gender=gender,
            age_band=band,
            nationality=nationality,
            defaults={"count": count, "entered_by": by, "entered_at": stamp},
        )
    PaperAttendance.objects.filter(event=event, count=0).delete()
    return sum(paper_attendance_table(event).values())


@transaction.atomic
def registrations_arrive_from_sheet(
    *, event: Event, by: User, references: list[str], now: datetime | None = None
) -> int:
    """Mark the registrations found on the paper sheet as arrived (flagged as from paper). Those already
    marked stay as they were. Returns how many were newly marked."""
    _check_held(event, now)
    wanted = Registration.objects.filter(event=event, reference__in=references, arrived_at__isnull=True)
    return wanted.update(arrived_at=event.start, arrived_on_paper=True)


# -- after the event: "was this useful for you?" ------------------------------------------------------


def _voter(registration: Registration) -> str:
    """A keyed hash of the registration: the same registration answers once, and the answer cannot be
    joined back to the name without the server's key."""
    return hmac.new(derive_key("events:feedback-voter"), str(registration.pk).encode(), hashlib.sha256).hexdigest()


def feedback_given(registration: Registration) -> bool:
    return Feedback.objects.filter(voter=_voter(registration)).exists()


@transaction.atomic
def feedback_record(
    *,
    event: Event,
    answer: str,
    comment: str = "",
    language: str = "",
    registration: Registration | None = None,
    now: datetime | None = None,
) -> Feedback:
    """Store one answer to the card. Nothing about the person is kept; through a registration's link the
    answer counts once (a second one is refused with a message)."""
    if answer not in Answer.values:
        raise ValidationError({"answer": _("Choose one of the three answers.")})
    if not event.has_started(now):
        raise ValidationError(_("This event has not taken place yet. You can tell us after it."))
    if registration is not None and registration.event_id != event.pk:
        raise ValidationError(_("This link is for another event."))
    voter = _voter(registration) if registration is not None else None
    already = _("You already answered for this event. Thank you!")
    if voter and Feedback.objects.filter(voter=voter).exists():
        raise ValidationError(already)
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                event=event,
                answer=answer,
                comment=(comment or "").strip()[:1000],
                language=language,
                voter=voter,
                created_at=now or timezone.now(),
            )
    except IntegrityError:
        raise ValidationError(already) from None


@transaction.atomic
def paper_feedback_set(
    *, event: Event, by: User, counts: dict[str, int], now: datetime | None = None
) -> dict[str, int]:
    """Enter the paper cards' tally: how many ticked each answer. The numbers replace the ones entered
    before, so sending the same form twice changes nothing."""
    _check_held(event, now)
    for answer, count in counts.items():
        if answer not in Answer.values:
            raise ValidationError({"answer": _("Choose one of the three answers.")})
        if count is None or count < 0:
            raise ValidationError(_("A number of cards cannot be below zero."))
    stamp = timezone.now()
    for answer, count in counts.items():
        PaperFeedback.objects.update_or_create(
            event=event, answer=answer, defaults={"count": count, "entered_by": by, "entered_at": stamp}
        )
    return feedback_summary(event)["paper"]


def feedback_summary(event: Event) -> dict:
    """Online and paper answers per answer, their total and the share that found it useful ("yes"; the
    "partly" answers are shown beside it, not counted as useful). Two queries."""
    online = {answer: 0 for answer in Answer.values}
    for answer, n in Feedback.objects.filter(event=event).values_list("answer").annotate(n=Count("pk")).order_by():
        online[answer] = n
    paper = {answer: 0 for answer in Answer.values}
    for answer, n in PaperFeedback.objects.filter(event=event).values_list("answer", "count"):
        paper[answer] = n
    both = {answer: online[answer] + paper[answer] for answer in Answer.values}
    total = sum(both.values())
    return {
        "online": online,
        "paper": paper,
        "both": both,
        "total": total,
        "useful_share": round(100 * both[Answer.YES] / total) if total else None,
    }
