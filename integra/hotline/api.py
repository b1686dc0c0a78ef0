"""The hotline over the API (/api/v1/hotline/): the same forms, services and centre scoping as the back office."""

import re
from datetime import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import requires
from integra.api.schemas import SLUG, Error, form_errors
from integra.centres.models import Centre, Hotline
from integra.hotline import services
from integra.hotline.forms import CallForm, NonDataForm
from integra.hotline.models import Call, CallBack
from integra.topics.models import Topic

router = Router(tags=["hotline"], auth=StaffToken())
ID = Path(..., ge=1, le=2_147_483_647)


class CallOut(Schema):
    id: int
    hotline: str
    centre: str | None
    operator: str | None
    direction: str
    kind: str
    status: str
    started_at: datetime
    duration_seconds: int
    language: str
    interpreter_joined: bool
    topics: list[str]
    nationality: str
    gender: str
    age_band: str
    outcome: str
    note: str
    repeat_calls_30_days: int


class CallPage(Schema):
    items: list[CallOut]
    next_offset: int | None = Field(..., description="The offset of the next page, or null on the last page.")


class CallIn(Schema):
    hotline: str = Field(..., max_length=32, description="The line's number in E.164, e.g. +35929394755.")
    direction: Literal["incoming", "outgoing", "call_back"] = "incoming"
    language: str = Field("bg", max_length=8)
    interpreter_joined: bool = False
    topics: list[str] = Field(..., min_length=1, max_length=20)
    nationality: str = Field("", max_length=2)
    gender: Literal["female", "male", "other", "undisclosed"] = "undisclosed"
    age_band: str = Field("", max_length=8)
    duration_minutes: int = Field(..., ge=0, le=240)
    outcome: str = Field("", max_length=24)
    note: str = Field("", max_length=1000)
    caller_number: str = Field("", max_length=32, description="Only hashed, to count repeat calls; never stored.")


class ListFilter(Schema):
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class CallBackOut(Schema):
    id: int
    reference: str
    centre: str | None
    language: str
    topic: str | None
    status: str
    due_at: datetime
    created_at: datetime
    attempts: int
    taken_by: str | None
    phone: str = Field(..., description="Only to the operator who took it; empty otherwise and once closed.")


class AttemptIn(Schema):
    result: Literal["answered", "no_answer", "busy", "voicemail", "wrong_number"]


def call_out(call: Call, *, with_note: bool = False, repeat: int = 0) -> dict:
    return {
        "id": call.pk,
        "hotline": str(call.hotline.phone),
        "centre": call.centre.slug if call.centre_id else None,
        "operator": call.operator.username if call.operator_id else None,
        "direction": call.direction,
        "kind": call.kind,
        "status": call.status,
        "started_at": call.started_at,
        "duration_seconds": call.duration_seconds,
        "language": call.language,
        "interpreter_joined": call.interpreter_joined,
        "topics": [t.slug for t in call.topics.all()],
        "nationality": call.nationality.code or "",
        "gender": call.gender,
        "age_band": call.age_band,
        "outcome": call.outcome,
        "note": call.note if with_note else "",
        "repeat_calls_30_days": repeat,
    }


def call_back_out(call_back: CallBack, user) -> dict:
    mine = call_back.status == CallBack.Status.TAKEN and call_back.taken_by_id == user.pk
    return {
        "id": call_back.pk,
        "reference": call_back.reference,
        "centre": call_back.centre.slug if call_back.centre_id else None,
        "language": call_back.language,
        "topic": call_back.topic.slug if call_back.topic_id else None,
        "status": call_back.status,
        "due_at": call_back.due_at,
        "created_at": call_back.created_at,
        "attempts": call_back.attempt_count,
        "taken_by": call_back.taken_by.username if call_back.taken_by_id else None,
        "phone": call_back.phone if mine else "",
    }


@router.get("/calls", response={200: CallPage, 401: Error, 403: Error, 422: Error}, summary="Calls of your centres")
@requires("hotline.view_call")
def list_calls(request, filters: Query[ListFilter]):
    user = request.auth
    rows = list(Call.objects.for_user(user).for_list()[filters.offset : filters.offset + filters.limit + 1])
    return {
        "items": [call_out(c) for c in rows[: filters.limit]],
        "next_offset": filters.offset + filters.limit if len(rows) > filters.limit else None,
    }


@router.get("/calls/{call_id}", response={200: CallOut, 401: Error, 403: Error, 404: Error, 422: Error})
@requires("hotline.view_call")
def get_call(request, call_id: int = ID):
    user = request.auth
    call = services.get_call_for_user(user, call_id)
    repeat = services.repeat_caller(user=user, hash_=call.caller_hash, exclude_pk=call.pk).count
    return call_out(call, with_note=True, repeat=repeat)


@router.post(
    "/centres/{centre}/calls",
    response={201: CallOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Log a call for one of your centres (the same form as the back office; the number is only hashed; "
    "another centre answers 404)",
)
@requires("hotline.add_call")
def create_call(request, payload: CallIn, centre: str = Path(..., pattern=SLUG)):

    user = request.auth
    centre = get_object_or_404(Centre.objects.for_user(user).filter(is_active=True), slug=centre)
    line = Hotline.objects.filter(phone=payload.hotline).first()
    slugs = [slug for slug in payload.topics if re.fullmatch(SLUG, slug)]
    topic_ids = dict(Topic.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    data = payload.dict() | {
        "hotline": str(line.pk) if line else "0",
        "centre": str(centre.pk),
        "topics": [str(topic_ids.get(slug, "0")) for slug in payload.topics],
        "duration_minutes": str(payload.duration_minutes),
        "interpreter_joined": "on" if payload.interpreter_joined else "",
    }
    form = CallForm(data, user=user)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    call = services.call_log(by=user, **form.service_kwargs())
    return Status(201, call_out(call, with_note=True))


@router.post(
    "/calls/non-data/{kind}",
    response={201: CallOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Count a silent call, hang-up, wrong number, test or abusive call (your first centre, the main line)",
)
@requires("hotline.add_call")
def count_non_data(request, kind: Literal["silent", "hang_up", "wrong_number", "test", "abusive"]):
    user = request.auth
    form = NonDataForm({}, user=user)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    call = services.call_non_data(by=user, kind=kind, **form.cleaned_data)
    return Status(201, call_out(call))


@router.get(
    "/call-backs",
    response={200: list[CallBackOut], 401: Error, 403: Error},
    summary="The open call-backs of your centres and the network, the earliest promise first",
)
@requires("hotline.view_callback")
def list_call_backs(request):
    user = request.auth
    return [call_back_out(cb, user) for cb in CallBack.objects.for_user(user).open().for_queue()[:200]]


@router.post(
    "/call-backs/{call_back_id}/take",
    response={200: CallBackOut, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Take a waiting call-back; 409 when someone else took it a moment ago",
)
@requires("hotline.change_callback")
def take_call_back(request, call_back_id: int = ID):
    user = request.auth
    call_back = services.get_call_back_for_user(user, call_back_id)
    try:
        call_back = services.call_back_take(call_back_id=call_back.pk, by=user)
    except services.CallBackTaken as error:
        return Status(409, {"detail": str(error)})
    return call_back_out(call_back, user)


@router.post(
    "/call-backs/{call_back_id}/attempts",
    response={201: CallBackOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Log an attempt on a call-back you took (three unanswered close it as unreachable)",
)
@requires("hotline.change_callback")
def log_attempt(request, payload: AttemptIn, call_back_id: int = ID):
    user = request.auth
    call_back = services.get_call_back_for_user(user, call_back_id)
    try:
        services.call_back_attempt(call_back_id=call_back.pk, by=user, result=payload.result)
    except services.CallBackNotYours as error:
        return Status(409, {"detail": str(error)})
    return Status(201, call_back_out(services.get_call_back_for_user(user, call_back_id), user))
