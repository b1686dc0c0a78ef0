"""Consultations over the API: the same form, services and access rules as the back office."""

import re
from datetime import date
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import field_validator

from integra.api.auth import StaffToken
from integra.api.schemas import Error
from integra.centres.models import Centre, Institution
from integra.clients.services import get_client_for_user
from integra.consultations import services
from integra.consultations.forms import ConsultationForm, FollowUpForm, ReferralCreateForm, ReferralForm
from integra.consultations.models import Consultation, FollowUp, Referral
from integra.core.audit import as_actor
from integra.topics.models import Topic

router = Router(tags=["consultations"], auth=StaffToken())

SLUG = r"^[-a-zA-Z0-9_]{1,50}$"
REFERENCE = r"^[A-Za-z0-9-]{1,16}$"


class ConsultationOut(Schema):
    id: int
    centre: str
    consultant: str
    client: str | None
    held_on: date
    channel: str
    topics: list[str]
    language: str
    interpreting: str
    interpreter_name: str
    duration_minutes: int
    outcome: str
    notes: str
    nationality: str
    gender: str
    age_band: str


class ConsultationPage(Schema):
    count: int
    items: list[ConsultationOut]


class ConsultationFilter(Schema):
    date_from: date | None = None
    date_to: date | None = None
    topic: str | None = Field(None, pattern=SLUG)
    consultant: int | None = Field(None, ge=1, le=2_147_483_647)
    channel: Literal["in_person", "phone", "online", "outreach"] | None = None
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def iso_dates_only(cls, value):
        # Pydantic would also read numbers as timestamps; the API takes YYYY-MM-DD only.
        if value is not None and not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
            raise ValueError("Use a date as YYYY-MM-DD.")
        return value


class ConsultationIn(Schema):
    held_on: date
    channel: str = "in_person"
    topics: list[str] = Field(..., min_length=1, max_length=20)
    language: str
    interpreting: str = "none"
    interpreter_name: str = ""
    duration_minutes: int = 30
    outcome: str = "informed"
    notes: str = ""
    client: str | None = Field(None, pattern=REFERENCE)
    nationality: str = ""
    gender: str = "undisclosed"
    age_band: str = ""


def consultation_out(c: Consultation, *, with_notes: bool) -> dict:
    return {
        "id": c.pk,
        "centre": c.centre.slug,
        "consultant": c.consultant.username,
        "client": c.client.reference if c.client_id else None,
        "held_on": c.held_on,
        "channel": c.channel,
        "topics": [t.slug for t in c.topics.all()],
        "language": c.language,
        "interpreting": c.interpreting,
        "interpreter_name": c.interpreter_name,
        "duration_minutes": c.duration_minutes,
        "outcome": c.outcome,
        "notes": c.notes if with_notes else "",
        "nationality": c.nationality.code or "",
        "gender": c.gender,
        "age_band": c.age_band,
    }


def _errors(form) -> str:
    return " ".join(f"{field}: {' '.join(messages)}" for field, messages in form.errors.items())


@router.get(
    "",
    response={200: ConsultationPage, 401: Error, 403: Error, 422: Error},
    summary="Consultations of your centres, newest first, filtered by date, topic, consultant and channel "
    "(notes only in the single view)",
)
def list_consultations(request, filters: Query[ConsultationFilter]):
    user = request.auth
    if not user.has_perm("consultations.view_consultation"):
        return Status(403, {"detail": "Not allowed."})
    consultations = (
        Consultation.objects.for_user(user)
        .filtered(
            date_from=filters.date_from,
            date_to=filters.date_to,
            topic_slug=filters.topic,
            consultant_id=filters.consultant,
            channel=filters.channel,
        )
        .for_list()
        .order_by("-held_on", "-pk")
    )
    count = consultations.count()
    page = consultations[filters.offset : filters.offset + filters.limit]
    return {"count": count, "items": [consultation_out(c, with_notes=False) for c in page]}


@router.get(
    "/{consultation_id}",
    response={200: ConsultationOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="One consultation with its notes (the opening is audit-logged)",
)
def get_consultation(request, consultation_id: int = Path(..., ge=1, le=2_147_483_647)):
    user = request.auth
    if not user.has_perm("consultations.view_consultation"):
        return Status(403, {"detail": "Not allowed."})
    with as_actor(user):
        consultation = services.get_consultation_for_user(user, consultation_id)
    return consultation_out(consultation, with_notes=True)


@router.post(
    "/centres/{centre}",
    response={201: ConsultationOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Record a consultation at one of your centres, with or without a client file (another centre answers 404)",
)
def create_consultation(request, payload: ConsultationIn, centre: str = Path(..., pattern=SLUG)):
    user = request.auth
    if not user.has_perm("consultations.add_consultation"):
        return Status(403, {"detail": "Not allowed."})
    client = None
    if payload.client:
        with as_actor(user):
            client = get_client_for_user(user, payload.client, log=False)
    centre = get_object_or_404(Centre.objects.for_user(user).filter(is_active=True), slug=centre)
    slugs = [slug for slug in payload.topics if re.fullmatch(SLUG, slug)]
    topic_ids = dict(Topic.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    data = payload.dict()
    data |= {
        "centre": str(centre.pk),
        "held_on": payload.held_on.isoformat(),
        "topics": [str(topic_ids.get(slug, "0")) for slug in payload.topics],
        "duration_minutes": str(payload.duration_minutes),
    }
    form = ConsultationForm(data, user=user, client=client)
    if not form.is_valid():
        return Status(422, {"detail": _errors(form)})
    with as_actor(user):
        consultation = services.consultation_record(by=user, client=client, **form.record_kwargs())
    return Status(201, consultation_out(consultation, with_notes=True))


class ReferralIn(Schema):
    institution: str = Field(..., pattern=SLUG)
    reason: str = Field(..., max_length=2000)


class ReferralUpdate(Schema):
    status: Literal["sent", "accepted", "resolved", "no_answer"]
    outcome: str = Field("", max_length=2000)


class ReferralOut(Schema):
    id: int
    consultation: int
    institution: str
    reason: str
    sent_on: date
    status: str
    outcome: str


class FollowUpIn(Schema):
    task: str = Field(..., max_length=200)
    due_on: str = Field(..., description="YYYY-MM-DD, today or later")


class FollowUpOut(Schema):
    id: int
    consultation: int
    task: str
    due_on: date
    done: bool


def referral_out(r) -> dict:
    return {
        "id": r.pk,
        "consultation": r.consultation_id,
        "institution": r.institution.slug,
        "reason": r.reason,
        "sent_on": r.sent_on,
        "status": r.status,
        "outcome": r.outcome,
    }


def follow_up_out(f) -> dict:
    return {"id": f.pk, "consultation": f.consultation_id, "task": f.task, "due_on": f.due_on, "done": bool(f.done_at)}


@router.get(
    "/follow-ups/due",
    response={200: list[FollowUpOut], 401: Error, 403: Error},
    summary="My open follow-ups due within seven days or overdue",
)
def my_follow_ups(request):
    user = request.auth
    if not user.has_perm("consultations.view_consultation"):
        return Status(403, {"detail": "Not allowed."})
    return [follow_up_out(f) for f in FollowUp.objects.due_for(user)]


@router.post(
    "/{consultation_id}/referrals",
    response={201: ReferralOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Refer the client of a consultation to an institution of the directory",
)
def add_referral(request, payload: ReferralIn, consultation_id: int = Path(..., ge=1, le=2_147_483_647)):
    user = request.auth
    if not user.has_perm("consultations.change_consultation"):
        return Status(403, {"detail": "Not allowed."})
    consultation = services.get_consultation_for_user(user, consultation_id, log=False)
    institution = get_object_or_404(Institution, slug=payload.institution)
    form = ReferralCreateForm({"institution": institution.pk, "reason": payload.reason})
    if not form.is_valid():
        return Status(422, {"detail": _errors(form)})
    with as_actor(user):
        referral = services.referral_create(consultation=consultation, **form.cleaned_data)
    return Status(201, referral_out(referral))


@router.patch(
    "/referrals/{referral_id}",
    response={200: ReferralOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Record a referral's status and outcome",
)
def update_referral(request, payload: ReferralUpdate, referral_id: int = Path(..., ge=1, le=2_147_483_647)):
    user = request.auth
    if not user.has_perm("consultations.change_consultation"):
        return Status(403, {"detail": "Not allowed."})
    referral = get_object_or_404(
        Referral.objects.select_related("institution").filter(consultation__in=Consultation.objects.for_user(user)),
        pk=referral_id,
    )
    form = ReferralForm(payload.dict(), instance=referral)
    if not form.is_valid():
        return Status(422, {"detail": _errors(form)})
    with as_actor(user):
        services.referral_update(referral=referral, **form.cleaned_data)
    return referral_out(referral)


@router.post(
    "/{consultation_id}/follow-ups",
    response={201: FollowUpOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Add a follow-up for yourself",
)
def add_follow_up(request, payload: FollowUpIn, consultation_id: int = Path(..., ge=1, le=2_147_483_647)):
    user = request.auth
    if not user.has_perm("consultations.change_consultation"):
        return Status(403, {"detail": "Not allowed."})
    consultation = services.get_consultation_for_user(user, consultation_id, log=False)
    form = FollowUpForm(payload.dict())
    if not form.is_valid():
        return Status(422, {"detail": _errors(form)})
    with as_actor(user):
        follow_up = services.follow_up_create(consultation=consultation, assigned_to=user, **form.cleaned_data)
    return Status(201, follow_up_out(follow_up))
