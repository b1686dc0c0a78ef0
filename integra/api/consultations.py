"""Consultations over the API: the same form, services and access rules as the back office."""

import re
from datetime import date
from typing import Literal

from django.db import IntegrityError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import field_validator

from integra.api.auth import StaffToken
from integra.api.permissions import requires
from integra.api.schemas import REFERENCE, SLUG, Error, form_errors
from integra.centres.models import Centre, Institution
from integra.clients.services import get_client_for_user
from integra.consultations import services
from integra.consultations.forms import (
    ClosedDayForm,
    ConsultationForm,
    FollowUpForm,
    ReferralCreateForm,
    ReferralForm,
    RotaForm,
)
from integra.consultations.models import ClosedDay, Consultation, FollowUp, Referral, Rota
from integra.core.audit import as_actor
from integra.topics.models import Topic

router = Router(tags=["consultations"], auth=StaffToken())


class MediatorRef(Schema):
    """The interpreter or mediator of the interpreting registry who took part."""

    id: int
    code: str = Field(..., description="The ID an institution sees next to the name, e.g. M-0007.")
    name: str


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
    mediator: MediatorRef | None = Field(
        ..., description="The registry's interpreter or mediator who took part; null when only a name was typed."
    )
    duration_minutes: int
    outcome: str
    notes: str
    nationality: str
    gender: str
    age_band: str


class ConsultationPage(Schema):
    items: list[ConsultationOut]
    next_offset: int | None = Field(
        ..., description="The offset of the next page, or null on the last page (the list is not counted)."
    )


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
    interpreter_not_family: bool = Field(
        False, description="Required with an interpreter_name outside the registry: the person is not a family "
        "member, friend or child of the client.",
    )
    mediator: int | None = Field(None, ge=1, le=2_147_483_647, description="A mediator of the registry (its id).")
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
        "mediator": {"id": c.mediator.pk, "code": c.mediator.code, "name": c.mediator.name} if c.mediator_id else None,
        "duration_minutes": c.duration_minutes,
        "outcome": c.outcome,
        "notes": c.notes if with_notes else "",
        "nationality": c.nationality.code or "",
        "gender": c.gender,
        "age_band": c.age_band,
    }


@router.get(
    "",
    response={200: ConsultationPage, 401: Error, 403: Error, 422: Error},
    summary="Consultations of your centres, newest first, filtered by date, topic, consultant and channel "
    "(notes only in the single view)",
)
@requires("consultations.view_consultation")
def list_consultations(request, filters: Query[ConsultationFilter]):
    user = request.auth
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
    # Like the page's OpenPage: read one row more than the page instead of counting the table.
    rows = list(consultations[filters.offset : filters.offset + filters.limit + 1])
    has_next = len(rows) > filters.limit
    return {
        "items": [consultation_out(c, with_notes=False) for c in rows[: filters.limit]],
        "next_offset": filters.offset + filters.limit if has_next else None,
    }


@router.get(
    "/{consultation_id}",
    response={200: ConsultationOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="One consultation with its notes (the opening is audit-logged)",
)
@requires("consultations.view_consultation")
def get_consultation(request, consultation_id: int = Path(..., ge=1, le=2_147_483_647)):
    user = request.auth
    with as_actor(user):
        consultation = services.get_consultation_for_user(user, consultation_id)
    return consultation_out(consultation, with_notes=True)


@router.post(
    "/centres/{centre}",
    response={201: ConsultationOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Record a consultation at one of your centres, with or without a client file (another centre answers 404)",
)
@requires("consultations.add_consultation")
def create_consultation(request, payload: ConsultationIn, centre: str = Path(..., pattern=SLUG)):
    user = request.auth
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
        "mediator": str(payload.mediator or ""),
    }
    form = ConsultationForm(data, user=user, client=client)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
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
@requires("consultations.view_consultation")
def my_follow_ups(request):
    user = request.auth
    return [follow_up_out(f) for f in FollowUp.objects.due_for(user)]


@router.post(
    "/{consultation_id}/referrals",
    response={201: ReferralOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Refer the client of a consultation to an institution of the directory",
)
@requires("consultations.change_consultation")
def add_referral(request, payload: ReferralIn, consultation_id: int = Path(..., ge=1, le=2_147_483_647)):
    user = request.auth
    consultation = services.get_consultation_for_user(user, consultation_id, log=False)
    institution = get_object_or_404(Institution, slug=payload.institution)
    form = ReferralCreateForm({"institution": institution.pk, "reason": payload.reason})
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    with as_actor(user):
        referral = services.referral_create(consultation=consultation, **form.cleaned_data)
    return Status(201, referral_out(referral))


@router.patch(
    "/referrals/{referral_id}",
    response={200: ReferralOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Record a referral's status and outcome",
)
@requires("consultations.change_consultation")
def update_referral(request, payload: ReferralUpdate, referral_id: int = Path(..., ge=1, le=2_147_483_647)):
    user = request.auth
    referral = get_object_or_404(
        Referral.objects.select_related("institution").filter(consultation__in=Consultation.objects.for_user(user)),
        pk=referral_id,
    )
    form = ReferralForm(payload.dict(), instance=referral)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    with as_actor(user):
        services.referral_update(referral=referral, **form.cleaned_data)
    return referral_out(referral)


@router.post(
    "/{consultation_id}/follow-ups",
    response={201: FollowUpOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Add a follow-up for yourself",
)
@requires("consultations.change_consultation")
def add_follow_up(request, payload: FollowUpIn, consultation_id: int = Path(..., ge=1, le=2_147_483_647)):
    user = request.auth
    consultation = services.get_consultation_for_user(user, consultation_id, log=False)
    form = FollowUpForm(payload.dict())
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    with as_actor(user):
        follow_up = services.follow_up_create(consultation=consultation, assigned_to=user, **form.cleaned_data)
    return Status(201, follow_up_out(follow_up))


class ConsultationUpdate(Schema):
    """Only the fields sent change; the rest keep their values. Nationality, gender and age band are
    taken from the client file when the consultation has one (ignored here, as on the page)."""

    held_on: date | None = None
    channel: str | None = None
    topics: list[str] | None = Field(None, min_length=1, max_length=20)
    language: str | None = None
    interpreting: str | None = None
    interpreter_name: str | None = None
    interpreter_not_family: bool | None = Field(
        None, description="Required when interpreter_name changes to someone outside the registry (see create)."
    )
    mediator: int | None = Field(None, ge=1, le=2_147_483_647, description="A mediator of the registry (its id).")
    duration_minutes: int | None = Field(None, ge=-1_000_000, le=1_000_000)
    outcome: str | None = None
    notes: str | None = None
    nationality: str | None = None
    gender: str | None = None
    age_band: str | None = None


@router.patch(
    "/{consultation_id}",
    response={200: ConsultationOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Edit a consultation (validated like the edit page; notes stay encrypted at rest)",
)
@requires("consultations.change_consultation")
def update_consultation(request, payload: ConsultationUpdate, consultation_id: int = Path(..., ge=1, le=2_147_483_647)):
    user = request.auth
    consultation = services.get_consultation_for_user(user, consultation_id, log=False)
    data = {
        "held_on": consultation.held_on.isoformat(),
        "channel": consultation.channel,
        "topics": [str(t.pk) for t in consultation.topics.all()],
        "language": consultation.language,
        "interpreting": consultation.interpreting,
        "interpreter_name": consultation.interpreter_name,
        "mediator": str(consultation.mediator_id or ""),  # kept unless another one is sent
        "duration_minutes": str(consultation.duration_minutes),
        "outcome": consultation.outcome,
        "notes": consultation.notes,
        "nationality": consultation.nationality.code or "",
        "gender": consultation.gender,
        "age_band": consultation.age_band,
    }
    changes = {key: value for key, value in payload.dict(exclude_unset=True).items() if value is not None}
    if "topics" in changes:
        slugs = [slug for slug in changes["topics"] if re.fullmatch(SLUG, slug)]
        topic_ids = dict(Topic.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        changes["topics"] = [str(topic_ids.get(slug, "0")) for slug in changes["topics"]]
    if "held_on" in changes:
        changes["held_on"] = changes["held_on"].isoformat()
    if "duration_minutes" in changes:
        changes["duration_minutes"] = str(changes["duration_minutes"])
    if "mediator" in changes:
        changes["mediator"] = str(changes["mediator"])
    form = ConsultationForm(data | changes, instance=consultation, user=user, client=consultation.client)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    with as_actor(user):
        services.consultation_update(consultation=consultation, **form.cleaned_data)
    return consultation_out(services.get_consultation_for_user(user, consultation_id, log=False), with_notes=True)


# -- rota and closed days (managers of the centre) -------------------------------------------------------


class RotaOut(Schema):
    centre: str
    slot_minutes: int
    is_bookable: bool


class RotaIn(Schema):
    slot_minutes: int = Field(..., ge=-1_000_000, le=1_000_000, description="Between 10 and 120")
    is_bookable: bool = True


class ClosedDayIn(Schema):
    date: str = Field(..., max_length=20, description="YYYY-MM-DD, today or later")
    reason: str = Field("", max_length=1000)


class ClosedDayOut(Schema):
    id: int
    date: date
    reason: str


def _rota_centre(user, slug: str) -> Centre:
    return get_object_or_404(Centre.objects.for_user(user), slug=slug)


def rota_out(centre: Centre, rota: Rota | None) -> dict:
    return {
        "centre": centre.slug,
        "slot_minutes": rota.slot_minutes if rota else services.DEFAULT_SLOT_MINUTES,
        "is_bookable": rota.is_bookable if rota else True,
    }


def closed_day_out(day: ClosedDay) -> dict:
    return {"id": day.pk, "date": day.date, "reason": day.reason}


@router.get(
    "/rota/{centre}",
    response={200: RotaOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="A centre's booking rota: slot length and whether it is open for online booking (managers)",
)
@requires("consultations.change_rota")
def get_rota(request, centre: str = Path(..., pattern=SLUG)):
    user = request.auth
    centre = _rota_centre(user, centre)
    return rota_out(centre, Rota.objects.filter(centre=centre).first())


@router.put(
    "/rota/{centre}",
    response={200: RotaOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Set a centre's slot length (10-120 minutes) and online booking on or off (managers)",
)
@requires("consultations.change_rota")
def put_rota(request, payload: RotaIn, centre: str = Path(..., pattern=SLUG)):
    user = request.auth
    centre = _rota_centre(user, centre)
    rota = Rota.objects.filter(centre=centre).first() or Rota(centre=centre)
    form = RotaForm({"slot_minutes": str(payload.slot_minutes), "is_bookable": payload.is_bookable}, instance=rota)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    with as_actor(user):
        rota = services.rota_update(centre=centre, **form.cleaned_data)
    return rota_out(centre, rota)


@router.get(
    "/rota/{centre}/closed-days",
    response={200: list[ClosedDayOut], 401: Error, 403: Error, 404: Error, 422: Error},
    summary="A centre's closed days from today on (managers)",
)
@requires("consultations.change_rota")
def list_closed_days(request, centre: str = Path(..., pattern=SLUG)):
    user = request.auth
    centre = _rota_centre(user, centre)
    return [closed_day_out(d) for d in centre.closed_days.filter(date__gte=timezone.localdate())]


@router.post(
    "/rota/{centre}/closed-days",
    response={201: ClosedDayOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Mark a day as closed: no bookings are offered on it (managers)",
)
@requires("consultations.change_rota")
def add_closed_day(request, payload: ClosedDayIn, centre: str = Path(..., pattern=SLUG)):
    user = request.auth
    centre = _rota_centre(user, centre)
    form = ClosedDayForm(payload.dict(), centre=centre)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    try:
        with as_actor(user):
            day = services.closed_day_add(centre=centre, **form.cleaned_data)
    except IntegrityError:  # the same day added by a concurrent request a moment ago
        return Status(422, {"detail": f"date: {ClosedDayForm.already_closed}"})
    return Status(201, closed_day_out(day))


@router.delete(
    "/rota/{centre}/closed-days/{closed_day_id}",
    response={204: None, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Open a closed day again (managers)",
)
@requires("consultations.change_rota")
def remove_closed_day(
    request, centre: str = Path(..., pattern=SLUG), closed_day_id: int = Path(..., ge=1, le=2_147_483_647)
):
    user = request.auth
    centre = _rota_centre(user, centre)
    day = get_object_or_404(centre.closed_days.all(), pk=closed_day_id)
    with as_actor(user):
        services.closed_day_remove(closed_day=day)
    return Status(204, None)
