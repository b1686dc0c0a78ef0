import secrets
from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from integra.accounts import roles
from integra.accounts.models import ApiToken, ClaimCode, User
from integra.core.i18n import pick


def roles_sync() -> None:
    """Create the role groups and give each exactly the permissions roles.py lists (idempotent).

    One query reads every permission (it runs after each migrate and after each test-database flush)."""
    permissions = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename")
    }
    for role, perm_names in roles.ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = [permissions[key] for key in (tuple(name.split(".")) for name in perm_names) if key in permissions]
        group.permissions.set(wanted)


@transaction.atomic
def member_create(*, username: str, email: str, password: str, language: str = "") -> User:
    """A member account for an immigrant (no staff role, no centre), active at once (demo data, tests)."""
    return User.objects.create_user(username=username, email=email, password=password, preferred_language=language)


SIGNUP_SALT = "integra.accounts.signup"
SIGNUP_MAX_AGE = 3 * 24 * 3600


def _pending_members():
    """Accounts created by sign-up whose owner has not yet followed the e-mail link."""
    return User.objects.filter(is_active=False, last_login__isnull=True, groups__isnull=True, username__startswith="m-")


@transaction.atomic
def member_signup(*, email: str, language: str, confirm_url: Callable[[str], str]) -> None:
    """Start a member account: whoever asks, the answer is the same — an e-mail to the address.

    A new address gets a link to choose a password and finish the account; an address that already
    has an account gets an e-mail saying so. The page never says which, so sign-up reveals no
    account. The password is chosen only after following the link, so nobody can set one for an
    address that is not theirs.
    """
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email, is_active=True).exists():
        template, context = "accounts/email/signup_exists.txt", {}
    else:
        user = _pending_members().filter(email__iexact=email).first()
        if user is None:
            user = User(username=f"m-{secrets.token_hex(8)}", email=email, is_active=False)
            user.set_unusable_password()
        user.preferred_language = language
        user.save()
        token = signing.dumps({"u": user.pk}, salt=SIGNUP_SALT)
        template, context = "accounts/email/signup_confirm.txt", {"link": confirm_url(token)}
    subject = gettext("Your Integra account")
    body = render_to_string(template, context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))


def member_signup_pending(*, token: str) -> User | None:
    """The account a sign-up link is for, or None for a wrong, used or expired link."""
    try:
        data = signing.loads(token, salt=SIGNUP_SALT, max_age=SIGNUP_MAX_AGE)
    except signing.BadSignature:
        return None
    return _pending_members().filter(pk=data.get("u")).first()


@transaction.atomic
def member_signup_confirm(*, user: User, password: str) -> User:
    """Finish the account the link was for: the chosen password, active from now on."""
    # Lock the row first (PostgreSQL cannot lock through the outer join that "no groups" needs), then
    # check it is still pending: two submits of the same link finish one account once.
    user = User.objects.select_for_update().get(pk=user.pk)
    if not _pending_members().filter(pk=user.pk).exists():
        raise User.DoesNotExist
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    return user


def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device a staff member is enrolling (a new secret each time it is restarted)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm an enrolling device with a code from it; logs the session in as verified."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    return True


def totp_verify(*, request, user: User, token: str) -> bool:
    """Check a code against the user's confirmed devices; a code is accepted only once."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            otp_login(request, device)
            return True
    return False


@transaction.atomic
def api_token_create(*, user: User, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new personal token; returns it and the key, which is shown once and never stored."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=ApiToken.hash_key(key), hint=key[:8], expires_at=expires_at
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_authenticate(key: str) -> User | None:
    """The active staff user behind a token key, or None."""
    if not key or not key.startswith(ApiToken.PREFIX):
        return None
    token = ApiToken.objects.active().select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- a member's own page: their data, downloaded or deleted (issue 17 item 4) -----------------------


def visiting_member(user) -> User | None:
    """The member account a record made on a public page belongs to: the signed-in visitor, shown on their
    own page (/my/); never a staff account (staff use the public pages on someone else's behalf)."""
    return user if user.is_authenticated and not user.is_staff_member else None


def member_bookings(user: User):
    from integra.consultations.models import Appointment

    return Appointment.objects.filter(member=user).select_related("centre", "topic").order_by("-start")


def member_questions(user: User):
    from django.db.models import Count

    from integra.forum.models import Question

    return (
        Question.objects.filter(member=user)
        .select_related("topic")
        .annotate(answer_count=Count("answers"))
        .order_by("-created_at")
    )


def member_questions_with_answers(user: User):
    """The member's questions with their answers (oldest first) in two queries."""
    from django.db.models import Prefetch

    from integra.forum.models import Answer

    return member_questions(user).prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("author").order_by("created_at", "pk"))
    )


def member_registrations(user: User):
    from integra.events.models import Registration

    return (
        Registration.objects.filter(member=user)
        .select_related("event__centre", "event__place")
        .order_by("-event__start", "-pk")
    )


def member_call_backs(user: User):
    from integra.hotline.models import CallBack

    return CallBack.objects.filter(member=user).select_related("topic").order_by("-created_at", "-pk")


@transaction.atomic
def member_preferences_update(*, user: User, notify_by: str, preferred_language: str) -> User:
    """How the member wants messages (SMS needs a confirmed phone, e-mail an address) and their language."""
    if notify_by == User.Notify.SMS and not user.phone:
        raise ValueError("no confirmed phone")
    user.notify_by = notify_by
    user.preferred_language = preferred_language
    user.save(update_fields=["notify_by", "preferred_language"])
    return user


def member_enrolments(user: User):
    from django.db.models import Count, Q

    from integra.courses.models import Attendance, Enrolment

    return (
        Enrolment.objects.filter(member=user)
        .select_related("group__course", "group__centre", "group__place", "certificate")
        .annotate(attended=Count("attendance", filter=Q(attendance__mark__in=Attendance.ATTENDED)))
        .order_by("-created_at")
    )


def member_data(user: User) -> dict:
    """Everything kept about a member, as plain data for "Download my data" (JSON)."""
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "phone": str(user.phone) if user.phone else "",
            "notify_by": user.notify_by,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "bookings": [
            {
                "reference": a.reference,
                "centre": a.centre.slug,
                "topic": a.topic.slug,
                "start": a.start.isoformat(),
                "end": a.end.isoformat(),
                "language": a.language,
                "interpreter_needed": a.interpreter_needed,
                "name": a.name,
                "phone": str(a.phone) if a.phone else "",
                "email": a.email,
                "status": a.status,
                "created_at": a.created_at.isoformat(),
                "cancelled_at": a.cancelled_at.isoformat() if a.cancelled_at else None,
            }
            for a in member_bookings(user)
        ],
        "questions": [
            {
                "id": q.pk,
                "title": q.title,
                "body": q.body,
                "topic": q.topic.slug,
                "language": q.language,
                "city": q.city,
                "status": q.status,
                "notify_by": q.notify_by,
                "email": q.email,
                "answers": [
                    {
                        "body": a.body,
                        "by": a.role_label,
                        "accepted": a.pk == q.accepted_answer_id,
                        "created_at": a.created_at.isoformat(),
                    }
                    for a in q.answers.all()
                ],
                "created_at": q.created_at.isoformat(),
            }
            for q in member_questions_with_answers(user)
        ],
        "course_enrolments": [
            {
                "reference": e.reference,
                "course": e.group.course.slug,
                "centre": e.group.centre.slug,
                "start_date": e.group.start_date.isoformat(),
                "end_date": e.group.end_date.isoformat(),
                "name": e.name,
                "phone": str(e.phone) if e.phone else "",
                "email": e.email,
                "language": e.language,
                "status": e.status,
                "entry_level": e.entry_level,
                "exit_level": e.exit_level,
                "attendance": [{"session": a.session.start.isoformat(), "mark": a.mark} for a in e.attendance.all()],
                "certificate": getattr(e, "certificate", None) and e.certificate.code,
                "created_at": e.created_at.isoformat(),
            }
            for e in member_enrolments(user).prefetch_related("attendance__session")
        ],
        "event_registrations": [
            {
                "reference": r.reference,
                "event": pick(r.event.title),
                "start": r.event.start.isoformat(),
                "place": r.event.place_name,
                "name": r.name,
                "phone": str(r.phone) if r.phone else "",
                "email": r.email,
                "adults": r.adults,
                "children": r.children,
                "language": r.language,
                "interpreter_needed": r.interpreter_needed,
                "arrived_at": r.arrived_at.isoformat() if r.arrived_at else None,
                "created_at": r.created_at.isoformat(),
            }
            for r in member_registrations(user)
        ],
        "call_backs": [
            {
                "reference": c.reference,
                "phone": c.phone,
                "first_name": c.first_name,
                "language": c.language,
                "topic": c.topic.slug if c.topic_id else "",
                "status": c.status,
                "asked_at": c.created_at.isoformat(),
                "closed_at": c.closed_at.isoformat() if c.closed_at else None,
            }
            for c in member_call_backs(user)
        ],
    }


@transaction.atomic
def member_delete(*, user: User) -> dict:
    """Erase a member's account: open bookings cancelled, name, e-mail and phone erased everywhere.

    What stays is anonymous: the bookings and questions themselves (no longer linked to anyone, with no
    name, e-mail or phone), so the centres' counts stay right. The account row is kept scrubbed and
    inactive (the append-only audit log refers to it), with nothing left that says who it was.
    """
    from auditlog.models import LogEntry

    from integra.consultations.models import Appointment
    from integra.consultations.services import appointment_cancel
    from integra.core.models import AuditEntry
    from integra.courses.models import Enrolment
    from integra.courses.services import enrolment_leave
    from integra.events.models import Registration
    from integra.forum.models import Question
    from integra.hotline.models import CallBack
    from integra.hotline.services import call_back_cancel

    user = User.objects.select_for_update().get(pk=user.pk)
    bookings = list(Appointment.objects.filter(member=user).select_related("centre", "topic"))
    cancelled_bookings = []
    for appointment in bookings:
        if appointment.can_change:
            appointment_cancel(appointment=appointment)
            cancelled_bookings.append(appointment)
    cancelled = len(cancelled_bookings)
    _tell_centres_of_cancellations(cancelled_bookings)
    Appointment.objects.filter(member=user).update(name="", phone="", email="", member=None)
    questions = Question.objects.filter(member=user).update(email="", member=None)
    left = 0
    for enrolment in member_enrolments(user):
        if enrolment.is_active:
            enrolment_leave(enrolment=enrolment)  # the place goes to the next on the waiting list
            left += 1
    enrolments = Enrolment.objects.filter(member=user).update(name="", phone="", email="", member=None)
    # Event registrations: a place at an event still to come is given back; past ones stay as counts.
    now = timezone.now()
    registrations = Registration.objects.filter(member=user)
    registrations_withdrawn, _per_model = registrations.filter(event__start__gt=now).delete()
    registrations_kept = registrations.update(name="", phone="", email="", member=None)
    # Call-backs: an open one is cancelled (its number and name are deleted on closing, as always).
    call_backs_cancelled = 0
    for call_back in CallBack.objects.select_for_update().filter(member=user, status__in=CallBack.OPEN_STATUSES):
        call_back_cancel(call_back=call_back, now=now)
        call_backs_cancelled += 1
    call_backs = CallBack.objects.filter(member=user).update(phone="", first_name="", member=None)
    ClaimCode.objects.filter(user=user).delete()
    figures = {
        "bookings": len(bookings),
        "bookings_cancelled": cancelled,
        "questions": questions,
        "course_enrolments": enrolments,
        "course_enrolments_left": left,
        "event_registrations_withdrawn": registrations_withdrawn,
        "event_registrations": registrations_kept,
        "call_backs": call_backs,
        "call_backs_cancelled": call_backs_cancelled,
    }
    AuditEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.DELETE,
        changes=None,
        object_repr=f"member {user.pk}",
        additional_data={"event": "member_account_deleted", **figures},
    )
    user.username = f"deleted-{secrets.token_hex(8)}"
    user.email = user.first_name = user.last_name = user.preferred_language = ""
    user.phone = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.api_tokens.all().delete()
    TOTPDevice.objects.filter(user=user).delete()
    return figures


def _tell_centres_of_cancellations(appointments) -> None:
    """A member deleting their account cancelled these bookings: each centre gets one e-mail (in the
    centre's working language, Bulgarian) with the times freed and the references, never the person's name.
    Sent to the centre's own address, or to its managers when the centre has none; after the commit."""
    from django.conf import settings
    from django.utils import translation

    by_centre: dict = {}
    for appointment in appointments:
        by_centre.setdefault(appointment.centre, []).append(appointment)
    for centre, cancelled in by_centre.items():
        recipients = [centre.email] if centre.email else _centre_manager_emails(centre)
        if not recipients:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "centre": centre,
                "appointments": sorted(cancelled, key=lambda a: a.start),
                "url": settings.SITE_PUBLIC_URL.rstrip("/") + reverse("staff:today"),
            }
            subject = render_to_string("accounts/messages/bookings_cancelled_subject.txt", context).strip()
            body = render_to_string("accounts/messages/bookings_cancelled.txt", context)
        transaction.on_commit(lambda s=subject, b=body, r=recipients: send_mail(s, b, None, r))


def _centre_manager_emails(centre) -> list[str]:
    return list(
        User.objects.filter(centres=centre, groups__name=roles.CENTRE_MANAGER, is_active=True, email__gt="")
        .values_list("email", flat=True)
        .distinct()
    )
