"""The service directory as Open Referral HSDS 3 (read-only, public JSON under /hsds/).

Mapping: the network is one organization; each centre is a location; each Service is an HSDS
service of the network, offered at the centres that list it (service_at_location); opening hours
are weekly schedules; the centre phone and the hotlines are phones; languages spoken are
languages; the cost is "free"; the institutions of the directory are organizations; the shared
topics are the terms of one taxonomy.

Identifiers are deterministic UUID5s of the model and primary key (see docs/hsds.md): a primary
key never changes, so an identifier once published never changes, and no migration was needed.

Translations (an Integra extension, HSDS 3 has none): ?lang=xx or Accept-Language picks the
language; Content-Language says which one was used; /hsds/ lists the available ones.
"""

import csv
import gzip
import io
import json
import math
import uuid
import zipfile
from datetime import datetime, time
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from integra.centres.models import Centre, Hotline, Institution, Service
from integra.core.i18n import pick
from integra.core.permissions import public
from integra.topics.models import Topic

HSDS_VERSION = "3.0"
PROFILE_URI = "https://integra.example/hsds/profiles/multilingual/1.0"
NAMESPACE = uuid.UUID("5b0f2f36-6d1c-4f0e-9a59-4e8f8f3c7a10")  # published: never change
NETWORK_ID = uuid.uuid5(NAMESPACE, "organization:network")
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:topics")
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class BadRequest(Exception):
    pass


def hsds_id(kind: str, pk) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def _language(request) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    asked = (request.GET.get("lang") or "").split("-")[0].lower()
    if asked in codes:
        return asked
    return translation.get_language_from_request(request, check_path=False).split("-")[0]


def hsds_view(func):
    """Public, GET only, language chosen per request, JSON errors the HSDS way, cacheable."""

    @public
    @require_GET
    @wraps(func)
    def wrapper(request, *args, **kwargs):
        language = _language(request)
        with translation.override(language):
            try:
                status, body = func(request, *args, **kwargs)
            except BadRequest as error:
                status, body = 400, {"error": "bad_request", "message": str(error)}
            response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        if status == 200:
            patch_cache_control(response, public=True, max_age=300)
        return response

    return wrapper


def _not_found(kind: str, value: str):
    return 404, {"error": "not_found", "message": _("No %(kind)s has the id %(id)s.") % {"kind": kind, "id": value}}


def _uuid(value: str, name: str) -> str:
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise BadRequest(_("%(name)s must be a UUID.") % {"name": name}) from None


def _page(request, items: list, serialise) -> dict:
    """Paginate an already-filtered list the HSDS way (page, per_page, total_items …)."""
    try:
        page = int(request.GET.get("page", 1))
        per_page = int(request.GET.get("per_page", DEFAULT_PER_PAGE))
    except ValueError:
        raise BadRequest(_("page and per_page must be whole numbers.")) from None
    if page < 1 or per_page < 1:
        raise BadRequest(_("page and per_page must be 1 or more."))
    per_page = min(per_page, MAX_PER_PAGE)
    total = len(items)
    total_pages = max(1, math.ceil(total / per_page))
    contents = [serialise(item) for item in items[(page - 1) * per_page : page * per_page]]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _filters(request) -> dict:
    """The HSDS filters, validated; combined with AND by the callers."""
    result = {"search": (request.GET.get("search") or "").strip().lower()}
    for name in ("taxonomy_term_id", "organization_id", "taxonomy_id"):
        value = request.GET.get(name)
        result[name] = _uuid(value, name) if value else None
    value = request.GET.get("modified_after")
    if value:
        try:
            parsed = parse_datetime(value) or parse_date(value)
        except ValueError:
            parsed = None
        if parsed is None:
            raise BadRequest(_("modified_after must be a date or date-time, e.g. 2026-01-31T00:00:00Z."))
        if not isinstance(parsed, datetime):
            parsed = datetime.combine(parsed, time.min)
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
    result["modified_after"] = parsed if value else None
    return result


def _modified_since(since, *objects) -> bool:
    return since is None or any(obj.modified_at >= since for obj in objects)


def _matches(search: str, *texts: dict | str) -> bool:
    if not search:
        return True
    for text in texts:
        values = text.values() if isinstance(text, dict) else [text]
        if any(search in (value or "").lower() for value in values):
            return True
    return False


# --- data, each read with a constant number of queries ------------------------------------------


def _services():
    return list(Service.objects.prefetch_related("centres__opening_hours"))


def _centres():
    return list(Centre.objects.active().prefetch_related("opening_hours", "services"))


def _topics():
    return list(Topic.objects.active())


def _hotlines():
    return list(Hotline.objects.all())


# --- serialisers ----------------------------------------------------------------------------


def _taxonomy() -> dict:
    return {
        "id": str(TAXONOMY_ID),
        "name": _("Integra topics"),
        "description": _("The topics the information centres give information and consultations on."),
        "version": "1",
    }


def _term(topic: Topic) -> dict:
    return {
        "id": hsds_id("topic", topic.pk),
        "code": topic.slug,
        "name": pick(topic.name) or topic.slug,
        "description": pick(topic.name) or topic.slug,
        "taxonomy": _("Integra topics"),
        "taxonomy_id": str(TAXONOMY_ID),
        "language": translation.get_language(),
    }


def _network(*, services: list | None = None) -> dict:
    data = {
        "id": str(NETWORK_ID),
        "name": _("Network of information centres for immigrants"),
        "description": _("Free information and consultations for immigrants in Bulgaria, in their language."),
    }
    if services is not None:
        data["services"] = services
    return data


def _institution(institution: Institution, *, full: bool = False) -> dict:
    org_id = hsds_id("institution", institution.pk)
    data = {
        "id": org_id,
        "name": pick(institution.name) or institution.slug,
        "description": institution.get_kind_display(),
    }
    if institution.email:
        data["email"] = institution.email
    if institution.website:
        data["website"] = institution.website
    if full:
        data["phones"] = (
            [
                {
                    "id": hsds_id("institution-phone", institution.pk),
                    "organization_id": org_id,
                    "number": institution.display_phone,
                }
            ]
            if institution.phone
            else []
        )
        data["services"] = []
    return data


def _schedule(hours, *, location_id: str) -> dict:
    return {
        "id": hsds_id("opening-hours", hours.pk),
        "location_id": location_id,
        "freq": "WEEKLY",
        "wkst": "MO",
        "byday": DAYS[hours.weekday],
        "opens_at": hours.opens.strftime("%H:%M"),
        "closes_at": hours.closes.strftime("%H:%M"),
        "description": str(hours),
        "attending_type": "in person",
    }


def _languages(codes: list, *, key: str, owner_id: str) -> list:
    names = dict(settings.LANGUAGES)
    return [
        {
            "id": str(uuid.uuid5(uuid.UUID(owner_id), f"language:{code}")),
            key: owner_id,
            "code": code,
            "name": str(names.get(code, code)),
        }
        for code in codes
    ]


def _location(centre: Centre) -> dict:
    location_id = hsds_id("centre", centre.pk)
    data = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": str(NETWORK_ID),
        "name": pick(centre.name) or centre.slug,
        "description": pick(centre.description) or pick(centre.address),
        "addresses": [
            {
                "id": hsds_id("centre-address", centre.pk),
                "location_id": location_id,
                "address_1": pick(centre.address),
                "city": pick(centre.city),
                "region": "",
                "state_province": pick(centre.city),
                "postal_code": centre.postcode or "",
                "country": "BG",
                "address_type": "physical",
            }
        ],
        "phones": (
            [{"id": hsds_id("centre-phone", centre.pk), "location_id": location_id, "number": centre.display_phone}]
            if centre.phone
            else []
        ),
        "schedules": [_schedule(hours, location_id=location_id) for hours in centre.opening_hours.all()],
        "languages": _languages(centre.languages, key="location_id", owner_id=location_id),
    }
    if centre.latitude is not None and centre.longitude is not None:
        data["latitude"] = float(centre.latitude)
        data["longitude"] = float(centre.longitude)
    return data


def _service_at_location_id(service: Service, centre: Centre) -> str:
    return hsds_id("service-at-location", f"{service.pk}:{centre.pk}")


def _service_summary(service: Service) -> dict:
    return {
        "id": hsds_id("service", service.pk),
        "organization_id": str(NETWORK_ID),
        "name": pick(service.name) or service.slug,
        "description": pick(service.description) or pick(service.name) or service.slug,
        "status": "active",
        "fees_description": _("Free of charge."),
        "last_modified": service.modified_at.isoformat(),
    }


def _service_full(service: Service, *, topics: list, hotlines: list) -> dict:
    data = _service_summary(service)
    service_id = data["id"]
    centres = [centre for centre in service.centres.all() if centre.is_active]
    spoken = sorted({code for centre in centres for code in centre.languages})
    data.update(
        {
            "phones": [
                {
                    "id": hsds_id("hotline-phone", hotline.pk),
                    "service_id": service_id,
                    "number": hotline.display_phone,
                    "type": "voice",
                    "description": pick(hotline.name) + (f" ({pick(hotline.hours)})" if pick(hotline.hours) else ""),
                }
                for hotline in hotlines
            ],
            "schedules": [],
            "service_areas": [],
            "service_at_locations": [
                {
                    "id": _service_at_location_id(service, centre),
                    "service_id": service_id,
                    "location_id": hsds_id("centre", centre.pk),
                    "location": _location(centre),
                    "schedules": [],
                    "phones": [],
                    "contacts": [],
                }
                for centre in centres
            ],
            "languages": _languages(spoken, key="service_id", owner_id=service_id),
            "organization": _network(),
            "funding": [],
            "cost_options": [
                {
                    "id": hsds_id("service-cost", service.pk),
                    "service_id": service_id,
                    "option": _("Free"),
                    "amount": 0,
                    "currency": "EUR",
                    "amount_description": _("Free of charge."),
                }
            ],
            "required_documents": [],
            "contacts": [],
            "attributes": [
                {
                    "id": str(uuid.uuid5(uuid.UUID(service_id), f"topic:{topic.pk}")),
                    "link_id": service_id,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": hsds_id("topic", topic.pk),
                    "taxonomy_term": _term(topic),
                }
                for topic in topics
            ],
        }
    )
    return data


def _service_topics(service: Service, topics: list) -> list:
    """Services are not tagged with topics yet: the consultations service covers every topic."""
    return topics if service.slug == "consultations" else []


def _filtered_services(request):
    filters = _filters(request)
    topics = _topics()
    result = []
    for service in _services():
        own_topics = _service_topics(service, topics)
        if not _matches(filters["search"], service.name, service.description):
            continue
        if filters["organization_id"] and filters["organization_id"] != str(NETWORK_ID):
            continue
        if filters["taxonomy_term_id"] and filters["taxonomy_term_id"] not in {
            hsds_id("topic", t.pk) for t in own_topics
        }:
            continue
        if filters["taxonomy_id"] and (filters["taxonomy_id"] != str(TAXONOMY_ID) or not own_topics):
            continue
        if not _modified_since(filters["modified_after"], service, *service.centres.all()):
            continue
        result.append(service)
    return result, topics


# --- views ----------------------------------------------------------------------------------


@hsds_view
def root(request):
    return 200, {
        "version": HSDS_VERSION,
        "profile": PROFILE_URI,
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
        "languages": [code for code, _name in settings.LANGUAGES],
        "language": translation.get_language(),
    }


@hsds_view
def openapi(request):

    document = json.loads((Path(__file__).parent / "hsds_schema" / "openapi.json").read_text(encoding="utf-8"))
    document["info"] = {
        "title": "Integra service directory (Open Referral HSDS 3)",
        "version": "1.0",
        "description": "The centres, services and institutions directory of the network. "
        "Integra extension: ?lang= or Accept-Language picks the language (profile " + PROFILE_URI + ").",
        "license": {
            "name": "CC BY-SA 4.0 (schema: Open Referral)",
            "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        },
    }
    document["servers"] = [{"url": request.build_absolute_uri(reverse("hsds:root")).rstrip("/")}]
    return 200, document


@hsds_view
def service_list(request):
    services, _topics_list = _filtered_services(request)
    return 200, _page(request, services, _service_summary)


@hsds_view
def service_detail(request, id):
    topics = _topics()
    hotlines = _hotlines()
    for service in _services():
        if hsds_id("service", service.pk) == id:
            return 200, _service_full(service, topics=_service_topics(service, topics), hotlines=hotlines)
    return _not_found("service", id)


def _organizations():
    return [None, *Institution.objects.all()]


def _organization_summary(item) -> dict:
    return _network() if item is None else _institution(item)


@hsds_view
def organization_list(request):
    filters = _filters(request)
    items = []
    for item in _organizations():
        if item is None:
            if not _matches(filters["search"], _network()["name"], _network()["description"]):
                continue
        elif not _matches(filters["search"], item.name, item.slug):
            continue
        if filters["organization_id"] and filters["organization_id"] != _organization_summary(item)["id"]:
            continue
        if item is not None and not _modified_since(filters["modified_after"], item):
            continue
        items.append(item)
    return 200, _page(request, items, _organization_summary)


@hsds_view
def organization_detail(request, id):
    if id == str(NETWORK_ID):
        data = _network(services=[_service_summary(service) for service in Service.objects.all()])
        data["phones"] = [
            {
                "id": hsds_id("hotline-phone", hotline.pk),
                "organization_id": id,
                "number": hotline.display_phone,
                "type": "voice",
                "description": pick(hotline.name),
            }
            for hotline in _hotlines()
        ]
        data["locations"] = [_location(centre) for centre in _centres()]
        return 200, data
    for institution in Institution.objects.all():
        if hsds_id("institution", institution.pk) == id:
            return 200, _institution(institution, full=True)
    return _not_found("organization", id)


def _service_at_locations():
    return [(service, centre) for centre in _centres() for service in centre.services.all()]


def _sal(pair, *, full: bool = False) -> dict:
    service, centre = pair
    data = {
        "id": _service_at_location_id(service, centre),
        "service_id": hsds_id("service", service.pk),
        "location_id": hsds_id("centre", centre.pk),
        "service": _service_summary(service),
    }
    location = _location(centre)
    if full:
        data.update({"location": location, "schedules": [], "phones": [], "contacts": []})
    else:
        data["location"] = {key: location[key] for key in ("id", "location_type", "organization_id", "name")}
    return data


@hsds_view
def service_at_location_list(request):
    filters = _filters(request)
    topics = _topics()
    items = []
    for service, centre in _service_at_locations():
        if not _matches(filters["search"], service.name, centre.name, centre.city):
            continue
        if filters["organization_id"] and filters["organization_id"] != str(NETWORK_ID):
            continue
        if filters["taxonomy_term_id"] and filters["taxonomy_term_id"] not in {
            hsds_id("topic", t.pk) for t in _service_topics(service, topics)
        }:
            continue
        if not _modified_since(filters["modified_after"], service, centre):
            continue
        items.append((service, centre))
    return 200, _page(request, items, _sal)


@hsds_view
def service_at_location_detail(request, id):
    for pair in _service_at_locations():
        if _service_at_location_id(*pair) == id:
            return 200, _sal(pair, full=True)
    return _not_found("service_at_location", id)


@hsds_view
def taxonomy_list(request):
    _filters(request)
    return 200, _page(request, [None], lambda _item: _taxonomy())


@hsds_view
def taxonomy_term_list(request):
    filters = _filters(request)
    items = [
        topic
        for topic in _topics()
        if _matches(filters["search"], topic.name, topic.slug)
        and (not filters["taxonomy_id"] or filters["taxonomy_id"] == str(TAXONOMY_ID))
    ]
    return 200, _page(request, items, _term)


# --- the tabular form: /hsds/export.zip (a CSV datapackage) ---------------------------------

TABLES = {  # our tables: HSDS table name -> the key its rows are collected under
    "organization": "organizations",
    "service": "services",
    "location": "locations",
    "service_at_location": "service_at_locations",
    "phone": "phones",
    "schedule": "schedules",
    "language": "languages",
    "address": "addresses",
    "cost_option": "cost_options",
    "attribute": "attributes",
    "taxonomy": "taxonomies",
    "taxonomy_term": "taxonomy_terms",
}


def tabular_schema() -> dict:

    path = Path(__file__).parent / "hsds_schema" / "compiled" / "tabular.json.gz"
    return json.loads(gzip.decompress(path.read_bytes()))


def _columns(item_schema: dict) -> list[str]:
    return [name for name, prop in item_schema["properties"].items() if prop.get("type") not in ("array", "object")]


def export_tables() -> dict[str, list[dict]]:
    """Every row of every exported table, from the same serialisers as the JSON endpoints."""
    topics = _topics()
    hotlines = _hotlines()
    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    rows["organization"].append(_network())
    rows["organization"].extend(_institution(i) for i in Institution.objects.all())
    for institution in Institution.objects.all():
        rows["phone"].extend(_institution(institution, full=True)["phones"])
    rows["phone"].extend(
        {
            "id": hsds_id("hotline-phone", hotline.pk),
            "organization_id": str(NETWORK_ID),
            "number": hotline.display_phone,
            "type": "voice",
            "description": pick(hotline.name),
        }
        for hotline in hotlines
    )
    for centre in _centres():
        location = _location(centre)
        rows["location"].append(location)
        rows["address"].extend(location["addresses"])
        rows["phone"].extend(location["phones"])
        rows["schedule"].extend(location["schedules"])
        rows["language"].extend(location["languages"])
    for service in _services():
        full = _service_full(service, topics=_service_topics(service, topics), hotlines=[])
        rows["service"].append(full)
        rows["cost_option"].extend(full["cost_options"])
        rows["language"].extend(full["languages"])
        rows["attribute"].extend(full["attributes"])
        rows["service_at_location"].extend(full["service_at_locations"])
    rows["taxonomy"].append(_taxonomy())
    rows["taxonomy_term"].extend(_term(topic) for topic in topics)
    return rows


def export_zip() -> bytes:

    tabular = tabular_schema()["properties"]
    resources = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, table_rows in export_tables().items():
            item = tabular[table]["items"]
            columns = _columns(item)
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
            writer.writeheader()
            for row in table_rows:
                writer.writerow({key: ("" if row.get(key) is None else row.get(key)) for key in columns})
            archive.writestr(item["path"], text.getvalue())
            resources.append(
                {
                    "name": table,
                    "path": item["path"],
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": {
                        "fields": [
                            {
                                key: item["properties"][name][key]
                                for key in ("name", "type", "format")
                                if key in item["properties"][name]
                            }
                            for name in columns
                        ],
                        "primaryKey": "id",
                    },
                }
            )
        package = {
            "name": "integra-hsds",
            "title": _("Network of information centres for immigrants"),
            "profile": "tabular-data-package",
            "licenses": [{"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/"}],
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
    return buffer.getvalue()


@public
@require_GET
def export(request):

    language = _language(request)
    with translation.override(language):
        response = HttpResponse(export_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="hsds.zip"'
    response["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language"])
    patch_cache_control(response, public=True, max_age=300)
    return response
