"""Courses, groups, enrolments, the waiting list, attendance and certificates: the one place where they change.

The public enrolment wizard, the trainers' pages, the API and the demo data call these. Rules are
raised as ValidationError (shown by the forms and the API in the user's language); races are decided
by the database: an enrolment locks its group's row while the places are counted, so 200 people
racing for the last 10 places make exactly 10 enrolments and a waiting list in arrival order.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.accounts.models import User
from integra.core import waitlist
from integra.core.crypto import submission_hash
from integra.courses.models import Attendance, Certificate, Course, Enrolment, Group, Session

OFFER_SALT = "integra.courses.offer"


# -- reads ----------------------------------------------------------------------------------------


def get_group_for_user(user, pk: int) -> Group:
    """A group of the user's centres (or one they train); another centre's group is a 404."""
    return get_object_or_404(Group.objects.for_user(user).with_details(), pk=pk)


def get_public_group(pk: int) -> Group:
    return get_object_or_404(Group.objects.public().with_details().with_counts(), pk=pk)


def find_enrolment(*, reference: str, contact: str) -> Enrolment | None:
    """A visitor's enrolment by its reference and the phone or e-mail they gave (both must match)."""
    reference = (reference or "").strip().upper()
    contact = (contact or "").strip()
    if not reference or not contact:
        return None
    enrolment = Enrolment.objects.select_related("group__course", "group__centre").filter(reference=reference).first()
    if enrolment is None:
        return None
    if waitlist.contact_matches(contact, phone=enrolment.phone, email=enrolment.email):
        return enrolment
    return None


def register_rows(group: Group):
    """The register of a group: its sessions, its learners, and {(session id, enrolment id): mark}.

    Three queries whatever the size of the group (pinned by a test)."""
    sessions = list(group.sessions.all())
    learners = list(group.enrolments.holding_place().order_by("name", "pk"))
    marks = {
        (a.session_id, a.enrolment_id): a
        for a in Attendance.objects.filter(session__group=group).only("session_id", "enrolment_id", "mark", "remark")
    }
    return sessions, learners, marks


def attendance_rates(group: Group) -> dict[int, tuple[int, int]]:
    """{enrolment id: (sessions attended, sessions held so far)} in one query (cancelled ones do not count)."""
    held = group.sessions.filter(cancelled=False, start__lte=timezone.now()).count()
    rows = (
        Attendance.objects.filter(session__group=group, session__cancelled=False, mark__in=Attendance.ATTENDED)
        .values("enrolment_id")
        .annotate(n=Count("pk"))
    )
    attended = {row["enrolment_id"]: row["n"] for row in rows}
    return {pk: (attended.get(pk, 0), held) for pk in group.enrolments.values_list("pk", flat=True)}


# -- groups and sessions --------------------------------------------------------------------------


@transaction.atomic
def sessions_schedule(
    *,
    group: Group,
    by: User | None,
    weekdays: list[int],
    starts_at: time,
    minutes: int,
    skip: set[date] = frozenset(),
) -> list[Session]:
    """Create the group's sessions on these weekdays (0 = Monday) from its first to its last day.

    A skipped day (a holiday) becomes a cancelled session, so the register shows why nobody met."""
    if minutes <= 0:
        raise ValidationError({"minutes": _("A session lasts at least one minute.")})
    tz = timezone.get_current_timezone()
    made = []
    day = group.start_date
    while day <= group.end_date:
        if day.weekday() in weekdays:
            start = datetime.combine(day, starts_at, tzinfo=tz)
            session, _created = Session.objects.get_or_create(
                group=group,
                start=start,
                defaults={"end": start + timedelta(minutes=minutes), "cancelled": day in skip},
            )
            made.append(session)
        day += timedelta(days=1)
    return made


@transaction.atomic
def course_save(*, by: User, course: Course | None = None, **fields) -> Course:
    """Create a course, or change one (its translations replaced by the ones given)."""
    course = course or Course()
    for name, value in fields.items():
        setattr(course, name, value)
    course.full_clean()
    course.save()
    return course


def public_holidays(first: date, last: date) -> set[date]:
    """Bulgarian public holidays (Orthodox Easter included) between two days, from the `holidays` package."""
    import holidays  # noqa: PLC0415 - only when a schedule is made

    days = holidays.country_holidays("BG", years=range(first.year, last.year + 1))
    return {day for day in days if first <= day <= last}


@transaction.atomic
def group_create(
    *,
    by: User,
    weekdays: list[int],
    starts_at: time,
    minutes: int,
    skip_public_holidays: bool = True,
    **fields,
) -> Group:
    """A new group and its sessions; a public holiday on one of its days is kept as a cancelled session."""
    if not weekdays:
        raise ValidationError({"weekdays": _("Choose the days the group meets.")})
    group = Group(**fields)
    group.full_clean()
    group.save()
    skip = public_holidays(group.start_date, group.end_date) if skip_public_holidays else set()
    sessions_schedule(group=group, by=by, weekdays=weekdays, starts_at=starts_at, minutes=minutes, skip=skip)
    return group


# -- enrolments -----------------------------------------------------------------------------------


def _overlapping(group: Group, *, phone: str, email: str, member: User | None) -> bool:
    """The same person holds or waits for a place in another group meeting at the same time."""
    person = Q()
    if phone:
        person |= Q(phone=phone)
    if email:
        person |= Q(email__iexact=email)
    if member is not None:
        person |= Q(member=member)
    if not person:
        return False
    theirs = Enrolment.objects.filter(person, status__in=Enrolment.ACTIVE).exclude(group=group).values("group_id")
    clash = Session.objects.filter(group=group, cancelled=False, start__lt=OuterRef("end"), end__gt=OuterRef("start"))
    return Session.objects.filter(group_id__in=theirs, cancelled=False).filter(Exists(clash)).exists()


@transaction.atomic
def enrolment_create(
    *,
    group: Group,
    name: str,
    phone: str = "",
    email: str = "",
    language: str = "",
    gender: str = "",
    age_band: str = "",
    nationality: str = "",
    member: User | None = None,
    client=None,
    waiting_list_ok: bool = True,
    source: str = Enrolment.Source.WEBSITE,
    submission_key: str = "",
    by: User | None = None,
    now: datetime | None = None,
) -> Enrolment:
    """Enrol someone (no account needed), or put them on the waiting list when the group is full.

    One enrolment per submission key. The group's row is locked while its places are counted, so the
    last place goes to one person only and the waiting list keeps the order people arrived in."""
    digest = submission_hash("course-enrolment", submission_key) if submission_key else None
    if digest:
        existing = Enrolment.objects.filter(submission_hash=digest).first()
        if existing is not None:
            return existing
    group = Group.objects.select_for_update().get(pk=group.pk)
    now = now or timezone.now()  # read once the group is locked: the waiting list's order is the order served
    phone, email = str(phone or ""), (email or "").strip()
    if not (name or "").strip():
        raise ValidationError({"name": _("Give your name as it should appear on the certificate.")})
    if not phone and not email and source == Enrolment.Source.WEBSITE:
        raise ValidationError({"phone": _("Give a phone number or an e-mail address, so that we can reach you.")})
    if source == Enrolment.Source.WEBSITE and not group.enrolment_open(timezone.localdate(now)):
        raise ValidationError(_("Enrolment for this group is closed."))
    if _overlapping(group, phone=phone, email=email, member=member):
        raise ValidationError(
            _("You already have a place in a group that meets at the same time. Leave that group first.")
        )
    full = group.enrolments.holding_place().count() >= group.capacity
    if full and not waiting_list_ok:
        raise ValidationError(_("This group is full: there are no places left."))
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                group=group,
                name=name.strip(),
                phone=phone,
                email=email,
                language=language,
                gender=gender or Enrolment._meta.get_field("gender").default,
                age_band=age_band,
                nationality=nationality,
                member=member,
                client=client,
                status=Enrolment.Status.WAITING if full else Enrolment.Status.ENROLLED,
                source=source,
                submission_hash=digest,
                created_at=now,
            )
    except IntegrityError:
        existing = Enrolment.objects.filter(submission_hash=digest).first() if digest else None
        if existing is None:
            raise
        return existing


def _send_offer(enrolment_id: int) -> None:
    from integra.courses.tasks import send_offer  # noqa: PLC0415 - tasks import these services

    send_offer.enqueue(enrolment_id)


def _free_places(group: Group) -> int:
    return group.capacity - group.enrolments.holding_place().count()


def _leave(*, entry: Enrolment, now: datetime | None = None) -> Enrolment:
    return enrolment_leave(enrolment=entry, now=now)


# The courses' waiting list, kept by the shared integra.core.waitlist (events use the same code).
QUEUE = waitlist.Queue(
    model=Enrolment,
    parent_field="group",
    accepted=Enrolment.Status.ENROLLED,
    free_places=_free_places,
    send_offer=_send_offer,
    leave=_leave,
    hours_setting="COURSE_OFFER_HOURS",
    salt=OFFER_SALT,
    related=("group__course", "group__centre"),
    gone=(Enrolment.Status.EXPIRED, Enrolment.Status.LEFT),
)


def offer_token(enrolment: Enrolment) -> str:
    """The link's token: signed (not stored), valid only for this offer and until its deadline."""
    return waitlist.offer_token(QUEUE, enrolment)


def enrolment_for_offer_token(token: str) -> Enrolment | None:
    return waitlist.entry_for_offer_token(QUEUE, token)


def offer_next(*, group: Group, now: datetime | None = None) -> Enrolment | None:
    """Offer each free place to the first on the waiting list, with a deadline; the message is sent after commit."""
    return waitlist.offer_next(QUEUE, parent=group, now=now)


def offer_accept(*, enrolment: Enrolment, now: datetime | None = None) -> Enrolment:
    return waitlist.offer_accept(QUEUE, entry=enrolment, now=now)


def offer_decline(*, enrolment: Enrolment, now: datetime | None = None) -> None:
    waitlist.offer_decline(QUEUE, entry=enrolment, now=now)


def offers_expire(*, now: datetime | None = None) -> int:
    """Offers past their deadline lapse and the place goes to the next person; returns how many lapsed."""
    return waitlist.offers_expire(QUEUE, now=now)


@transaction.atomic
def enrolment_leave(*, enrolment: Enrolment, by: User | None = None, now: datetime | None = None) -> Enrolment:
    """Leave a course (or the waiting list); a place that frees goes to the first one waiting."""
    now = now or timezone.now()
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in Enrolment.ACTIVE:
        raise ValidationError(_("This enrolment has already ended."))
    freed = enrolment.status in Enrolment.HOLDS_PLACE
    enrolment.status = Enrolment.Status.LEFT
    enrolment.left_at = now
    enrolment.save(update_fields=["status", "left_at"])
    if freed:
        offer_next(group=enrolment.group, now=now)
    return enrolment


@transaction.atomic
def levels_record(*, enrolment: Enrolment, by: User, entry_level=None, entry_score=None, exit_level=None) -> Enrolment:
    fields = []
    for name, value in (("entry_level", entry_level), ("entry_score", entry_score), ("exit_level", exit_level)):
        if value is not None:
            setattr(enrolment, name, value)
            fields.append(name)
    enrolment.save(update_fields=fields)
    return enrolment


# -- attendance -----------------------------------------------------------------------------------


def attendance_mark(
    *,
    session: Session,
    enrolment: Enrolment,
    mark: str,
    by: User,
    remark: str = "",
    from_paper: bool = False,
    now: datetime | None = None,
) -> Attendance:
    """One mark per learner and session, changed in place when marked again (a register saved row by row)."""
    now = now or timezone.now()
    if enrolment.group_id != session.group_id or not enrolment.holds_place:
        raise ValidationError(_("This person is not a learner of this group."))
    if mark not in Attendance.Mark.values:
        raise ValidationError({"mark": _("Choose present, late, excused or absent.")})
    if session.cancelled:
        raise ValidationError(_("This session was cancelled: there is no attendance to mark."))
    if not session.has_started(now):
        raise ValidationError(_("This session has not happened yet: attendance can be marked once it starts."))
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        enrolment=enrolment,
        defaults={"mark": mark, "remark": remark.strip(), "marked_by": by, "marked_at": now, "from_paper": from_paper},
    )
    return attendance


# -- completion and certificates ------------------------------------------------------------------


def completion_missing(enrolment: Enrolment, *, attended: int, held: int) -> list[str]:
    """What the learner still lacks to complete the course (empty when they meet the rule)."""
    course = enrolment.group.course
    missing = []
    share = round(100 * attended / held) if held else 0
    if not held or share < course.completion_attendance:
        missing.append(
            _("Attendance %(share)d%%: %(needed)d%% is needed.")
            % {"share": share, "needed": course.completion_attendance}
        )
    if course.completion_needs_exit_level and not enrolment.exit_level:
        missing.append(_("The exit assessment has not been recorded."))
    return missing


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, by: User, name_as_printed: str = "", language: str = "") -> Certificate:
    enrolment = Enrolment.objects.select_for_update().select_related("group__course").get(pk=enrolment.pk)
    if hasattr(enrolment, "certificate"):
        return enrolment.certificate
    attended, held = attendance_rates(enrolment.group).get(enrolment.pk, (0, 0))
    missing = completion_missing(enrolment, attended=attended, held=held)
    if missing:
        raise ValidationError(missing)
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.save(update_fields=["status"])
    return Certificate.objects.create(
        enrolment=enrolment,
        name_as_printed=(name_as_printed or enrolment.name).strip(),
        language=language or enrolment.language,
        issued_by=by,
    )


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    certificate.revoked_at = certificate.revoked_at or timezone.now()
    certificate.revoked_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    return certificate


def certificate_code(typed: str) -> str:
    """A code as typed from paper (lower case, spaces, no dash) in its printed form ABCDE-FGH23."""
    code = (typed or "").strip().upper().replace(" ", "")
    if len(code) == 10 and "-" not in code:
        code = f"{code[:5]}-{code[5:]}"
    return code


def certificate_lookup(code: str) -> Certificate | None:
    code = certificate_code(code)
    return (
        Certificate.objects.select_related("enrolment__group__course", "enrolment__group__centre")
        .filter(code=code)
        .first()
    )
