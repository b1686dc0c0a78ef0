"""Client files: create, change, consent, share between centres, export and erase (data-subject rights)."""

from datetime import date

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.accounts.models import User
from integra.clients.models import NETWORK_CASE_ROLES, Client, ClientShare, Consent
from integra.core.audit import log_read
from integra.core.models import AuditEntry

CLIENT_FIELDS = ("name", "phone", "email", "nationality", "gender", "year_of_birth", "languages", "residence_status")


class SharingRefused(Exception):
    """Sharing a file with another centre needs the client's consent or a centre manager's logged override."""


def get_client_for_user(user, reference: str, *, log: bool = True) -> Client:
    """The client file if the user may see it (404 otherwise, as for a missing one); logs the opening."""
    client = get_object_or_404(
        Client.objects.for_user(user).select_related("centre").prefetch_related("consents", "shares__centre"),
        reference__iexact=reference,
    )
    if log:
        log_read(client)
    return client


def client_access_history(client: Client, limit: int = 50):
    """Who opened the file and when (newest first), for the centre manager."""
    return (
        AuditEntry.objects.get_for_object(client)
        .filter(action=LogEntry.Action.ACCESS)
        .select_related("actor")
        .order_by("-timestamp")[:limit]
    )


@transaction.atomic
def client_create(*, centre, by: User, **fields) -> Client:
    client = Client(centre=centre, created_by=by, **{k: v for k, v in fields.items() if k in CLIENT_FIELDS})
    client.save()
    return client


@transaction.atomic
def client_update(*, client: Client, **fields) -> Client:
    if client.is_erased:
        raise PermissionDenied(_("This client file was erased."))
    for key, value in fields.items():
        if key in CLIENT_FIELDS:
            setattr(client, key, value)
    client.save()
    return client


@transaction.atomic
def consent_record(*, client: Client, purpose: str, version: str, given_on: date, method: str, by: User) -> Consent:
    return Consent.objects.create(
        client=client, purpose=purpose, version=version, given_on=given_on, method=method, recorded_by=by
    )


@transaction.atomic
def consent_withdraw(*, consent: Consent, on: date | None = None) -> Consent:
    if consent.withdrawn_on is None:
        consent.withdrawn_on = on or timezone.localdate()
        consent.save(update_fields=["withdrawn_on"])
    still_consents = Consent.objects.filter(
        client_id=consent.client_id, purpose=Consent.Purpose.SHARING, withdrawn_on__isnull=True
    ).exists()  # asked of the database: the client object may carry consents prefetched before this change
    if consent.purpose == Consent.Purpose.SHARING and not still_consents:
        # Without consent the file goes back to its own centre, except where a manager overrode.
        ClientShare.objects.filter(client_id=consent.client_id, override_reason="").delete()
    return consent


@transaction.atomic
def client_share(*, client: Client, centre, by: User, override_reason: str = "") -> ClientShare:
    """Make the file visible to another centre: with consent to sharing, or a manager's override with a reason."""
    if centre.pk == client.centre_id:
        raise SharingRefused(_("The file already belongs to this centre."))
    override_reason = override_reason.strip()
    if not client.has_consent(Consent.Purpose.SHARING):
        if not override_reason:
            raise SharingRefused(
                _("The client has not consented to sharing. A centre manager can override with a reason.")
            )
        if not (by.has_perm("clients.override_sharing") and by.centres.filter(pk=client.centre_id).exists()):
            raise SharingRefused(_("Only a manager of the client's centre can share without consent."))
    share, _created = ClientShare.objects.get_or_create(
        client=client, centre=centre, defaults={"shared_by": by, "override_reason": override_reason}
    )
    return share


class ExportScope:
    STAFF = "staff"  # what the requesting member of staff may read (the consultation pages' rule)
    DATA_SUBJECT = "data_subject"  # everything, for handing to the person themself


def client_export(*, client: Client, user) -> dict:
    """One client file as plain data, with only the consultations the user may open.

    The consultations go through `Consultation.objects.for_user`, the helper the consultation pages
    and the API use: a centre a file is shared with sees the file, never another centre's notes.
    """
    from integra.consultations.models import Consultation  # noqa: PLC0415 - consultations depends on clients

    return _export_data(client, Consultation.objects.for_user(user).filter(client=client), scope=ExportScope.STAFF)


def may_export_for_data_subject(user, client: Client) -> bool:
    """Only staff of the file's own centre holding the export permission; no role or superuser reaches past it."""
    return (
        user.is_authenticated
        and user.has_perm("clients.export_client")
        and client.centre_id in set(user.centres.values_list("pk", flat=True))
    )


def may_erase(user, client: Client) -> bool:
    """Erasing wipes every centre's notes on the file: its own centre's managers or a coordinator only,
    never a centre the file is merely shared with."""
    return user.has_perm("clients.export_client") and (
        user.has_role(*NETWORK_CASE_ROLES) or may_export_for_data_subject(user, client)
    )


@transaction.atomic
def client_export_for_data_subject(*, client: Client, by: User, export_format: str) -> dict:
    """Everything kept about the client, every centre's consultations included, for handing to the person.

    A separate, explicit action of the file's own centre; each one is an ACCESS entry in the audit log
    marked `{"event": "data_subject_export", "format": ...}`.
    """
    if not may_export_for_data_subject(by, client):
        raise PermissionDenied
    AuditEntry.objects.log_create(
        client,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes=None,
        additional_data={"event": "data_subject_export", "format": export_format},
    )
    return _export_data(client, client.consultations.all(), scope=ExportScope.DATA_SUBJECT)


def client_data(client: Client) -> dict:
    """The file itself and its consents as plain data: what the exports and the API show of a file."""
    return {
        "reference": client.reference,
        "centre": client.centre.slug,
        "name": client.name,
        "phone": str(client.phone or ""),
        "email": client.email,
        "nationality": client.nationality.code or "",
        "gender": client.gender,
        "year_of_birth": client.year_of_birth,
        "languages": client.languages,
        "residence_status": client.residence_status,
        "created_at": client.created_at.isoformat(),
        "consents": [
            {
                "purpose": c.purpose,
                "version": c.version,
                "given_on": c.given_on.isoformat(),
                "method": c.method,
                "withdrawn_on": c.withdrawn_on.isoformat() if c.withdrawn_on else None,
            }
            for c in client.consents.all()
        ],
    }


def _export_data(client: Client, consultations, *, scope: str) -> dict:
    consultations = (
        consultations.select_related("centre", "consultant")
        .prefetch_related("topics", "referrals__institution", "follow_ups")
        .order_by("held_on", "pk")
    )
    return client_data(client) | {
        "scope": scope,
        "shared_with": [s.centre.slug for s in client.shares.select_related("centre")],
        "consultations": [
            {
                "date": c.held_on.isoformat(),
                "centre": c.centre.slug,
                "channel": c.channel,
                "topics": [t.slug for t in c.topics.all()],
                "language": c.language,
                "interpreting": c.interpreting,
                "duration_minutes": c.duration_minutes,
                "outcome": c.outcome,
                "notes": c.notes,
                "referrals": [
                    {
                        "institution": r.institution.slug,
                        "reason": r.reason,
                        "date": r.sent_on.isoformat(),
                        "status": r.status,
                        "outcome": r.outcome,
                    }
                    for r in c.referrals.all()
                ],
                "follow_ups": [{"task": f.task, "due_on": f.due_on.isoformat()} for f in c.follow_ups.all()],
            }
            for c in consultations
        ],
    }


@transaction.atomic
def client_erase(*, client: Client, by: User) -> Client:
    """Anonymise: identity, contact, consents and free text go; consultations stay counted without identity.

    Each consultation keeps (or gets) the demographics used in the figures: nationality, gender and age band.
    """
    if not may_erase(by, client):
        raise PermissionDenied
    age_band = client.age_band
    for consultation in client.consultations.all():
        consultation.nationality = consultation.nationality or client.nationality
        consultation.gender = client.gender if consultation.gender == "undisclosed" else consultation.gender
        consultation.age_band = consultation.age_band or age_band
        consultation.notes = ""
        consultation.client = None
        consultation.save(update_fields=["nationality", "gender", "age_band", "notes", "client"])
        consultation.referrals.update(reason="", outcome="")
        consultation.follow_ups.update(task=_("(erased)"))
    client.consents.all().delete()
    client.shares.all().delete()
    client.name = ""
    client.phone = ""
    client.email = ""
    client.year_of_birth = None
    client.languages = []
    client.nationality = ""
    client.gender = "undisclosed"
    client.residence_status = "unknown"
    client.erased_at = timezone.now()
    client.save()
    return client
