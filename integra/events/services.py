"""Events, registrations, check-in and the door tally: the one place where these change.

The organisers' pages, the public register form, the check-in phone pages, the API and the demo data
call these. Rules are raised as ValidationError (shown by the forms and the API in the user's language);
races are decided by the database: a registration locks its event's row to keep within capacity,
arriving is a conditional update, and the tally changes its counter with F() expressions.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.accounts.models import User
from integra.centres.models import Centre, Place
from integra.clients.models import AgeBand, Gender
from integra.core.crypto import submission_hash
from integra.events.models import Event, Registration, TallyCount

EVENT_FIELDS = (
    "kind", "title", "description", "centre", "place", "address", "start", "end", "languages",
    "interpretation", "capacity", "registration", "is_public",
)  # fmt: skip
TALLY_GENDERS = (Gender.FEMALE, Gender.MALE, Gender.OTHER)
TALLY_AGE_BANDS = tuple(AgeBand.values)


# -- reads ----------------------------------------------------------------------------------------


def get_event_for_user(user, pk: int) -> Event:
    """An event of the user's centres; another centre's event is a 404, like a missing one."""
    return get_object_or_404(Event.objects.for_user(user).with_details(), pk=pk)


def get_public_event(pk: int) -> Event:
    return get_object_or_404(Event.objects.public().with_details(), pk=pk)


def tally_table(event: Event) -> dict[tuple[str, str], int]:
    """{(gender, age band): count} for every cell of the door tally, zeros included (one query)."""
    table = {(gender, band): 0 for gender in TALLY_GENDERS for band in TALLY_AGE_BANDS}
    for gender, band, count in TallyCount.objects.filter(event=event).values_list("gender", "age_band", "count"):
        table[(gender, band)] = count
    return table


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
    by: User | None = None,
    now: datetime | None = None,
) -> Registration:
    """Register someone (no account needed). One registration per submission key; the event's row is
    locked while the places are counted, so two people cannot take the last place at once."""
    digest = submission_hash("event-registration", submission_key) if submission_key else None
    if digest:
        existing = Registration.objects.filter(submission_hash=digest).first()
        if existing is not None:
            return existing
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
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
    if event.capacity is not None:
        left = event.capacity - event.registered_count()
        if left <= 0:
            raise ValidationError(_("This event is full: there are no places left."))
        if adults + children > left:
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
                source=source,
                arrived_at=now if arrived else None,
                submission_hash=digest,
                created_at=now,
            )
    except IntegrityError:
        existing = Registration.objects.filter(submission_hash=digest).first() if digest else None
        if existing is None:
            raise
        return existing


def registration_arrive(*, registration: Registration, by: User, now: datetime | None = None) -> bool:
    """Mark a registration arrived. A conditional update: scanning twice counts once. True the first time."""
    changed = Registration.objects.filter(pk=registration.pk, arrived_at__isnull=True).update(
        arrived_at=now or timezone.now()
    )
    registration.refresh_from_db(fields=["arrived_at"])
    return changed == 1


def registration_at_door(*, event: Event, by: User, **fields) -> Registration:
    """Register someone at the door and mark them arrived, in one step."""
    return registration_create(event=event, by=by, source=Registration.Source.DOOR, arrived=True, **fields)


# -- door tally -----------------------------------------------------------------------------------


@transaction.atomic
def tally_change(*, event: Event, by: User, gender: str, age_band: str, delta: int) -> int:
    """Add one walk-in (+1) or take back a mistaken one (−1); returns the cell's new count.

    Safe with several phones at once: the counter row is created once (unique constraint) and changed
    only by `count = count ± 1` in the database; taking one away is refused below zero."""
    if gender not in TALLY_GENDERS or age_band not in TALLY_AGE_BANDS:
        raise ValidationError(_("Choose a sex and an age band from the list."))
    if delta not in (1, -1):
        raise ValidationError(_("A tally changes by one at a time."))
    cell = TallyCount.objects.filter(event=event, gender=gender, age_band=age_band)
    if delta > 0:
        counter, _created = TallyCount.objects.get_or_create(event=event, gender=gender, age_band=age_band)
        TallyCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
    elif cell.filter(count__gt=0).update(count=F("count") - 1) != 1:
        raise ValidationError(_("This count is already zero: there is nobody to take away."))
    return cell.values_list("count", flat=True).get()
