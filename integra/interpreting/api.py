"""/api/v1/interpreting/: requests and offers with a staff token, through the same form and services as the
pages. A partner institution's token sees only its institution's requests (another's is a 404)."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Field, Path, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import requires
from integra.api.schemas import Error, form_errors
from integra.interpreting import services
from integra.interpreting.forms import RequestForm
from integra.interpreting.models import (
    DIALECT_LABELS,
    LANGUAGES,
    Direction,
    Feedback,
    InterpreterGender,
    Mediator,
    Mode,
    Request,
    Session,
)

router = Router(tags=["interpreting"], auth=StaffToken())
ID = Path(..., ge=1, le=2_147_483_647)


class RequestIn(Schema):
    centre: str = Field(..., max_length=50, description="The city's centre code: sofia, burgas, plovdiv, kardzhali.")
    language: Literal[tuple(LANGUAGES)]
    dialect: Literal[("", *DIALECT_LABELS)] = ""
    direction: Literal[tuple(Direction.values)] = "bg"
    interpreter_gender: Literal[("", *InterpreterGender.values)] = ""
    mode: Literal[("", *Mode.values)] = Field("", description="Empty: the suggested mode.")
    starts_at: datetime = Field(..., description="Not in the past (409 otherwise).")
    duration_minutes: int = Field(..., ge=1, le=services.MAX_DURATION)
    place: str = Field("", max_length=200)
    subject: Literal[tuple(Request.Subject.values)]
    urgency: Literal[tuple(Request.Urgency.values)] = "routine"
    bad_news: bool = False
    children: bool = False
    client_label: str = Field("", max_length=30, description="Initials or your reference, never the full name.")
    notes: str = Field("", max_length=4000)
    submission_key: str = Field("", max_length=64, description="The same key sent twice stores one request.")


class SessionOut(Schema):
    started_at: datetime
    ended_at: datetime
    minutes: int
    mode: str
    outcome: str


class RequestOut(Schema):
    id: int
    job_number: str
    status: str
    institution: str | None
    centre: str
    language: str
    dialect: str
    mode: str
    suggested_mode: str
    suggestion_reason: str
    starts_at: datetime
    duration_minutes: int
    subject: str
    flagged_no_speaker: bool
    interpreter: str | None
    interpreter_id: str | None
    late_cancellation: bool
    closed_side: str = Field(description="Who cancelled or did not come: requester, interpreter or service.")
    closed_reason: str
    closed_at: datetime | None
    session: SessionOut | None = None


class CancelIn(Schema):
    reason: str = Field(..., min_length=1, max_length=300)
    side: Literal[("", *Request.Side.values)] = Field("", description="Empty: the requester's side.")


class NoShowIn(Schema):
    side: Literal[Request.Side.REQUESTER.value, Request.Side.INTERPRETER.value]
    reason: str = Field("", max_length=300)


class SessionIn(Schema):
    started_at: datetime
    ended_at: datetime = Field(..., description="After the start (409 otherwise).")
    mode: Literal[tuple(Mode.values)]
    outcome: Literal[tuple(Session.Outcome.values)]


class FeedbackIn(Schema):
    understood: Literal[tuple(Feedback.Understood.values)]
    problem: str = Field("", max_length=500)


class FeedbackOut(Schema):
    side: str
    understood: str
    problem: str


class OffersIn(Schema):
    mediators: list[int] = Field(..., min_length=1, max_length=20)


class OffersOut(Schema):
    sent: int
    status: str


def request_out(job: Request) -> dict:
    return {
        "id": job.pk, "job_number": job.job_number, "status": job.status,
        "institution": job.institution.slug if job.institution_id else None, "centre": job.centre.slug,
        "language": job.language, "dialect": job.dialect, "mode": job.mode, "suggested_mode": job.suggested_mode,
        "suggestion_reason": services.suggestion_for(job)[1], "starts_at": job.starts_at,
        "duration_minutes": job.duration_minutes, "subject": job.subject, "flagged_no_speaker": job.flagged_no_speaker,
        "interpreter": job.mediator.name if job.mediator_id else None,
        "interpreter_id": job.mediator.code if job.mediator_id else None, "late_cancellation": job.late_cancellation,
        "closed_side": job.closed_side, "closed_reason": job.closed_reason, "closed_at": job.closed_at,
        "session": _session_out(job),
    }  # fmt: skip


def _session_out(job: Request) -> dict | None:
    session = Session.objects.filter(request=job).first() if job.status == Request.Status.DONE else None
    if session is None:
        return None
    return {"started_at": session.started_at, "ended_at": session.ended_at, "minutes": session.minutes,
            "mode": session.mode, "outcome": session.outcome}  # fmt: skip


def _aware(moment: datetime) -> datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _refused(error: ValidationError):
    return Status(409, {"detail": " ".join(error.messages)})


@router.get("/requests", response={200: list[RequestOut], 401: Error, 403: Error}, summary="Requests you may see")
@requires("interpreting.view_request")
def list_requests(request):
    return [request_out(job) for job in Request.objects.for_user(request.auth).with_details()[:200]]


@router.post(
    "/requests",
    response={201: RequestOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Ask for an interpreter (the back office's form and rules); 409 when a rule refuses it "
    "(a time in the past, a full name), 404 for a city you cannot ask for",
)
@requires("interpreting.add_request")
def create_request(request, payload: RequestIn):
    user = request.auth
    data = services.form_data_for_city(user, payload.dict())
    if data is None:
        return Status(404, {"detail": "No such city."})
    starts = data["starts_at"]
    starts = timezone.localtime(starts if timezone.is_aware(starts) else timezone.make_aware(starts))
    data["starts_at"] = starts.strftime("%Y-%m-%dT%H:%M")
    for flag in ("bad_news", "children"):
        data[flag] = "on" if data[flag] else ""
    form = RequestForm(data, user=user)
    if not form.is_valid():
        return Status(409, {"detail": form_errors(form)})
    try:
        job = services.request_create(by=user, **form.service_kwargs())
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, request_out(services.get_request_for_user(user, job.pk)))


@router.get("/requests/{request_id}", response={200: RequestOut, 401: Error, 403: Error, 404: Error, 422: Error})
@requires("interpreting.view_request")
def get_request(request, request_id: int = ID):
    return request_out(services.get_request_for_user(request.auth, request_id))


@router.post(
    "/requests/{request_id}/offers",
    response={200: OffersOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Offer the job to these mediators; the first to accept from their link gets it",
)
@requires("interpreting.confirm_request")
def send_offers(request, payload: OffersIn, request_id: int = ID):
    user = request.auth
    job = services.get_request_for_user(user, request_id)
    mediators = list(Mediator.objects.active().filter(pk__in=payload.mediators))
    try:
        sent = services.offers_send(by=user, request=job, mediators=mediators)
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    except PermissionDenied:
        return Status(403, {"detail": "You do not have permission to do this."})
    return {"sent": len(sent), "status": Request.Status.OFFERED}


CHANGE = {200: RequestOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


@router.post(
    "/requests/{request_id}/cancel",
    response=CHANGE,
    summary="Cancel a request: who, when and why are recorded; under one working day before the start it is "
    "flagged late (late_cancellation); 409 when it is already closed",
)
@requires("interpreting.cancel_request")
def cancel_request(request, payload: CancelIn, request_id: int = ID):
    user = request.auth
    job = services.get_request_for_user(user, request_id)
    try:
        services.request_cancel(by=user, request=job, reason=payload.reason, side=payload.side)
    except ValidationError as error:
        return _refused(error)
    return request_out(services.get_request_for_user(user, request_id))


@router.post(
    "/requests/{request_id}/no-show",
    response=CHANGE,
    summary="Record that the client (or institution) or the interpreter did not come to a confirmed job "
    "that has started; 409 otherwise",
)
@requires("interpreting.cancel_request")
def record_no_show(request, payload: NoShowIn, request_id: int = ID):
    user = request.auth
    job = services.get_request_for_user(user, request_id)
    try:
        services.request_no_show(by=user, request=job, side=payload.side, reason=payload.reason)
    except ValidationError as error:
        return _refused(error)
    return request_out(services.get_request_for_user(user, request_id))


@router.post(
    "/requests/{request_id}/session",
    response=CHANGE,
    summary="Log the session of a confirmed job (start, end, mode, outcome); 409 when the end is not after "
    "the start, the job is not confirmed or the session is already logged",
)
@requires("interpreting.add_session")
def log_session(request, payload: SessionIn, request_id: int = ID):
    user = request.auth
    job = services.get_request_for_user(user, request_id)
    try:
        services.session_log(
            by=user, request=job, started_at=_aware(payload.started_at), ended_at=_aware(payload.ended_at),
            mode=payload.mode, outcome=payload.outcome,
        )  # fmt: skip
    except ValidationError as error:
        return _refused(error)
    except PermissionDenied:
        return Status(403, {"detail": "You do not have permission to do this."})
    return request_out(services.get_request_for_user(user, request_id))


@router.post(
    "/requests/{request_id}/feedback",
    response={201: FeedbackOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Short feedback after the session, once per side: the job's interpreter gives the interpreter's, "
    "the institution or the centre the institution's; another mediator is refused (403)",
)
@requires("interpreting.add_feedback")
def give_feedback(request, payload: FeedbackIn, request_id: int = ID):
    user = request.auth
    job = services.get_request_for_user(user, request_id)
    try:
        given = services.feedback_give(by=user, request=job, understood=payload.understood, problem=payload.problem)
    except ValidationError as error:
        return _refused(error)
    except PermissionDenied:
        return Status(403, {"detail": "You do not have permission to do this."})
    return Status(201, {"side": given.side, "understood": given.understood, "problem": given.problem})
