"""Cache-Control: no-store on every back-office page and every authenticated API response (issue 9, finding 6)."""

import re

import pytest
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver

from integra.accounts.services import api_token_create
from tests.base import signed_in

SAMPLE = {"int": "1", "slug": "sofia", "str": "sofia", "uuid": "00000000-0000-0000-0000-000000000000", "path": "x"}


def walk(patterns, prefix=""):
    for entry in patterns:
        # The language prefix prints as the active language; ask every back-office page in English.
        route = prefix + ("en/" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def concrete(route: str) -> str:
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)


def back_office_urls() -> list[str]:
    return sorted({concrete(r) for r in walk(get_resolver().url_patterns) if r.startswith("en/staff/")})


def test_the_walk_finds_the_back_office():
    urls = back_office_urls()
    assert "/en/staff/" in urls and "/en/staff/clients/" in urls and len(urls) > 30


@pytest.mark.parametrize("username", ["coordinator", "consultant.sofia", "member"])
def test_every_back_office_url_answers_no_store_whoever_asks_and_whatever_the_answer(client, staff, username):
    signed_in(client, staff[username])
    missing = {}
    for url in back_office_urls():
        response = client.get(url)
        if "no-store" not in response.get("Cache-Control", ""):
            missing[url] = (response.status_code, response.get("Cache-Control"))
    assert missing == {}


def test_anonymous_back_office_redirects_to_sign_in_are_not_stored_either(client, reference_data):
    response = client.get("/en/staff/clients/")
    assert response.status_code == 302 and "no-store" in response["Cache-Control"]


def test_the_django_admin_and_the_back_office_in_other_languages_are_not_stored(client, staff):
    signed_in(client, staff["administrator"])
    assert "no-store" in client.get("/admin/").get("Cache-Control", "")
    assert "no-store" in client.get("/bg/staff/").get("Cache-Control", "")


@pytest.mark.parametrize(
    "method,url",
    [
        ("get", "/api/v1/me"),
        ("get", "/api/v1/clients"),
        ("get", "/api/v1/clients/C-AAA-AAA"),  # 404
        ("get", "/api/v1/consultations"),
        ("get", "/api/v1/centres"),  # public data, but asked with a token
        ("post", "/api/v1/clients/C-AAA-AAA/erase"),
    ],
)
def test_authenticated_api_responses_are_not_stored(client, staff, method, url):
    _token, key = api_token_create(user=staff["manager.sofia"], name="test")
    response = getattr(client, method)(url, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code < 500
    assert "no-store" in response["Cache-Control"], (response.status_code, response.get("Cache-Control"))


def test_a_request_with_a_bad_token_is_not_stored(client, reference_data):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer itg_wrong"})
    assert response.status_code == 401 and "no-store" in response["Cache-Control"]


def test_public_anonymous_pages_keep_their_caching(client, reference_data):
    home = client.get("/en/")
    assert home.status_code == 200 and "no-store" not in home.get("Cache-Control", "")
    centres = client.get("/api/v1/centres")
    assert centres.status_code == 200 and "no-store" not in centres.get("Cache-Control", "")


@pytest.mark.parametrize(
    "path,staff",
    [
        ("/en/staff/", True),
        ("/fa/staff/clients/C-AAA-AAA/export.pdf", True),
        ("/staff/", True),
        ("/admin/auth/", True),
        ("/en/staffing-news/", False),
        ("/en/", False),
        ("/en/questions/", False),
        ("/api/v1/centres", False),
    ],
)
def test_which_paths_count_as_back_office(rf, path, staff):
    from integra.core.nocache import is_staff_request

    assert is_staff_request(rf.get(path)) is staff
