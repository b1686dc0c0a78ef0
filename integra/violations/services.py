"""Everything that changes violation reports. Views, the API, commands and tasks call these."""

import secrets
from datetime import date, timedelta

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.accounts import roles
from integra.accounts.models import User
from integra.centres.models import Institution
from integra.core.crypto import submission_hash as core_submission_hash
from integra.violations import crypto
from integra.violations.models import Attachment, City, Message, OfficerKey, Report, ReportKey, RetentionRun
from integra.violations.uploads import CleanFile, max_total_bytes

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CONTENT_FIELDS = ("institution", "when", "when_text", "description", "phone", "email", "name")


def today() -> date:
    return timezone.localdate()


# -- officers' keys -----------------------------------------------------------------------------
def officers_with_keys():
    return OfficerKey.objects.filter(user__groups__name=roles.RIGHTS_OFFICER, user__is_active=True).select_related(
        "user"
    )


def channel_is_open() -> bool:
    """Reports can be sent only when at least one rights officer can read them."""
    return officers_with_keys().exists()


@transaction.atomic
def officer_keys_create(*, user, password: str) -> str:
    """A new key pair for a rights officer; returns the recovery key (show it once, never store it)."""
    if not user.has_role(roles.RIGHTS_OFFICER):
        raise ValidationError(_("Only rights officers have report keys."))
    if not user.check_password(password):
        raise ValidationError(_("The password is not right."))
    public, private = crypto.new_key_pair()
    recovery = crypto.new_recovery_key()
    params = crypto.argon2_params()
    password_salt, recovery_salt = crypto.new_salt(), crypto.new_salt()
    OfficerKey.objects.update_or_create(
        user=user,
        defaults={
            "public_key": public,
            "private_key_by_password": crypto.encrypt(crypto.derive_key(password, password_salt, params), private),
            "password_salt": password_salt,
            "private_key_by_recovery": crypto.encrypt(
                crypto.derive_key(crypto.normalise_recovery_key(recovery), recovery_salt, params), private
            ),
            "recovery_salt": recovery_salt,
            "kdf": params,
        },
    )
    return recovery


def officer_private_key(*, user, password: str) -> bytes:
    """The officer's private key, decrypted with their password (DecryptionError if it does not open)."""
    key = OfficerKey.objects.filter(user=user).first()
    if key is None:
        raise crypto.DecryptionError
    return crypto.decrypt(crypto.derive_key(password, bytes(key.password_salt), key.kdf), key.private_key_by_password)


@transaction.atomic
def officer_private_key_recover(*, user, recovery_key: str, password: str) -> bytes:
    """Open the private key with the recovery key and store it again under the (new) password."""
    key = OfficerKey.objects.select_for_update().filter(user=user).first()
    if key is None or not user.check_password(password):
        raise crypto.DecryptionError
    secret = crypto.normalise_recovery_key(recovery_key)
    private = crypto.decrypt(crypto.derive_key(secret, bytes(key.recovery_salt), key.kdf), key.private_key_by_recovery)
    key.password_salt = crypto.new_salt()
    key.private_key_by_password = crypto.encrypt(crypto.derive_key(password, key.password_salt, key.kdf), private)
    key.save(update_fields=["password_salt", "private_key_by_password"])
    return private


# -- submitting and finding a report -------------------------------------------------------------
def _reference() -> str:
    return "VR-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(7))


def _content(data: dict) -> dict:
    when = data.get("when")
    return {
        "institution": data.get("institution", ""),
        "when": when.isoformat() if when else "",
        "when_text": data.get("when_text", ""),
        "description": data.get("description", ""),
        "phone": str(data.get("phone") or ""),
        "email": data.get("email", ""),
        "name": data.get("name", ""),
    }


@transaction.atomic
def report_submit(
    *, data: dict, submission_key: str, channel: str = Report.Channel.ONLINE
) -> tuple[Report | None, str | None, bytes | None]:
    """Store a report (at most one per submission key). Returns (report, receipt, report key), or
    (None, None, None) when this submission was already stored."""
    submission_hash = core_submission_hash("violations", submission_key)
    if Report.objects.filter(submission_hash=submission_hash).exists():
        return None, None, None
    key = crypto.new_key()
    receipt = crypto.new_receipt()
    salt = crypto.new_salt()
    params = crypto.argon2_params()
    report = Report(
        reference=_reference(),
        category=data["category"],
        city=data["city"],
        institution_kind=data.get("institution_kind") or "",
        channel=channel,
        contact_by=data.get("contact_by") or Report.Contact.NONE,
        submitted_on=today(),
        submission_hash=submission_hash,
        receipt_tag=crypto.receipt_tag(receipt),
        receipt_hash=crypto.receipt_hash(receipt),
        receipt_salt=salt,
        receipt_kdf=params,
        key_for_reporter=crypto.encrypt(crypto.derive_key(receipt, salt, params), key),
        content=crypto.encrypt_json(key, _content(data)),
    )
    try:
        with transaction.atomic(), disable_auditlog():  # no record with a precise time of a reporter's action
            report.save()
    except IntegrityError:
        return None, None, None
    ReportKey.objects.bulk_create(
        [
            ReportKey(report=report, officer=k.user, sealed_key=crypto.seal(k.public_key, key))
            for k in officers_with_keys()
        ]
    )
    return report, receipt, key


def normalise_receipt(text: str) -> str:
    """The digits of a receipt as typed (spaces and dashes allowed); ValidationError otherwise."""
    cleaned = "".join(ch for ch in (text or "") if ch not in " -\u00a0")
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ValidationError(
            _("A receipt has only digits (16 of them). Check for letters or other signs."), code="letters"
        )
    if len(cleaned) != crypto.RECEIPT_DIGITS:
        raise ValidationError(_("A receipt has exactly 16 digits."), code="length")
    return cleaned


def report_find(*, receipt: str) -> tuple[Report, bytes] | None:
    """The report and its key for a receipt, or None. Wrong and unknown receipts cost the same:
    one Argon2 verification either way."""
    candidates = list(Report.objects.filter(receipt_tag=crypto.receipt_tag(receipt))[:2])
    if not candidates:
        crypto.receipt_verify(None, receipt)
        return None
    for report in candidates:
        if crypto.receipt_verify(report.receipt_hash, receipt):
            derived = crypto.derive_key(receipt, bytes(report.receipt_salt), report.receipt_kdf or None)
            key = crypto.decrypt(derived, report.key_for_reporter)
            return report, key
    return None


def report_key_for_officer(*, report: Report, user, private_key: bytes) -> bytes | None:
    sealed = ReportKey.objects.filter(report=report, officer=user).first()
    if sealed is None:
        return None
    try:
        return crypto.unseal(private_key, sealed.sealed_key)
    except crypto.DecryptionError:
        return None


# -- reading ----------------------------------------------------------------------------------------
def report_content(*, report: Report, key: bytes) -> dict:
    content = crypto.decrypt_json(key, report.content)
    return {name: content.get(name, "") for name in CONTENT_FIELDS}


def report_messages(*, report: Report, key: bytes, notes: bool) -> list[dict]:
    messages = report.messages.select_related("author")
    if not notes:
        messages = messages.exclude(kind=Message.Kind.NOTE)
    return [
        {"message": m, "kind": m.kind, "text": crypto.decrypt_text(key, m.body), "created_on": m.created_on}
        for m in messages
    ]


def report_attachments(*, report: Report, key: bytes) -> list[dict]:
    return [{"attachment": a, **crypto.decrypt_json(key, a.meta)} for a in report.attachments.all()]


def attachment_read(*, attachment: Attachment, key: bytes) -> tuple[dict, bytes]:
    with default_storage.open(attachment.blob.name, "rb") as handle:
        data = crypto.decrypt(key, handle.read())
    return crypto.decrypt_json(key, attachment.meta), data


# -- writing -----------------------------------------------------------------------------------------
@transaction.atomic
def message_add(*, report: Report, key: bytes, kind: str, text: str, author=None) -> Message:
    message = Message(report=report, kind=kind, author=author, body=crypto.encrypt_text(key, text), created_on=today())
    if kind == Message.Kind.REPORTER:
        with disable_auditlog():
            message.save()
    else:
        message.save()
    return message


@transaction.atomic
def attachments_add(*, report: Report, key: bytes, files: list[CleanFile], from_reporter: bool) -> list[Attachment]:
    """Store the (already checked) files encrypted; ValidationError if the report would pass the limit."""
    used = Report.objects.filter(pk=report.pk).aggregate(total=Sum("attachments__size"))["total"] or 0
    if used + sum(len(f.data) for f in files) > max_total_bytes():
        raise ValidationError(_("Files for one report can be at most 20 MB together."), code="too_big")
    stored = []
    for clean in files:
        name = default_storage.save(
            f"violations/{secrets.token_hex(16)}.bin", ContentFile(crypto.encrypt(key, clean.data))
        )
        attachment = Attachment(
            report=report,
            blob=name,
            meta=crypto.encrypt_json(key, {"name": clean.name, "content_type": clean.content_type}),
            size=len(clean.data),
            from_reporter=from_reporter,
            created_on=today(),
        )
        with disable_auditlog():
            attachment.save()
        stored.append(attachment)
    return stored


@transaction.atomic
def report_add_from_reporter(*, report: Report, key: bytes, text: str, files: list[CleanFile]) -> None:
    """The reporter's answer and/or files, together or not at all."""
    if files:
        attachments_add(report=report, key=key, files=files, from_reporter=True)
    if text:
        message_add(report=report, key=key, kind=Message.Kind.REPORTER, text=text)


@transaction.atomic
def report_triage(*, report: Report, status: str, referred_to=None) -> Report:
    report.status = status
    report.referred_to = referred_to if status == Report.Status.REFERRED else report.referred_to
    if status == Report.Status.CLOSED:
        report.closed_on = report.closed_on or today()
    else:
        report.closed_on = None
    report.save(update_fields=["status", "referred_to", "closed_on"])
    return report


@transaction.atomic
def report_reseal(*, by: User, private_key: bytes, to) -> int:
    """Share every report `by` can read with officer `to` (e.g. a new colleague). Returns how many."""
    target = OfficerKey.objects.get(user=to)
    done = 0
    have = set(ReportKey.objects.filter(officer=to).values_list("report_id", flat=True))
    for sealed in ReportKey.objects.filter(officer=by).exclude(report_id__in=have):
        key = crypto.unseal(private_key, sealed.sealed_key)
        ReportKey.objects.create(report_id=sealed.report_id, officer=to, sealed_key=crypto.seal(target.public_key, key))
        done += 1
    return done


# -- retention ------------------------------------------------------------------------------------------
def retention_days() -> int:
    return getattr(settings, "VIOLATIONS_RETENTION_DAYS", 90)


@transaction.atomic
def report_delete(*, report: Report) -> int:
    """Delete a report, its messages, keys and files (encrypted files first). Returns the files deleted."""
    names = list(report.attachments.values_list("blob", flat=True))
    report.delete()
    for name in names:
        transaction.on_commit(lambda name=name: default_storage.delete(name))
    return len(names)


@transaction.atomic
def retention_run(*, on: date | None = None) -> RetentionRun:
    """Delete reports closed more than the retention period ago; record how many, nothing else."""
    days = retention_days()
    cutoff = (on or today()) - timedelta(days=days)
    reports = files = 0
    for report in Report.objects.filter(status=Report.Status.CLOSED, closed_on__lte=cutoff):
        files += report_delete(report=report)
        reports += 1
    return RetentionRun.objects.create(reports_deleted=reports, files_deleted=files, retention_days=days)


# -- statistics ----------------------------------------------------------------------------------------
def statistics(*, minimum_cell: int = 0) -> dict:
    """Counts by category, city, kind of institution, month and status; no content is touched.

    Cells smaller than `minimum_cell` are shown as None ("fewer than …") so a rare combination
    cannot point to a person in figures that leave the team."""

    def rows(field, choices=None):
        counts = Report.objects.order_by().values(field).annotate(n=Count("pk")).order_by(field)
        labels = dict(choices or [])
        return [
            {
                "key": str(r[field]),
                "label": labels.get(r[field], r[field]) if choices else r[field],
                "count": r["n"] if r["n"] >= minimum_cell else None,
            }
            for r in counts
        ]

    months = (
        Report.objects.order_by()
        .annotate(month=TruncMonth("submitted_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return {
        "total": Report.objects.count(),
        "by_category": rows("category", Report.Category.choices),
        "by_city": rows("city", City.choices),
        "by_institution_kind": rows("institution_kind", [("", _("Not known")), *Institution.Kind.choices]),
        "by_status": rows("status", Report.Status.choices),
        "by_channel": rows("channel", Report.Channel.choices),
        "by_month": [
            {
                "key": f"{m['month']:%Y-%m}",
                "label": f"{m['month']:%Y-%m}",
                "count": m["n"] if m["n"] >= minimum_cell else None,
            }
            for m in months
        ],
    }
