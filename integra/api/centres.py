from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import public, requires
from integra.api.schemas import CentreOut, CentrePatch, Error, HotlineOut, InstitutionOut, InstitutionPage
from integra.centres.forms import CentreForm, OpeningHoursFormSet
from integra.centres.models import Centre, Hotline, Institution, Service
from integra.centres.services import centre_update
from integra.core.audit import as_actor

router = Router(tags=["centres"])
institutions_router = Router(tags=["institutions"])
hotlines_router = Router(tags=["centres"])


def centre_out(centre: Centre) -> dict:
    return {
        "slug": centre.slug,
        "name": centre.name,
        "city": centre.city,
        "address": centre.address,
        "postcode": centre.postcode,
        "phone": str(centre.phone or ""),
        "email": centre.email,
        "languages": centre.languages,
        "services": [service.slug for service in centre.services.all()],
        "opening_hours": [
            {"weekday": h.weekday, "opens": f"{h.opens:%H:%M}", "closes": f"{h.closes:%H:%M}"}
            for h in centre.opening_hours.all()
        ],
    }


@router.get("", response=list[CentreOut], summary="All centres of the network")
@public
def list_centres(request):
    return [centre_out(c) for c in Centre.objects.active().with_details()]


@router.get("/{slug}", response={200: CentreOut, 404: Error}, summary="One centre")
@public
def get_centre(request, slug: str):
    return centre_out(get_object_or_404(Centre.objects.active().with_details(), slug=slug))


@router.patch(
    "/{slug}",
    auth=StaffToken(),
    response={200: CentreOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Change a centre's phone, e-mail, languages, services or opening hours (its managers)",
)
@requires("centres.change_centre")
def patch_centre(request, slug: str, payload: CentrePatch):
    user = request.auth
    centre = get_object_or_404(Centre.objects.editable_by(user).with_details(), slug=slug)
    changes = payload.dict(exclude_unset=True)
    # Validate with the same form and formset the back office uses.
    current = centre_out(centre)
    form = CentreForm(
        {
            "phone": changes.get("phone", current["phone"]) or "",
            "email": changes.get("email", current["email"]) or "",
            "languages": changes.get("languages", current["languages"]) or [],
            "services": _service_ids(changes.get("services", current["services"]) or []),
        },
        instance=centre,
    )
    hours_data = None
    if changes.get("opening_hours") is not None:
        rows = changes["opening_hours"]
        hours_data = {"hours-TOTAL_FORMS": str(len(rows)), "hours-INITIAL_FORMS": "0"}
        for i, row in enumerate(rows):
            hours_data |= {
                f"hours-{i}-weekday": str(row["weekday"]),
                f"hours-{i}-opens": row["opens"],
                f"hours-{i}-closes": row["closes"],
            }
    hours = OpeningHoursFormSet(hours_data, prefix="hours") if hours_data else None
    errors = []
    if not form.is_valid():
        errors += [f"{field}: {' '.join(messages)}" for field, messages in form.errors.items()]
    if hours is not None and not hours.is_valid():
        errors += [str(e) for e in hours.non_form_errors()]
        errors += [f"opening_hours: {' '.join(m)}" for f in hours.errors for m in f.values()]
    if errors:
        return Status(422, {"detail": " ".join(errors)})
    with as_actor(user):
        centre_update(
            centre=centre,
            phone=form.cleaned_data["phone"] if "phone" in changes else None,
            email=form.cleaned_data["email"] if "email" in changes else None,
            languages=form.cleaned_data["languages"] if "languages" in changes else None,
            services=form.cleaned_data["services"] if "services" in changes else None,
            opening_hours=hours.hours() if hours is not None else None,
        )
    return centre_out(Centre.objects.with_details().get(pk=centre.pk))


def _service_ids(slugs: list[str]) -> list[str]:

    found = dict(Service.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    # Unknown codes are passed through so that the form reports them as invalid choices.
    return [str(found.get(slug, slug)) for slug in slugs]


class InstitutionFilter(Schema):
    kind: str | None = Field(None, max_length=32)
    topic: str | None = Field(None, max_length=50)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


def institution_out(institution: Institution) -> dict:
    return {
        "slug": institution.slug,
        "kind": institution.kind,
        "name": institution.name,
        "city": institution.city,
        "address": institution.address,
        "phone": str(institution.phone or ""),
        "email": institution.email,
        "website": institution.website,
        "topics": [topic.slug for topic in institution.topics.all()],
    }


@institutions_router.get(
    "", response={200: InstitutionPage, 422: Error}, summary="The directory of institutions clients are referred to"
)
@public
def list_institutions(request, filters: Query[InstitutionFilter]):
    qs = Institution.objects.prefetch_related("topics")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.topic:
        qs = qs.filter(topics__slug=filters.topic)
    page = qs[filters.offset : filters.offset + filters.limit]
    return {"count": qs.count(), "items": [institution_out(i) for i in page]}


@institutions_router.get("/{slug}", response={200: InstitutionOut, 404: Error}, summary="One institution")
@public
def get_institution(request, slug: str):
    return institution_out(get_object_or_404(Institution.objects.prefetch_related("topics"), slug=slug))


@hotlines_router.get("", response=list[HotlineOut], summary="The network's hotlines")
@public
def list_hotlines(request):
    return [
        {"name": h.name, "phone": str(h.phone), "hours": h.hours, "languages": h.languages}
        for h in Hotline.objects.all()
    ]
