"""Claiming records made without an account (issue 17): a member asks for a one-time code sent to a phone or
e-mail, types it, and the bookings, questions, course enrolments, event registrations and call-backs made
with that phone (E.164) or e-mail without an account become theirs.

- The code is six digits; only an HMAC of it (under a key derived for this purpose, bound to the account and
  the code's row) is stored. It works for MEMBER_CLAIM_CODE_MINUTES and once.
- Three wrong codes lock claiming for the account for a while (core.ratelimit: a cache counter under a keyed
  hash of the account, no address stored anywhere), and the pending code is voided.
- Nothing tells whether records exist for a phone or e-mail before the code is confirmed: a code is sent
  whatever the database holds.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

import phonenumbers
from auditlog.models import LogEntry
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from integra.accounts.models import ClaimCode, User
from integra.core import ratelimit
from integra.core.crypto import derive_key
from integra.core.sms import SmsError, send_sms

NAMESPACE = "accounts-claim"


class ClaimError(Exception):
    """A claim refused; `reason` is one of "locked", "wrong", "expired", "none", "too_many", "not_sent"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Target:
    channel: str  # ClaimCode.Channel
    value: str  # E.164 number or e-mail address (lower case)


def target_parse(text: str) -> Target | None:
    """A phone number (Bulgaria by default, any country with +) or an e-mail address, or None."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    text = (text or "").strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            return None
        return Target(ClaimCode.Channel.EMAIL, text.lower())
    try:
        number = phonenumbers.parse(text, "BG")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return Target(ClaimCode.Channel.SMS, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _key() -> bytes:
    return derive_key("accounts:claim")


def _who(user: User) -> str:
    return f"member:{user.pk}"


def _limit(scope: str) -> tuple[int, int]:
    return settings.MEMBER_CLAIM_RATE_LIMITS[scope]


def _bucket(scope: str, who: str) -> str:
    return ratelimit.bucket(None, namespace=NAMESPACE, scope=scope, key=_key(), who=who)


def claim_locked(*, user: User) -> bool:
    """Whether three wrong codes were typed for this account within the lock's window."""
    limit, _window = _limit("wrong_code")
    return (cache.get(_bucket("wrong_code", _who(user))) or 0) >= limit


def _count(scope: str, who: str) -> bool:
    limit, window = _limit(scope)
    return ratelimit.allow(None, namespace=NAMESPACE, scope=scope, limit=limit, window=window, key=_key(), who=who)


def _code_hash(code_row_id: int, user_id: int, code: str) -> str:
    return hmac.new(_key(), f"{code_row_id}|{user_id}|{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def claim_code_send(*, user: User, target: Target) -> ClaimCode:
    """Send a new code to the phone or e-mail (in the member's language); earlier codes stop working."""
    if claim_locked(user=user):
        raise ClaimError("locked")
    if not _count("send", _who(user)) or not _count("target", f"{target.channel}:{target.value}"):
        raise ClaimError("too_many")
    now = timezone.now()
    ClaimCode.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    row = ClaimCode.objects.create(
        user=user,
        channel=target.channel,
        target=target.value,
        code_hash="-",
        created_at=now,
        expires_at=now + timedelta(minutes=settings.MEMBER_CLAIM_CODE_MINUTES),
    )
    row.code_hash = _code_hash(row.pk, user.pk, code)
    row.save(update_fields=["code_hash"])
    language = user.preferred_language if user.preferred_language in dict(settings.LANGUAGES) else None
    with translation.override(language or translation.get_language() or "bg"):
        context = {"code": code, "minutes": settings.MEMBER_CLAIM_CODE_MINUTES}
        # Sent inside the transaction: a code that could not be handed over leaves no row behind.
        try:
            if target.channel == ClaimCode.Channel.SMS:
                send_sms(target.value, render_to_string("accounts/messages/claim_code_sms.txt", context).strip())
            else:
                subject = render_to_string("accounts/messages/claim_code_subject.txt", context).strip()
                body = render_to_string("accounts/messages/claim_code.txt", context)
                send_mail(subject, body, None, [target.value])
        except (SmsError, OSError) as error:
            raise ClaimError("not_sent") from error
    return row


def claim_pending(*, user: User) -> ClaimCode | None:
    """The member's latest code not yet used (it may have expired)."""
    return ClaimCode.objects.filter(user=user, used_at__isnull=True).first()


def _claimable(target: Target) -> list[tuple[str, object]]:
    """(kind, queryset) of the records made without an account with this phone or e-mail."""
    from integra.consultations.models import Appointment
    from integra.courses.models import Enrolment
    from integra.events.models import Registration
    from integra.forum.models import Question
    from integra.hotline.callers import caller_hash
    from integra.hotline.models import CallBack

    if target.channel == ClaimCode.Channel.SMS:
        match = {"phone": target.value}
        kinds = [
            ("bookings", Appointment.objects.filter(**match)),
            ("questions", Question.objects.filter(**match)),
            ("course_enrolments", Enrolment.objects.filter(**match)),
            ("event_registrations", Registration.objects.filter(**match)),
            ("call_backs", CallBack.objects.filter(caller_hash=caller_hash(target.value))),
        ]
    else:
        match = {"email__iexact": target.value}
        kinds = [
            ("bookings", Appointment.objects.filter(**match)),
            ("questions", Question.objects.filter(**match)),
            ("course_enrolments", Enrolment.objects.filter(**match)),
            ("event_registrations", Registration.objects.filter(**match)),
        ]
    return [(kind, queryset.filter(member__isnull=True)) for kind, queryset in kinds]


def claim_confirm(*, user: User, code: str) -> dict[str, int]:
    """Check the code; when right, tie the records made with its phone or e-mail to the account and return
    how many of each kind. A wrong code is counted (outside any transaction: the lock must hold whatever
    happens next); the third locks claiming and voids the code."""
    if claim_locked(user=user):
        raise ClaimError("locked")
    row = claim_pending(user=user)
    if row is None:
        raise ClaimError("none")
    if row.is_expired():
        raise ClaimError("expired")
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if not hmac.compare_digest(row.code_hash, _code_hash(row.pk, user.pk, code)):
        _count("wrong_code", _who(user))
        if claim_locked(user=user):
            ClaimCode.objects.filter(pk=row.pk).update(used_at=timezone.now())
            raise ClaimError("locked")
        raise ClaimError("wrong")
    return claim_records(user=user, code_id=row.pk)


@transaction.atomic
def claim_records(*, user: User, code_id: int) -> dict[str, int]:
    """Use the confirmed code once (a double submit finds it used) and tie the matching records to the
    account. A member who confirmed a phone and has none on the account gets it, verified."""
    from integra.core.models import AuditEntry

    row = ClaimCode.objects.select_for_update().filter(pk=code_id, user=user, used_at__isnull=True).first()
    if row is None:
        raise ClaimError("none")
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    target = Target(row.channel, row.target)
    claimed = {kind: queryset.update(member=user) for kind, queryset in _claimable(target)}
    if target.channel == ClaimCode.Channel.SMS and not user.phone:
        User.objects.filter(pk=user.pk).update(phone=target.value)
        user.phone = target.value
    AuditEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes=None,
        object_repr=f"member {user.pk}",
        additional_data={"event": "member_records_claimed", "channel": target.channel, **claimed},
    )
    return claimed
