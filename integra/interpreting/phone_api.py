"""/api/v1/interpreting/phone: start phone interpretation now and follow it, through the same form and service as
the back-office page. A partner institution's token sees only its institution's calls (another's is a 404)."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Path, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import requires
from integra.api.schemas import Error, form_errors
from integra.interpreting import phone, services
from integra.interpreting.models import DIALECT_LABELS, LANGUAGES, Direction, InterpreterGender, Request, Session
from integra.interpreting.phone_forms import PhoneRequestForm
from integra.interpreting.phone_models import PhoneCall

router = Router(tags=["interpreting"], auth=StaffToken())
ID = Path(..., ge=1, le=2_147_483_647)


class PhoneIn(Schema):
    requester_phone: str = Field(..., max_length=32, description="The phone to join: yours, or the call you are on.")
    other_phone: str = Field("", max_length=32, description="The client's phone when they are not with you.")
    centre: str = Field(..., max_length=50, description="The city's centre code: sofia, burgas, plovdiv, kardzhali.")
    language: Literal[tuple(LANGUAGES)]
    dialect: Literal[("", *DIALECT_LABELS)] = ""
    direction: Literal[tuple(Direction.values)] = "bg"
    interpreter_gender: Literal[("", *InterpreterGender.values)] = ""
    subject: Literal[tuple(Request.Subject.values)]
    client_label: str = Field("", max_length=30, description="Initials or your reference, never the full name.")
    notes: str = Field("", max_length=4000)
    submission_key: str = Field("", max_length=64, description="The same key sent twice starts one call.")


class AttemptOut(Schema):
    position: int
    interpreter_id: str
    state: str


class SessionOut(Schema):
    started_at: datetime
    ended_at: datetime
    minutes: int
    interpreter_id: str


class PhoneOut(Schema):
    request_id: int
    job_number: str
    state: Literal[tuple(PhoneCall.State.values)]
    state_label: str
    request_status: str
    language: str
    dialect: str
    interpreter: str | None
    interpreter_id: str | None
    attempts: list[AttemptOut]
    session: SessionOut | None


def phone_out(call: PhoneCall) -> dict:
    job = call.request
    session = Session.objects.select_related("mediator").filter(request=job).first() if job.status == "done" else None
    return {
        "request_id": job.pk, "job_number": job.job_number, "state": call.state,
        "state_label": call.get_state_display(), "request_status": job.status, "language": job.language,
        "dialect": job.dialect,
        "interpreter": job.mediator.name if job.mediator_id else None,
        "interpreter_id": job.mediator.code if job.mediator_id else None,
        "attempts": [{"position": a.position, "interpreter_id": a.mediator.code, "state": a.state}
                     for a in call.attempts.all()],
        "session": {"started_at": session.started_at, "ended_at": session.ended_at, "minutes": session.minutes,
                    "interpreter_id": session.mediator.code} if session else None,
    }  # fmt: skip


@router.post(
    "",
    response={201: PhoneOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Phone interpretation now: call the available phone interpreters one after another and join the first "
    "to accept with your phone; 409 with the form's message when it refuses (a phone number, a full name)",
)
@requires("interpreting.add_request")
def start_phone(request, payload: PhoneIn):
    user = request.auth
    data = services.form_data_for_city(user, payload.dict())
    if data is None:
        return Status(404, {"detail": "No such city."})
    form = PhoneRequestForm(data, user=user)
    if not form.is_valid():
        return Status(409, {"detail": form_errors(form)})
    try:
        call = phone.phone_request_start(by=user, **form.service_kwargs())
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, phone_out(phone.get_phone_call_for_user(user, call.request_id)))


@router.get(
    "/{request_id}",
    response={200: PhoneOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Where a phone interpretation call is: calling, connecting, connected, ended, nobody reached…",
)
@requires("interpreting.view_request")
def get_phone(request, request_id: int = ID):
    return phone_out(phone.get_phone_call_for_user(request.auth, request_id))
