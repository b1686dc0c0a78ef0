"""One person across channels (issue 17 item 5): a client file's timeline, the candidates for linking and
linking/unlinking with the client's consent.

- The timeline brings together what is on the file directly (consultations, hotline calls, interpreting
  requests and their sessions, course enrolments with their attendance) and what was linked with consent
  (bookings, questions, event registrations, enrolments, call-backs). Each kind is shown only to staff allowed
  to see that kind, through that kind's own scoping queryset (another centre's record stays out). One query
  per kind, so the page costs a constant number of queries.
- Candidates: records whose phone (normalised to E.164) or e-mail (lower case) matches the file's. Call-backs
  are matched by the keyed hash of the number (hotline.callers.caller_hash), which stays after the number is
  erased on closing. Only kinds the user may see are searched.
- Linking needs the client's active consent to linking, recorded on the file; unlinking needs the client to
  have asked. Both are audit-logged and reversible (an unlinked row stays, marked, and can be linked again).
"""

from dataclasses import dataclass
from datetime import datetime, time

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integra.accounts.models import User
from integra.clients.models import Client, ClientLink, Consent
from integra.core.i18n import pick

Kind = ClientLink.Kind

# Who may see each linked kind (besides that kind's own scoping queryset).
KIND_PERMISSION = {
    Kind.BOOKING: "consultations.view_appointment",
    Kind.QUESTION: "forum.answer_question",
    Kind.REGISTRATION: "events.view_registration",
    Kind.ENROLMENT: "courses.view_enrolment",
    Kind.CALL_BACK: "hotline.view_callback",
}


@dataclass
class Item:
    when: datetime
    kind: str  # a label, translated
    title: str
    detail: str = ""
    url: str = ""
    link: ClientLink | None = None  # set for linked records: they can be unlinked


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0)))


def _visible_kinds(user: User) -> list[str]:
    return [kind for kind, permission in KIND_PERMISSION.items() if user.has_perm(permission)]


def _querysets(user: User) -> dict:
    """Each linkable kind's records this user may see (its own scoping rule), with what the timeline shows."""
    from integra.consultations.models import Appointment
    from integra.courses.models import Attendance, Enrolment
    from integra.events.models import Registration
    from integra.forum.models import Question
    from integra.hotline.models import CallBack

    attended = Count("attendance", filter=Q(attendance__mark__in=Attendance.ATTENDED), distinct=True)
    return {
        Kind.BOOKING: Appointment.objects.for_user(user).select_related("centre", "topic"),
        Kind.QUESTION: Question.objects.select_related("topic").annotate(answer_count=Count("answers")),
        Kind.REGISTRATION: Registration.objects.for_user(user).select_related("event__centre", "event__place"),
        Kind.ENROLMENT: Enrolment.objects.for_user(user)
        .select_related("group__course", "group__centre", "group__place")
        .annotate(attended=attended),
        Kind.CALL_BACK: CallBack.objects.for_user(user).select_related("topic"),
    }


def _linked_item(kind: str, record, link: ClientLink | None) -> Item:
    label = str(Kind(kind).label)
    if kind == Kind.BOOKING:
        return Item(
            record.start, label, f"{record.reference} · {record.centre}", record.get_status_display(), link=link
        )
    if kind == Kind.QUESTION:
        detail = record.get_status_display()
        url = reverse("forum_staff:question", args=[record.pk])
        return Item(record.created_at, label, record.title, detail, url, link)
    if kind == Kind.REGISTRATION:
        title = f"{pick(record.event.title)} · {record.reference}"
        return Item(record.event.start, label, title, _("came") if record.arrived_at else "", link=link)
    if kind == Kind.ENROLMENT:
        title = f"{pick(record.group.course.title)} · {record.group.place_name} · {record.reference}"
        detail = f"{record.get_status_display()} · " + ngettext(
            "attended %(count)s session", "attended %(count)s sessions", record.attended
        ) % {"count": record.attended}
        return Item(record.created_at, label, title, detail, link=link)
    return Item(record.created_at, label, record.reference, record.get_status_display(), link=link)


def client_timeline(*, client: Client, user: User) -> list[Item]:
    """Everything about this person the user may see, newest first, in a constant number of queries."""
    from integra.consultations.models import Consultation
    from integra.hotline.models import Call
    from integra.interpreting.models import Request

    items: list[Item] = []
    for c in (
        Consultation.objects.for_user(user).filter(client=client).select_related("centre").prefetch_related("topics")
    ):
        topics = ", ".join(pick(t.name) for t in c.topics.all())
        items.append(
            Item(
                _at(c.held_on),
                _("Consultation"),
                f"{c.get_channel_display()} · {c.centre}",
                topics,
                reverse("consultations_staff:detail", args=[c.pk]),
            )
        )
    if user.has_perm("hotline.view_call"):
        for call in Call.objects.for_user(user).filter(client=client).select_related("hotline"):
            items.append(
                Item(
                    call.started_at,
                    _("Hotline call"),
                    str(call.hotline or ""),
                    call.get_outcome_display() if call.outcome else "",
                    reverse("hotline_staff:call", args=[call.pk]),
                )
            )
    for request in Request.objects.for_user(user).filter(client=client).select_related("session"):
        session = getattr(request, "session", None)
        detail = request.get_status_display()
        if session is not None:
            detail += " · " + session.get_outcome_display()
        items.append(
            Item(
                request.starts_at,
                _("Interpreting"),
                f"{request.job_number} · {request.get_language_display()}",
                detail,
                reverse("interpreting_staff:detail", args=[request.pk]),
            )
        )
    querysets = _querysets(user)
    visible = _visible_kinds(user)
    if Kind.ENROLMENT in visible:  # enrolled at a desk with consent to link (courses put them on the file)
        for enrolment in querysets[Kind.ENROLMENT].filter(client=client):
            items.append(_linked_item(Kind.ENROLMENT, enrolment, None))
    links = list(client.links.active().filter(kind__in=visible)) if client.has_consent(Consent.Purpose.LINKING) else []
    by_kind: dict[str, dict[int, ClientLink]] = {}
    for link in links:
        by_kind.setdefault(link.kind, {})[link.object_id] = link
    for kind, linked in by_kind.items():
        for record in querysets[kind].filter(pk__in=list(linked)):
            items.append(_linked_item(kind, record, linked[record.pk]))
    items.sort(key=lambda item: item.when, reverse=True)
    return items


def client_link_candidates(*, client: Client, user: User, limit: int = 20) -> list[tuple[str, object]]:
    """Records in other channels with the file's phone or e-mail, not yet linked, of kinds the user may see."""
    from integra.hotline.callers import caller_hash, normalise

    phone = normalise(client.phone)
    email = (client.email or "").strip().lower()
    if not phone and not email:
        return []
    linked = set(client.links.active().values_list("kind", "object_id"))
    querysets = _querysets(user)
    found = []
    for kind in _visible_kinds(user):
        if kind == Kind.CALL_BACK:
            if not phone:
                continue
            match = Q(caller_hash=caller_hash(phone))
        else:
            match = Q(pk__in=[])
            if phone:
                match |= Q(phone=phone)
            if email:
                match |= Q(email__iexact=email)
        queryset = querysets[kind].filter(match)
        if kind == Kind.ENROLMENT:
            queryset = queryset.exclude(client=client)
        for record in queryset.order_by("-pk")[:limit]:
            if (kind, record.pk) not in linked:
                found.append((kind, _linked_item(kind, record, None), record.pk))
    return found


def _linking_consent(client: Client) -> Consent | None:
    return next((c for c in client.consents.all() if c.purpose == Consent.Purpose.LINKING and c.is_active), None)


@transaction.atomic
def client_link(*, client: Client, by: User, records: list[tuple[str, int]]) -> int:
    """Put these records (kind, id) on the file; needs the client's active consent to linking. Only records the
    user may see and that match the file's phone or e-mail can be linked. Returns how many were linked."""
    from integra.core.models import AuditEntry

    consent = _linking_consent(client)
    if consent is None:
        raise PermissionDenied("no consent to linking")
    allowed = {(kind, pk) for kind, _item, pk in client_link_candidates(client=client, user=by, limit=500)}
    chosen = [(kind, pk) for kind, pk in records if (kind, pk) in allowed]
    for kind, pk in chosen:
        ClientLink.objects.create(client=client, kind=kind, object_id=pk, consent=consent, linked_by=by)
    if chosen:
        AuditEntry.objects.log_create(
            client,
            force_log=True,
            action=LogEntry.Action.UPDATE,
            changes=None,
            additional_data={"event": "client_records_linked", "records": [f"{k}:{pk}" for k, pk in chosen]},
        )
    return len(chosen)


@transaction.atomic
def client_unlink(*, link: ClientLink, by: User) -> ClientLink:
    """Take a linked record off the file (the client asked); the row stays, marked, and can be linked again."""
    from integra.core.models import AuditEntry

    link = ClientLink.objects.select_for_update().get(pk=link.pk)
    if link.unlinked_at is None:
        link.unlinked_at, link.unlinked_by = timezone.now(), by
        link.save(update_fields=["unlinked_at", "unlinked_by"])
        AuditEntry.objects.log_create(
            link.client,
            force_log=True,
            action=LogEntry.Action.UPDATE,
            changes=None,
            additional_data={"event": "client_record_unlinked", "record": f"{link.kind}:{link.object_id}"},
        )
    return link
