"""Events over the API (/api/v1/events/): public events read without a token; registrations, check-in
and the door tally with a staff token, through the same forms and services as the pages, scoped to the
token owner's centres (another centre's event is a 404, like a missing one)."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import public, requires
from integra.api.schemas import REFERENCE, Error, Translations, form_errors
from integra.events import services
from integra.events.forms import (
    CalendarFilterForm,
    DoorRegistrationForm,
    PaperAttendanceForm,
    PaperFeedbackForm,
    RegistrationForm,
    TallyForm,
)
from integra.events.models import Event, Registration

router = Router(tags=["events"])
ID = Path(..., ge=1, le=2_147_483_647)


class EventOut(Schema):
    id: int
    kind: str
    title: Translations
    description: Translations
    centre: str
    place: str | None = Field(..., description="The outreach town's code, or null when held at the centre.")
    address: Translations
    start: datetime
    end: datetime
    languages: list[str]
    interpretation: bool
    capacity: int | None
    registration: Literal["required", "optional", "none"]
    topics: list[str]


class EventPage(Schema):
    count: int
    items: list[EventOut]


class EventFilter(Schema):
    place: str = Field("", max_length=60, description="centre-<code> or place-<code>, as in the calendar.")
    kind: str = Field("", max_length=32)
    language: str = Field("", max_length=8)
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class RegistrationIn(Schema):
    name: str = Field(..., max_length=200)
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)
    adults: int = Field(1, ge=0, le=20)
    children: int = Field(0, ge=0, le=20)
    language: str = Field("bg", max_length=8)
    interpreter_needed: bool = False
    at_the_door: bool = Field(False, description="Registered at the door: marked arrived at once, no contact needed.")
    waiting_list: bool = Field(
        False, description="When the places left are too few, join the waiting list (not at the door)."
    )
    submission_key: str = Field("", max_length=64, description="The same key sent twice registers once.")


class RegistrationOut(Schema):
    reference: str
    name: str
    adults: int
    children: int
    language: str
    interpreter_needed: bool
    source: str
    status: Literal["registered", "waiting", "offered", "cancelled", "expired"]
    arrived_at: datetime | None
    created_at: datetime


class ArrivedOut(Schema):
    registration: RegistrationOut
    first_scan: bool = Field(..., description="False when it was already marked arrived (counted once).")


class TallyIn(Schema):
    gender: Literal["female", "male", "other"]
    age_band: str = Field("", max_length=8)
    nationality: str = Field("", max_length=2, description="ISO 3166 code when the person said it; empty otherwise.")
    delta: Literal[1, -1]


class TallyCell(Schema):
    gender: str
    age_band: str
    count: int


class TallyOut(Schema):
    total: int
    cells: list[TallyCell] = Field(..., description="By sex and age band, every nationality added up.")
    by_nationality: dict[str, int] = Field(..., description='Walk-ins per nationality; "" when not given.')


def event_out(event: Event) -> dict:
    return {
        "id": event.pk,
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "centre": event.centre.slug,
        "place": event.place.slug if event.place_id else None,
        "address": event.address,
        "start": event.start,
        "end": event.end,
        "languages": event.languages,
        "interpretation": event.interpretation,
        "capacity": event.capacity,
        "registration": event.registration,
        "topics": [topic.slug for topic in event.topics.all()],
    }


def registration_out(registration: Registration) -> dict:
    return {
        "reference": registration.reference,
        "name": registration.name,
        "adults": registration.adults,
        "children": registration.children,
        "language": registration.language,
        "interpreter_needed": registration.interpreter_needed,
        "source": registration.source,
        "status": registration.status,
        "arrived_at": registration.arrived_at,
        "created_at": registration.created_at,
    }


def tally_out(event: Event) -> dict:
    table = services.tally_table(event)
    cells = [{"gender": str(g), "age_band": band, "count": n} for (g, band), n in table.items()]
    return {"total": sum(table.values()), "cells": cells, "by_nationality": services.tally_nationalities(event)}


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


@router.get("", response={200: EventPage, 422: Error}, summary="Upcoming public events (filters as in the calendar)")
@public
def list_events(request, filters: Query[EventFilter]):
    form = CalendarFilterForm({"place": filters.place, "kind": filters.kind, "language": filters.language})
    events = form.filter(Event.objects.public().upcoming().with_details().order_by("start", "pk"))
    page = list(events[filters.offset : filters.offset + filters.limit])
    return {"count": events.count(), "items": [event_out(e) for e in page]}


@router.get("/{event_id}", response={200: EventOut, 404: Error, 422: Error}, summary="One public event")
@public
def get_event(request, event_id: int = ID):
    return event_out(services.get_public_event(event_id))


@router.get(
    "/{event_id}/registrations",
    auth=StaffToken(),
    response={200: list[RegistrationOut], 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Registrations of an event of your centres (?q= finds by name or reference)",
)
@requires("events.view_registration")
def list_registrations(request, event_id: int = ID, q: str = Query("", max_length=100)):
    event = services.get_event_for_user(request.auth, event_id)
    registrations = Registration.objects.filter(event=event)
    if q.strip():
        registrations = registrations.matching(q)
    return [registration_out(r) for r in registrations[:500]]


@router.post(
    "/{event_id}/registrations",
    auth=StaffToken(),
    response={201: RegistrationOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Register someone (the public form's rules; at_the_door also marks them arrived); "
    "409 when the event is full or over",
)
@requires("events.add_registration")
def create_registration(request, payload: RegistrationIn, event_id: int = ID):
    user = request.auth
    event = services.get_event_for_user(user, event_id)
    data = payload.dict()
    at_the_door = data.pop("at_the_door")
    waiting_list = data.pop("waiting_list")
    data["key"] = data.pop("submission_key")
    data["interpreter_needed"] = "on" if data["interpreter_needed"] else ""
    form = DoorRegistrationForm(data, prefix=None) if at_the_door else RegistrationForm(data)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    try:
        if at_the_door:
            registration = services.registration_at_door(event=event, by=user, **form.service_kwargs())
        else:
            registration = services.registration_create(
                event=event,
                by=user,
                source=Registration.Source.STAFF,
                waiting_list_ok=waiting_list,
                **form.service_kwargs(),
            )
    except ValidationError as error:
        return Status(409, {"detail": _messages(error)})
    return Status(201, registration_out(registration))


@router.post(
    "/{event_id}/registrations/{reference}/arrived",
    auth=StaffToken(),
    response={200: ArrivedOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Mark a registration arrived (a second scan counts once); 404 for an unknown reference",
)
@requires("events.change_registration")
def mark_arrived(request, event_id: int = ID, reference: str = Path(..., pattern=REFERENCE)):
    user = request.auth
    event = services.get_event_for_user(user, event_id)
    registration = get_object_or_404(Registration, event=event, reference__iexact=reference)
    first = services.registration_arrive(registration=registration, by=user, now=timezone.now())
    return {"registration": registration_out(registration), "first_scan": first}


@router.post(
    "/{event_id}/registrations/{reference}/cancel",
    auth=StaffToken(),
    response={200: RegistrationOut, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Cancel a registration (or take it off the waiting list); a freed place is offered to the next "
    "waiting; 409 when already cancelled or the event is over",
)
@requires("events.change_registration")
def cancel_registration(request, event_id: int = ID, reference: str = Path(..., pattern=REFERENCE)):
    user = request.auth
    event = services.get_event_for_user(user, event_id)
    registration = get_object_or_404(Registration, event=event, reference__iexact=reference)
    try:
        registration = services.registration_cancel(registration=registration, by=user)
    except ValidationError as error:
        return Status(409, {"detail": _messages(error)})
    return registration_out(registration)


@router.get(
    "/{event_id}/tally",
    auth=StaffToken(),
    response={200: TallyOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="The door tally of an event of your centres, by sex and age band",
)
@requires("events.change_tallycount")
def get_tally(request, event_id: int = ID):
    return tally_out(services.get_event_for_user(request.auth, event_id))


@router.post(
    "/{event_id}/tally",
    auth=StaffToken(),
    response={200: TallyOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Add one walk-in (+1) or take one back (-1); 409 below zero",
)
@requires("events.change_tallycount")
def change_tally(request, payload: TallyIn, event_id: int = ID):
    user = request.auth
    event = services.get_event_for_user(user, event_id)
    form = TallyForm(
        {
            "gender": payload.gender,
            "age_band": payload.age_band,
            "nationality": payload.nationality.upper(),
            "delta": str(payload.delta),
        }
    )
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    try:
        services.tally_change(event=event, by=user, **form.cleaned_data)
    except ValidationError as error:
        return Status(409, {"detail": _messages(error)})
    return tally_out(event)


# -- after the event: the paper sign-in sheet and the feedback ----------------------------------------


class PaperCell(Schema):
    gender: Literal["female", "male", "other"]
    age_band: Literal["", "0-17", "18-24", "25-34", "35-49", "50-64", "65+"] = ""
    count: int = Field(..., ge=0, le=100_000)


class PaperSheetIn(Schema):
    nationality: str = Field("", max_length=2, description="ISO 3166 code; empty for the sheet's people without one.")
    cells: list[PaperCell] = Field(..., max_length=30, description="Cells left out are set to zero.")


class PaperSheetOut(Schema):
    total: int
    cells: list[TallyCell] = Field(..., description="By sex and age band, every nationality added up.")
    by_nationality: dict[str, int]
    arrived_on_paper: int = Field(..., description="Registrations marked arrived from the sheet.")


class FeedbackCounts(Schema):
    yes: int = Field(..., ge=0, le=100_000)
    partly: int = Field(..., ge=0, le=100_000)
    no: int = Field(..., ge=0, le=100_000)


class FeedbackOut(Schema):
    online: FeedbackCounts
    paper: FeedbackCounts
    total: int
    useful_share: int | None = Field(..., description="Per cent of all answers that are yes; null without answers.")


def paper_sheet_out(event: Event) -> dict:
    table = services.paper_attendance_table(event)
    return {
        "total": sum(table.values()),
        "cells": [{"gender": str(g), "age_band": band, "count": n} for (g, band), n in table.items()],
        "by_nationality": services.paper_nationalities(event),
        "arrived_on_paper": Registration.objects.filter(event=event, arrived_on_paper=True).count(),
    }


def feedback_out(event: Event) -> dict:
    summary = services.feedback_summary(event)
    return {key: summary[key] for key in ("online", "paper", "total", "useful_share")}


@router.get(
    "/{event_id}/paper-sheet",
    auth=StaffToken(),
    response={200: PaperSheetOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="People who signed the paper sign-in sheet, entered after the event",
)
@requires("events.change_paperattendance")
def get_paper_sheet(request, event_id: int = ID):
    return paper_sheet_out(services.get_event_for_user(request.auth, event_id))


@router.put(
    "/{event_id}/paper-sheet",
    auth=StaffToken(),
    response={200: PaperSheetOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Enter one nationality's grid of the paper sheet (replaces it); 409 before the event starts",
)
@requires("events.change_paperattendance")
def put_paper_sheet(request, payload: PaperSheetIn, event_id: int = ID):
    user = request.auth
    event = services.get_event_for_user(user, event_id)
    data = {"nationality": payload.nationality.upper()}
    data.update({f"n_{cell.gender}_{cell.age_band or 'unknown'}": str(cell.count) for cell in payload.cells})
    form = PaperAttendanceForm(data)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    try:
        services.paper_attendance_set(
            event=event, by=user, counts=form.counts(), nationality=form.cleaned_data["nationality"]
        )
    except ValidationError as error:
        return Status(409, {"detail": _messages(error)})
    return paper_sheet_out(event)


@router.get(
    "/{event_id}/feedback",
    auth=StaffToken(),
    response={200: FeedbackOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary='"Was this useful for you?": online answers, the paper cards\' tally and the share useful',
)
@requires("events.view_feedback")
def get_feedback(request, event_id: int = ID):
    return feedback_out(services.get_event_for_user(request.auth, event_id))


@router.put(
    "/{event_id}/feedback/paper",
    auth=StaffToken(),
    response={200: FeedbackOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Enter the paper cards' tally (replaces it); 409 before the event starts",
)
@requires("events.view_feedback", "events.change_paperfeedback")
def put_paper_feedback(request, payload: FeedbackCounts, event_id: int = ID):
    user = request.auth
    event = services.get_event_for_user(user, event_id)
    form = PaperFeedbackForm({answer: str(count) for answer, count in payload.dict().items()})
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    try:
        services.paper_feedback_set(event=event, by=user, counts=form.counts())
    except ValidationError as error:
        return Status(409, {"detail": _messages(error)})
    return feedback_out(event)
