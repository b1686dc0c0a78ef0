"""Client files over the API: the same forms, services and access rules as the back office.

A file of another centre answers 404 exactly like a missing one; every opening is audit-logged.
"""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import requires
from integra.api.schemas import REFERENCE, SLUG, Error, form_errors
from integra.centres.models import Centre
from integra.clients import services
from integra.clients.forms import ClientForm, ClientSearchForm, ConsentForm, ShareForm
from integra.clients.models import Client
from integra.core.audit import as_actor

router = Router(tags=["clients"], auth=StaffToken())


class ConsentOut(Schema):
    purpose: str
    version: str
    given_on: str
    method: str
    withdrawn_on: str | None


class ClientOut(Schema):
    reference: str
    centre: str
    name: str
    phone: str
    email: str
    nationality: str
    gender: str
    year_of_birth: int | None
    languages: list[str]
    residence_status: str
    created_at: datetime
    erased: bool
    consents: list[ConsentOut]


class ClientPage(Schema):
    items: list[ClientOut]
    next_offset: int | None = Field(
        ..., description="The offset of the next page, or null on the last page (the list is not counted)."
    )


class ClientIn(Schema):
    name: str = ""
    phone: str = ""
    email: str = ""
    nationality: str = ""
    gender: str = "undisclosed"
    year_of_birth: int | None = None
    languages: list[str] = []
    residence_status: str = "unknown"


class ClientFilter(Schema):
    q: str = Field("", max_length=100)
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


def client_out(client: Client) -> dict:
    return services.client_data(client) | {"erased": client.is_erased}


@router.get(
    "",
    response={200: ClientPage, 401: Error, 403: Error, 422: Error},
    summary="Find client files of your centres by reference, name or phone",
)
@requires("clients.view_client")
def list_clients(request, filters: Query[ClientFilter]):
    user = request.auth
    form = ClientSearchForm({"q": filters.q})
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    clients = (
        Client.objects.for_user(user)
        .filter(erased_at__isnull=True)
        .search(form.cleaned_data["q"])
        .select_related("centre")
        .prefetch_related("consents")
        .order_by("-created_at", "-pk")
    )
    # Read one row more than the page instead of counting the table.
    rows = list(clients[filters.offset : filters.offset + filters.limit + 1])
    return {
        "items": [client_out(c) for c in rows[: filters.limit]],
        "next_offset": filters.offset + filters.limit if len(rows) > filters.limit else None,
    }


@router.get(
    "/{reference}",
    response={200: ClientOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="One client file (the opening is audit-logged)",
)
@requires("clients.view_client")
def get_client(request, reference: str = Path(..., pattern=REFERENCE)):
    user = request.auth
    with as_actor(user):
        client = services.get_client_for_user(user, reference)
    return client_out(client)


@router.post(
    "/centres/{centre}",
    response={201: ClientOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Open a client file in one of your centres (another centre answers 404)",
)
@requires("clients.add_client")
def create_client(request, payload: ClientIn, centre: str = Path(..., pattern=SLUG)):
    user = request.auth
    centre = get_object_or_404(Centre.objects.for_user(user).filter(is_active=True), slug=centre)
    data = payload.dict()
    data["centre"] = str(centre.pk)
    data["year_of_birth"] = "" if data["year_of_birth"] is None else str(data["year_of_birth"])
    form = ClientForm(data, user=user)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    cleaned = dict(form.cleaned_data)
    with as_actor(user):
        client = services.client_create(centre=cleaned.pop("centre"), by=user, **cleaned)
    return Status(201, client_out(client))


@router.get(
    "/{reference}/export",
    response={200: dict, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="One client file with the consultations you may read (another centre's are left out, as on the pages)",
)
@requires("clients.export_client")
def export_client(request, reference: str = Path(..., pattern=REFERENCE)):
    user = request.auth
    with as_actor(user):
        client = services.get_client_for_user(user, reference)
    return services.client_export(client=client, user=user)


@router.post(
    "/{reference}/data-subject-export",
    response={200: dict, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Everything about one client, every centre's consultations included, for handing to the client "
    "(data-subject access request): managers of the file's own centre only; audit-logged",
)
@requires("clients.export_client")
def export_client_for_data_subject(request, reference: str = Path(..., pattern=REFERENCE)):
    user = request.auth
    client = services.get_client_for_user(user, reference, log=False)
    if not services.may_export_for_data_subject(user, client):
        return Status(403, {"detail": "Only the client's own centre makes this export."})
    with as_actor(user):
        return services.client_export_for_data_subject(client=client, by=user, export_format="api")


class ConsentIn(Schema):
    purpose: str
    version: str = Field(..., max_length=32)
    given_on: str = Field(..., description="YYYY-MM-DD")
    method: str


class ShareIn(Schema):
    centre: str = Field(..., pattern=SLUG)
    override_reason: str = Field("", max_length=1000)


class ShareOut(Schema):
    centre: str
    override: bool


@router.post(
    "/{reference}/consents",
    response={201: ClientOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Record a consent (purpose, version of the text shown, date, how it was given)",
)
@requires("clients.change_client")
def add_consent(request, payload: ConsentIn, reference: str = Path(..., pattern=REFERENCE)):
    user = request.auth
    client = services.get_client_for_user(user, reference, log=False)
    form = ConsentForm(payload.dict())
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    with as_actor(user):
        services.consent_record(client=client, by=user, **form.cleaned_data)
    return Status(201, client_out(services.get_client_for_user(user, reference, log=False)))


@router.post(
    "/{reference}/consents/{consent_id}/withdraw",
    response={200: ClientOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Mark a consent as withdrawn (today)",
)
@requires("clients.change_client")
def withdraw_consent(
    request,
    reference: str = Path(..., pattern=REFERENCE),
    consent_id: int = Path(..., ge=1, le=2_147_483_647),
):
    user = request.auth
    client = services.get_client_for_user(user, reference, log=False)
    consent = get_object_or_404(client.consents.all(), pk=consent_id)
    with as_actor(user):
        services.consent_withdraw(consent=consent)
    return client_out(services.get_client_for_user(user, reference, log=False))


@router.post(
    "/{reference}/shares",
    response={201: ShareOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Share the file with another centre: needs the client's consent, or a reason from a manager "
    "of the client's centre (409 when refused)",
)
@requires("clients.change_client")
def share_client(request, payload: ShareIn, reference: str = Path(..., pattern=REFERENCE)):
    user = request.auth
    client = services.get_client_for_user(user, reference, log=False)
    centre = get_object_or_404(Centre.objects.active(), slug=payload.centre)
    form = ShareForm({"centre": centre.pk, "override_reason": payload.override_reason}, client=client)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    try:
        with as_actor(user):
            share = services.client_share(
                client=client, centre=centre, by=user, override_reason=form.cleaned_data["override_reason"]
            )
    except services.SharingRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, {"centre": share.centre.slug, "override": bool(share.override_reason)})


@router.post(
    "/{reference}/erase",
    response={200: ClientOut, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Erase (anonymise) the client; the consultations stay counted without identity",
)
@requires("clients.export_client")
def erase_client(request, reference: str = Path(..., pattern=REFERENCE)):
    user = request.auth
    client = services.get_client_for_user(user, reference, log=False)
    if not services.may_erase(user, client):
        return Status(403, {"detail": "Only the client's own centre or a coordinator erases a file."})
    with as_actor(user):
        services.client_erase(client=client, by=user)
    return client_out(services.get_client_for_user(user, reference, log=False))


class ClientUpdate(Schema):
    """Only the fields sent change; the rest keep their values."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None
    nationality: str | None = None
    gender: str | None = None
    year_of_birth: int | None = Field(None, ge=-1_000_000, le=1_000_000)
    languages: list[str] | None = None
    residence_status: str | None = None


@router.patch(
    "/{reference}",
    response={200: ClientOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Edit a client file (validated like the edit page; an erased file answers 403)",
)
@requires("clients.change_client")
def update_client(request, payload: ClientUpdate, reference: str = Path(..., pattern=REFERENCE)):
    user = request.auth
    client = services.get_client_for_user(user, reference, log=False)
    if client.is_erased:
        return Status(403, {"detail": str(_("This client file was erased."))})
    data = {
        "name": client.name,
        "phone": str(client.phone or ""),
        "email": client.email,
        "nationality": client.nationality.code or "",
        "gender": client.gender,
        "year_of_birth": "" if client.year_of_birth is None else str(client.year_of_birth),
        "languages": list(client.languages or []),
        "residence_status": client.residence_status,
    }
    changes = {key: value for key, value in payload.dict(exclude_unset=True).items() if value is not None}
    if "year_of_birth" in changes:
        changes["year_of_birth"] = str(changes["year_of_birth"])
    form = ClientForm(data | changes, instance=client, user=user)
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    with as_actor(user):
        services.client_update(client=client, **form.cleaned_data)
    return client_out(services.get_client_for_user(user, reference, log=False))
