"""Appointments over the API (issue 12 item 12): an operator's tool or a partner books, moves, cancels
and marks arrived for someone on the phone, through the booking service and the booking's own forms
(LanguageStep and ContactStep validate exactly as on the public pages). A centre outside the token
owner's centres answers 404, like a missing one."""

from datetime import date, datetime, timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import requires
from integra.api.schemas import SLUG, Error, form_errors
from integra.centres.models import Centre
from integra.consultations import services
from integra.consultations.booking import ContactStep, LanguageStep
from integra.consultations.models import Appointment
from integra.core.audit import as_actor
from integra.topics.models import Topic

router = Router(tags=["appointments"], auth=StaffToken())
ID = Path(..., ge=1, le=2_147_483_647)


class AppointmentOut(Schema):
    id: int
    reference: str
    centre: str
    start: datetime
    end: datetime
    topic: str
    language: str
    interpreter_needed: bool
    name: str
    phone: str
    email: str
    status: str
    consultation: int | None = None


class DayFilter(Schema):
    centre: str = Field(..., pattern=SLUG)
    day: date | None = Field(None, description="Local day in Sofia; today when left out.")


class SlotsOut(Schema):
    centre: str
    day: date
    free: list[datetime]


class BookIn(Schema):
    centre: str = Field(..., pattern=SLUG)
    start: datetime = Field(..., description="One of the free slots (GET /slots), with its time zone.")
    topic: str = Field(..., pattern=SLUG)
    language: str = Field(..., max_length=8)
    interpreter_needed: bool = False
    name: str = Field(..., max_length=300)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=300)


class RescheduleIn(Schema):
    start: datetime


def appointment_out(appointment: Appointment) -> dict:
    consultation = getattr(appointment, "consultation", None)
    return {
        "id": appointment.pk,
        "reference": appointment.reference,
        "centre": appointment.centre.slug,
        "start": appointment.start,
        "end": appointment.end,
        "topic": appointment.topic.slug,
        "language": appointment.language,
        "interpreter_needed": appointment.interpreter_needed,
        "name": appointment.name,
        "phone": str(appointment.phone or ""),
        "email": appointment.email,
        "status": appointment.status,
        "consultation": consultation.pk if consultation is not None else None,
    }


def _centre(user, slug: str) -> Centre:
    return get_object_or_404(Centre.objects.for_user(user).filter(is_active=True), slug=slug)


def _appointment(user, appointment_id: int) -> Appointment:
    return get_object_or_404(
        Appointment.objects.for_user(user).select_related("centre", "topic", "consultation"), pk=appointment_id
    )


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return start, start + timedelta(days=1)


@router.get(
    "",
    response={200: list[AppointmentOut], 401: Error, 403: Error, 404: Error, 422: Error},
    summary="A centre's appointments on one day (today by default), in time order",
)
@requires("consultations.view_appointment")
def list_appointments(request, filters: Query[DayFilter]):
    centre = _centre(request.auth, filters.centre)
    first, after = _day_bounds(filters.day or timezone.localdate())
    appointments = (
        Appointment.objects.for_user(request.auth)
        .filter(centre=centre, start__gte=first, start__lt=after)
        .select_related("centre", "topic", "consultation")
        .order_by("start", "pk")
    )
    return [appointment_out(a) for a in appointments]


@router.get(
    "/slots",
    response={200: SlotsOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="The free times at a centre on one day, for booking",
)
@requires("consultations.view_appointment")
def list_free_slots(request, filters: Query[DayFilter]):
    centre = _centre(request.auth, filters.centre)
    day = filters.day or timezone.localdate()
    free = services.free_slots(centre, starts=services.centre_slots(centre, first_day=day, days=1))
    return {"centre": centre.slug, "day": day, "free": [s for s in free if s > timezone.now()]}


@router.post(
    "",
    response={201: AppointmentOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Book a free time for a caller (no limit per phone number: staff book on someone's behalf)",
)
@requires("consultations.change_appointment")
def book_appointment(request, payload: BookIn):
    user = request.auth
    centre = _centre(user, payload.centre)
    topic = Topic.objects.filter(slug=payload.topic).first()
    if topic is None:
        return Status(422, {"detail": "topic: No topic has this slug."})
    language = LanguageStep({"language": payload.language, "interpreter_needed": payload.interpreter_needed})
    contact = ContactStep({"name": payload.name, "phone": payload.phone, "email": payload.email})
    if not (language.is_valid() and contact.is_valid()):
        return Status(422, {"detail": " ".join(form_errors(f) for f in (language, contact) if f.errors)})
    try:
        with as_actor(user):
            appointment = services.appointment_book(
                centre=centre,
                start=payload.start,
                topic=topic,
                language=language.cleaned_data["language"],
                interpreter_needed=language.cleaned_data["interpreter_needed"],
                name=contact.cleaned_data["name"],
                phone=contact.cleaned_data["phone"] or "",
                email=contact.cleaned_data["email"],
                cap_per_contact=False,
            )
    except services.SlotTaken as error:
        return Status(409, {"detail": str(error)})
    except services.SlotInvalid as error:
        return Status(422, {"detail": f"start: {error}"})
    return Status(201, appointment_out(_appointment(user, appointment.pk)))


@router.get(
    "/{appointment_id}",
    response={200: AppointmentOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="One appointment of your centres",
)
@requires("consultations.view_appointment")
def get_appointment(request, appointment_id: int = ID):
    return appointment_out(_appointment(request.auth, appointment_id))


@router.post(
    "/{appointment_id}/cancel",
    response={200: AppointmentOut, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Cancel a booking (a past or attended one answers 409)",
)
@requires("consultations.change_appointment")
def cancel_appointment(request, appointment_id: int = ID):
    appointment = _appointment(request.auth, appointment_id)
    if not appointment.can_change:
        return Status(409, {"detail": "This booking can no longer be changed."})
    with as_actor(request.auth):
        services.appointment_cancel(appointment=appointment)
    return appointment_out(appointment)


@router.post(
    "/{appointment_id}/reschedule",
    response={200: AppointmentOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Move a booking to another free time at the same centre",
)
@requires("consultations.change_appointment")
def reschedule_appointment(request, payload: RescheduleIn, appointment_id: int = ID):
    appointment = _appointment(request.auth, appointment_id)
    if not appointment.can_change:
        return Status(409, {"detail": "This booking can no longer be changed."})
    if payload.start <= timezone.now():
        return Status(422, {"detail": "start: This time has passed."})
    try:
        with as_actor(request.auth):
            services.appointment_reschedule(appointment=appointment, start=payload.start)
    except services.SlotTaken as error:
        return Status(409, {"detail": str(error)})
    except services.SlotInvalid as error:
        return Status(422, {"detail": f"start: {error}"})
    return appointment_out(appointment)


@router.post(
    "/{appointment_id}/arrived",
    response={200: AppointmentOut, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="The visitor arrived: the booking becomes a consultation record (once) to complete",
)
@requires("consultations.add_consultation")
def mark_arrived(request, appointment_id: int = ID):
    appointment = _appointment(request.auth, appointment_id)
    if appointment.status not in Appointment.ACTIVE:
        return Status(409, {"detail": "A cancelled booking cannot be marked arrived."})
    with as_actor(request.auth):
        services.appointment_to_consultation(appointment=appointment, by=request.auth)
    return appointment_out(_appointment(request.auth, appointment_id))

