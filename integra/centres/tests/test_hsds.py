"""/hsds/: the directory as Open Referral HSDS 3, validated against the official schemas."""

import copy
import gzip
import json
from datetime import time
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from referencing import Registry, Resource

from integra.centres import hsds
from integra.centres.models import Centre, Institution, OpeningHours, Service
from integra.topics.models import Topic

IN_REPO = Path(hsds.__file__).parent / "hsds_schema"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "standards" / "hsds" / "schema"


@cache
def schema_file(name: str) -> dict:
    """A schema from the in-repo copy (preferred), else from ../shared/standards/hsds."""
    for path in (IN_REPO / name, IN_REPO / f"{name}.gz"):
        if path.exists():
            data = path.read_bytes()
            return json.loads(gzip.decompress(data) if path.suffix == ".gz" else data)
    return json.loads((SHARED / name).read_text(encoding="utf-8"))


def no_additional_properties(schema):
    """What the official CI does (compiletojsonschema --set-additional-properties-false-everywhere)."""
    if isinstance(schema, dict):
        if "properties" in schema and isinstance(schema["properties"], dict):
            schema["additionalProperties"] = False
        for value in schema.values():
            no_additional_properties(value)
    elif isinstance(schema, list):
        for value in schema:
            no_additional_properties(value)
    return schema


@cache
def validator(name: str, *, strict: bool) -> jsonschema.protocols.Validator:
    schema = copy.deepcopy(schema_file(name))
    if strict:
        no_additional_properties(schema)
    resources = []
    for ref in ("metadata.json", "taxonomy.json"):
        ref_schema = copy.deepcopy(schema_file(ref))
        resources.append((ref, Resource.opaque(no_additional_properties(ref_schema) if strict else ref_schema)))
    registry = Registry().with_resources(resources)
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def validate(data, name: str, *, strict: bool = True):
    errors = sorted(validator(name, strict=strict).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def validate_page(body, item_schema: str):
    for key, kind in (("total_items", int), ("total_pages", int), ("page_number", int), ("size", int),
                      ("first_page", bool), ("last_page", bool), ("empty", bool), ("contents", list)):
        assert isinstance(body[key], kind), key
    for item in body["contents"]:
        validate(item, item_schema, strict=True)


def get(client, url, **params):
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def directory(reference_data):
    return None


def test_root_names_version_profile_openapi_and_languages(client, directory):
    body = get(client, "/hsds/").json()
    assert body["version"] == "3.0"
    assert body["profile"] == hsds.PROFILE_URI
    assert body["openapi_url"].endswith("/hsds/openapi.json")
    assert body["languages"] == ["bg", "en", "ar", "fa", "ru", "uk", "tr"]
    document = get(client, "/hsds/openapi.json").json()
    assert "/services/{id}" in document["paths"]


def test_services_list_and_detail_validate_strictly(client, directory):
    response = get(client, "/hsds/services")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    body = response.json()
    validate_page(body, "compiled/service_list.json")
    assert body["total_items"] == Service.objects.count()
    for item in body["contents"]:
        detail = get(client, f"/hsds/services/{item['id']}")
        assert detail.status_code == 200
        data = detail.json()
        validate(data, "compiled/service.json")
        assert data["cost_options"][0]["amount"] == 0
        assert {"+359 2 939 4755", "+359 2 939 4747"} <= {phone["number"] for phone in data["phones"]}


def test_a_service_lists_its_centres_with_hours_phones_and_languages(client, directory):
    service = Service.objects.get(slug="consultations")
    data = get(client, f"/hsds/services/{hsds.hsds_id('service', service.pk)}").json()
    sofia = next(sal["location"] for sal in data["service_at_locations"] if "Sofia" in sal["location"]["name"])
    assert {s["byday"] for s in sofia["schedules"]} == {"MO", "TU", "WE", "TH", "FR", "SA"}
    assert sofia["phones"][0]["number"].startswith("+359")
    assert {language["code"] for language in sofia["languages"]} == {"bg", "en", "ar", "fa", "ru", "uk", "tr"}
    assert len(data["attributes"]) == Topic.objects.active().count()


def test_organizations_are_the_network_and_the_institutions(client, directory):
    body = get(client, "/hsds/organizations", per_page=100).json()
    validate_page(body, "compiled/organization_list.json")
    assert body["total_items"] == 1 + Institution.objects.count()
    for item in body["contents"]:
        detail = get(client, f"/hsds/organizations/{item['id']}")
        assert detail.status_code == 200
        validate(detail.json(), "compiled/organization.json")
    network = get(client, f"/hsds/organizations/{hsds.NETWORK_ID}").json()
    assert len(network["locations"]) == Centre.objects.active().count()


def test_service_at_locations_validate_strictly(client, directory):
    body = get(client, "/hsds/service_at_locations", per_page=100).json()
    validate_page(body, "compiled/service_at_location_list.json")
    assert body["total_items"] == sum(c.services.count() for c in Centre.objects.active())
    first = body["contents"][0]
    detail = get(client, f"/hsds/service_at_locations/{first['id']}")
    assert detail.status_code == 200
    validate(detail.json(), "compiled/service_at_location.json")


def test_taxonomies_and_terms_validate_strictly(client, directory):
    taxonomies = get(client, "/hsds/taxonomies").json()
    validate_page(taxonomies, "taxonomy.json")
    terms = get(client, "/hsds/taxonomy_terms", per_page=100).json()
    validate_page(terms, "taxonomy_term.json")
    assert terms["total_items"] == Topic.objects.active().count()


def test_the_strict_check_catches_an_extra_property(client, directory):
    body = get(client, "/hsds/services").json()
    item = dict(body["contents"][0], colour="blue")
    with pytest.raises(AssertionError):
        validate(item, "compiled/service_list.json")
    validate(item, "compiled/service_list.json", strict=False)


def test_ids_are_stable_across_requests_and_edits(client, directory):
    service = Service.objects.get(slug="consultations")
    before = get(client, "/hsds/services").json()["contents"]
    service.name = {"en": "Renamed"}
    service.slug = "renamed"
    service.save()
    after = get(client, "/hsds/services").json()["contents"]
    assert [item["id"] for item in before] == [item["id"] for item in after]


def test_filters_combine_with_and(client, directory):
    topic = Topic.objects.active().first()
    term_id = hsds.hsds_id("topic", topic.pk)
    by_term = get(client, "/hsds/services", taxonomy_term_id=term_id).json()
    assert [item["name"] for item in by_term["contents"]] == ["Free individual consultations"]
    both = get(client, "/hsds/services", taxonomy_term_id=term_id, search="course").json()
    assert both["total_items"] == 0 and both["empty"] is True
    by_search = get(client, "/hsds/services", search="course").json()
    assert by_search["total_items"] == 2
    other_org = get(client, "/hsds/services", organization_id=hsds.hsds_id("institution", 1)).json()
    assert other_org["total_items"] == 0
    network = get(client, "/hsds/services", organization_id=str(hsds.NETWORK_ID)).json()
    assert network["total_items"] == Service.objects.count()


def test_pagination_the_hsds_way_with_per_page_capped(client, directory):
    first = get(client, "/hsds/services", per_page=3).json()
    assert (first["size"], first["page_number"], first["first_page"], first["last_page"]) == (3, 1, True, False)
    assert first["total_pages"] == -(-Service.objects.count() // 3)
    last = get(client, "/hsds/services", per_page=3, page=first["total_pages"]).json()
    assert last["last_page"] is True and last["first_page"] is False
    capped = get(client, "/hsds/organizations", per_page=10000).json()
    assert capped["size"] == min(capped["total_items"], hsds.MAX_PER_PAGE)


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        ("/hsds/services", {"taxonomy_term_id": "not-a-uuid"}, "taxonomy_term_id must be a UUID."),
        ("/hsds/services", {"organization_id": "123"}, "organization_id must be a UUID."),
        ("/hsds/services", {"modified_after": "yesterday"}, "modified_after must be a date"),
        ("/hsds/services", {"modified_after": "2026-13-45"}, "modified_after must be a date"),
        ("/hsds/organizations", {"page": "two"}, "page and per_page must be whole numbers."),
        ("/hsds/taxonomy_terms", {"per_page": "0"}, "page and per_page must be 1 or more."),
    ],
)
def test_malformed_filters_get_a_400_with_a_clear_message(client, directory, url, params, message):
    response = get(client, url, **params)
    assert response.status_code == 400
    assert response.json()["message"].startswith(message)


@pytest.mark.parametrize("kind", ["services", "organizations", "service_at_locations"])
def test_an_unknown_id_is_an_hsds_404(client, directory, kind):
    response = get(client, f"/hsds/{kind}/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert get(client, f"/hsds/{kind}/nonsense").status_code == 404


def test_it_is_public_and_read_only(client, directory):
    assert client.get("/hsds/services").status_code == 200
    assert client.post("/hsds/services").status_code == 405


@pytest.mark.parametrize("language", ["bg", "en", "ar", "fa", "ru", "uk", "tr"])
def test_services_answer_in_every_interface_language(client, directory, language):
    service = Service.objects.get(slug="consultations")
    response = client.get("/hsds/services", {"lang": language})
    assert response["Content-Language"] == language
    names = [item["name"] for item in response.json()["contents"]]
    assert service.name[language] in names
    validate_page(response.json(), "compiled/service_list.json")


def test_accept_language_is_used_when_lang_is_absent(client, directory):
    response = client.get("/hsds/taxonomy_terms", HTTP_ACCEPT_LANGUAGE="uk")
    assert response["Content-Language"] == "uk"
    assert response.json()["contents"][0]["language"] == "uk"


def _add_centres(count: int):
    services = list(Service.objects.all())
    for n in range(count):
        centre = Centre.objects.create(slug=f"extra-{n}", name={"en": f"Extra {n}"}, languages=["bg"])
        centre.services.set(services)
        OpeningHours.objects.create(centre=centre, weekday=0, opens=time(9), closes=time(12))


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/hsds/services", 4),
        ("/hsds/service_at_locations?per_page=100", 4),
        ("/hsds/organizations?per_page=100", 1),
        ("/hsds/taxonomy_terms", 1),
    ],
)
def test_list_pages_cost_a_constant_number_of_queries(client, directory, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        client.get(url)
    _add_centres(5)
    with django_assert_num_queries(queries):
        client.get(url)


def test_service_detail_costs_a_constant_number_of_queries(client, directory, django_assert_num_queries):
    service = Service.objects.get(slug="consultations")
    url = f"/hsds/services/{hsds.hsds_id('service', service.pk)}"
    with django_assert_num_queries(5):
        client.get(url)
    _add_centres(5)
    with django_assert_num_queries(5):
        client.get(url)


def test_error_messages_and_names_follow_the_language(client, directory):
    response = client.get("/hsds/services", {"lang": "bg", "taxonomy_term_id": "x"})
    assert response.json()["message"] == "taxonomy_term_id трябва да е UUID."
    network = client.get(f"/hsds/organizations/{hsds.NETWORK_ID}", {"lang": "ar"}).json()
    assert network["name"] == "شبكة مراكز المعلومات للمهاجرين"


def _typed(row: dict, item: dict) -> dict:
    """A CSV row as the values the tabular schema describes (empty cells are absent)."""
    result = {}
    for key, value in row.items():
        if value == "":
            continue
        kind = item["properties"][key].get("type")
        result[key] = float(value) if kind == "number" else value
    return result


def test_export_zip_is_a_datapackage_that_validates_against_tabular_json(client, directory):
    import csv
    import io
    import zipfile

    response = client.get("/hsds/export.zip", {"lang": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    package = json.loads(archive.read("datapackage.json"))
    tabular = schema_file("compiled/tabular.json")["properties"]
    assert {r["name"] for r in package["resources"]} == set(hsds.TABLES)
    for resource in package["resources"]:
        item = copy.deepcopy(tabular[resource["name"]]["items"])
        assert resource["path"] == item["path"]
        item["properties"] = {k: v for k, v in item["properties"].items() if v.get("type") not in ("array", "object")}
        item.pop("datapackage_metadata", None)
        no_additional_properties(item)
        check = jsonschema.Draft202012Validator(item, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        reader = csv.DictReader(io.StringIO(archive.read(resource["path"]).decode("utf-8")))
        assert reader.fieldnames == [field["name"] for field in resource["schema"]["fields"]]
        rows = list(reader)
        assert rows, resource["name"]
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), f"duplicate ids in {resource['path']}"
        for row in rows:
            errors = list(check.iter_errors(_typed(row, item)))
            assert not errors, f"{resource['path']}: {errors[0].message}"
    services = list(csv.DictReader(io.StringIO(archive.read("services.csv").decode("utf-8"))))
    assert len(services) == Service.objects.count()


def test_modified_after_keeps_what_changed_since(client, directory):
    import time_machine

    with time_machine.travel("2030-03-01T10:00:00Z"):
        Service.objects.get(slug="interpreting").save()
        Institution.objects.get(slug="nhif").save()
    changed = get(client, "/hsds/services", modified_after="2030-03-01").json()
    assert [item["name"] for item in changed["contents"]] == ["Interpreters and cultural mediators"]
    assert changed["contents"][0]["last_modified"].startswith("2030-03-01T10:00:00")
    assert get(client, "/hsds/services", modified_after="2030-03-01T10:00:01Z").json()["total_items"] == 0
    orgs = get(client, "/hsds/organizations", modified_after="2030-03-01T00:00:00+02:00").json()
    assert [item["id"] for item in orgs["contents"]] == [
        str(hsds.NETWORK_ID), hsds.hsds_id("institution", Institution.objects.get(slug="nhif").pk)
    ]
    with time_machine.travel("2030-04-01T10:00:00Z"):
        Centre.objects.get(slug="burgas").save()
    at_locations = get(client, "/hsds/service_at_locations", modified_after="2030-04-01", per_page=100).json()
    assert at_locations["total_items"] == Centre.objects.get(slug="burgas").services.count()
    combined = get(client, "/hsds/services", modified_after="2030-04-01", search="course").json()
    assert combined["total_items"] == 2
