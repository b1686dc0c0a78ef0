"""Courses over the API (/api/v1/courses/): the public catalogue without a token; a group's enrolments and
attendance with a staff token, through the same forms and services as the pages, scoped to the token
owner's centres (another centre's group is a 404, like a missing one)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import public, requires
from integra.api.schemas import Error, Translations, form_errors
from integra.courses import services
from integra.courses.forms import CatalogueFilterForm, DeskEnrolmentForm, MarkForm
from integra.courses.models import Enrolment, Group

router = Router(tags=["courses"])
ID = Path(..., ge=1, le=2_147_483_647)


class GroupOut(Schema):
    id: int
    course: str
    kind: str
    level: str
    title: Translations
    description: Translations
    what_to_bring: Translations
    centre: str
    place: str | None = Field(..., description="The outreach town's code, or null when the group meets at the centre.")
    start_date: date
    end_date: date
    enrolment_opens: date
    enrolment_closes: date
    languages: list[str]
    capacity: int
    places_left: int
    waiting: int


class GroupPage(Schema):
    count: int
    items: list[GroupOut]


class CatalogueFilter(Schema):
    centre: str = Field("", max_length=50)
    kind: str = Field("", max_length=16)
    level: str = Field("", max_length=8)
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class EnrolmentIn(Schema):
    name: str = Field(..., max_length=300)
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)
    language: str = Field("", max_length=8)
    gender: str = Field("", max_length=16)
    age_band: str = Field("", max_length=8)
    nationality: str = Field("", max_length=2)
    client_reference: str = Field("", max_length=16, description="A client file of your centres; needs consent.")
    consent: bool = Field(False, description="The person agrees to link the enrolment to their client file.")


class EnrolmentOut(Schema):
    id: int
    reference: str
    name: str
    status: str
    entry_level: str
    exit_level: str
    offer_expires_at: datetime | None
    created_at: datetime


class MarkIn(Schema):
    enrolment: int = Field(..., ge=1, le=2_147_483_647)
    mark: str = Field(..., max_length=16)
    remark: str = Field("", max_length=400)


class MarkOut(Schema):
    enrolment: int
    session: int
    mark: str
    remark: str


def group_out(group: Group) -> dict:
    course = group.course
    return {
        "id": group.pk,
        "course": course.slug,
        "kind": course.kind,
        "level": course.level,
        "title": course.title,
        "description": course.description,
        "what_to_bring": course.what_to_bring,
        "centre": group.centre.slug,
        "place": group.place.slug if group.place_id else None,
        "start_date": group.start_date,
        "end_date": group.end_date,
        "enrolment_opens": group.enrolment_opens,
        "enrolment_closes": group.enrolment_closes,
        "languages": group.languages,
        "capacity": group.capacity,
        "places_left": group.places_left(),
        "waiting": group.waiting,
    }


def enrolment_out(enrolment: Enrolment) -> dict:
    return {
        "id": enrolment.pk,
        "reference": enrolment.reference,
        "name": enrolment.name,
        "status": enrolment.status,
        "entry_level": enrolment.entry_level,
        "exit_level": enrolment.exit_level,
        "offer_expires_at": enrolment.offer_expires_at,
        "created_at": enrolment.created_at,
    }


@router.get("", response={200: GroupPage, 422: Error}, summary="Groups open or coming, as in the public catalogue")
@public
def list_groups(request, filters: Query[CatalogueFilter]):
    form = CatalogueFilterForm({"centre": filters.centre, "kind": filters.kind, "level": filters.level})
    groups = form.filter(Group.objects.public().not_over().with_details().with_counts().order_by("start_date", "pk"))
    page = list(groups[filters.offset : filters.offset + filters.limit])
    return {"count": groups.count(), "items": [group_out(g) for g in page]}


@router.get("/groups/{group_id}", response={200: GroupOut, 404: Error, 422: Error}, summary="One public group")
@public
def get_group(request, group_id: int = ID):
    return group_out(services.get_public_group(group_id))


@router.get(
    "/groups/{group_id}/enrolments",
    auth=StaffToken(),
    response={200: list[EnrolmentOut], 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Enrolments of a group of your centres, the waiting list in its order",
)
@requires("courses.view_enrolment")
def list_enrolments(request, group_id: int = ID):
    group = services.get_group_for_user(request.auth, group_id)
    return [enrolment_out(e) for e in group.enrolments.order_by("created_at", "pk")[:1000]]


@router.post(
    "/groups/{group_id}/enrolments",
    auth=StaffToken(),
    response={201: EnrolmentOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Enrol someone (the desk form's rules): on the waiting list when the group is full; "
    "409 for an overlapping enrolment",
)
@requires("courses.add_enrolment")
def create_enrolment(request, payload: EnrolmentIn, group_id: int = ID):
    user = request.auth
    group = services.get_group_for_user(user, group_id)
    data = payload.dict()
    data["consent"] = "on" if data["consent"] else ""
    form = DeskEnrolmentForm(data)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    fields = dict(form.cleaned_data)
    reference, _consent = fields.pop("client_reference"), fields.pop("consent")
    client = None
    if reference:
        from integra.clients.models import Client  # noqa: PLC0415 - only when a file is linked

        client = Client.objects.for_user(user).filter(reference=reference.strip().upper()).first()
        if client is None:
            return Status(422, {"detail": "client_reference: no client file with this reference at your centres"})
    try:
        enrolment = services.enrolment_create(
            group=group, client=client, source=Enrolment.Source.STAFF, by=user, **fields
        )
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, enrolment_out(enrolment))


@router.post(
    "/groups/{group_id}/sessions/{session_id}/attendance",
    auth=StaffToken(),
    response={200: MarkOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Mark one learner present, late, excused or absent; 409 for a session not yet held or cancelled",
)
@requires("courses.add_attendance")
def mark_attendance(request, payload: MarkIn, group_id: int = ID, session_id: int = ID):
    user = request.auth
    group = services.get_group_for_user(user, group_id)
    session = get_object_or_404(group.sessions, pk=session_id)
    enrolment = get_object_or_404(group.enrolments.holding_place(), pk=payload.enrolment)
    form = MarkForm({"mark": payload.mark, "remark": payload.remark})
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    try:
        mark = services.attendance_mark(session=session, enrolment=enrolment, by=user, **form.cleaned_data)
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return {"enrolment": enrolment.pk, "session": session.pk, "mark": mark.mark, "remark": mark.remark}
