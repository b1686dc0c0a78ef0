"""Only rights officers read reports: every other role of the staff fixture, administrators and
superusers included, gets 403 or 404 on every report page and API call."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from integra.accounts.services import api_token_create
from integra.violations.models import Attachment, Report
from integra.violations.tests.helpers import FOLLOW_URL, KNOWN_PHRASE, submit, tiny_pdf, token_of
from tests.base import signed_in

pytestmark = pytest.mark.django_db

NOT_OFFICERS = [
    "consultant.sofia",
    "manager.plovdiv",
    "trainer.burgas",
    "mediator.kardzhali",
    "partner.sofia",
    "coordinator",
    "administrator",
    "moderator",
    "member",
]


@pytest.fixture
def report(client, officer):
    confirmation = submit(client)
    client.post(FOLLOW_URL, {"token": token_of(confirmation), "files": [SimpleUploadedFile("a.pdf", tiny_pdf())]})
    return Report.objects.get()


def report_urls(report):
    ref = report.reference
    attachment = Attachment.objects.get(report=report)
    return {
        "get": [
            "/en/staff/reports/",
            "/en/staff/reports/unlock/",
            f"/en/staff/reports/{ref}/",
            f"/en/staff/reports/{ref}/files/{attachment.pk}/",
        ],
        "post": [
            "/en/staff/reports/unlock/",
            "/en/staff/reports/lock/",
            f"/en/staff/reports/{ref}/status/",
            f"/en/staff/reports/{ref}/messages/",
        ],
    }


@pytest.mark.parametrize("username", NOT_OFFICERS)
def test_no_one_but_a_rights_officer_can_open_any_report_page(client, staff, report, username):
    signed_in(client, staff[username])
    urls = report_urls(report)
    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)
        assert KNOWN_PHRASE not in response.content.decode()
    for url in urls["post"]:
        response = client.post(url, {"status": "closed", "kind": "officer", "text": "x", "password": "x"})
        assert response.status_code in (403, 404), (url, response.status_code)
    report.refresh_from_db()
    assert report.status == Report.Status.NEW and not report.messages.exists()


def test_a_superuser_administrator_cannot_open_reports_either(client, staff, report):
    admin = staff["administrator"]
    admin.is_superuser = admin.is_staff = True
    admin.save()
    signed_in(client, admin)
    for url in report_urls(report)["get"]:
        assert client.get(url).status_code == 403, url
    assert client.get("/admin/").status_code == 200
    assert "violations" not in client.get("/admin/").content.decode().lower()  # not in the Django admin


def test_anonymous_visitors_are_sent_to_sign_in(client, report):
    for url in report_urls(report)["get"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("username", NOT_OFFICERS)
def test_no_one_but_a_rights_officer_can_read_a_report_through_the_api(client, staff, report, username):
    _token, key = api_token_create(user=staff[username], name="t")
    headers = {"Authorization": f"Bearer {key}"}
    if username == "member":
        expected_list, expected_one = 401, 401  # members cannot use the API at all
    else:
        expected_list, expected_one = 403, 404
    assert client.get("/api/v1/violations/reports", headers=headers).status_code == expected_list
    assert client.get(f"/api/v1/violations/reports/{report.reference}", headers=headers).status_code == expected_one
    response = client.patch(
        f"/api/v1/violations/reports/{report.reference}",
        data=json.dumps({"status": "closed"}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == expected_one
    report.refresh_from_db()
    assert report.status == Report.Status.NEW


def test_the_api_gives_a_rights_officer_triage_data_and_never_content(client, officer, report):
    _token, key = api_token_create(user=officer, name="t")
    headers = {"Authorization": f"Bearer {key}"}
    listing = client.get("/api/v1/violations/reports", headers=headers)
    assert listing.status_code == 200 and listing.json()[0]["reference"] == report.reference
    one = client.get(f"/api/v1/violations/reports/{report.reference}", headers=headers)
    assert one.json()["category"] == "authority_conduct"
    assert KNOWN_PHRASE not in listing.content.decode() + one.content.decode()
    changed = client.patch(
        f"/api/v1/violations/reports/{report.reference}",
        data=json.dumps({"status": "under_review"}),
        content_type="application/json",
        headers=headers,
    )
    assert changed.status_code == 200 and changed.json()["status"] == "under_review"
    bad = client.patch(
        f"/api/v1/violations/reports/{report.reference}",
        data=json.dumps({"status": "referred"}),
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 422
    missing = client.get("/api/v1/violations/reports/VR-NOPE", headers=headers)
    assert missing.status_code == 404
