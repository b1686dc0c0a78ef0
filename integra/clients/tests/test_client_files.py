import json
from datetime import date

import pytest
from auditlog.models import LogEntry

from integra.centres.models import Centre
from integra.clients import services
from integra.clients.models import Client, Consent
from integra.core.models import AuditEntry
from tests.base import signed_in


def url(client_file, suffix=""):
    return f"/en/staff/clients/{client_file.reference}/{suffix}"


def test_a_consultant_opens_a_client_file_with_a_pseudonymous_reference(client, staff):
    signed_in(client, staff["consultant.sofia"])
    response = client.post(
        "/en/staff/clients/new/",
        {
            "centre": Centre.objects.get(slug="sofia").pk,
            "phone": "088 765 4321",
            "nationality": "AF",
            "gender": "male",
            "year_of_birth": "1985",
            "languages": ["fa", "ps"],
            "residence_status": "asylum_seeker",
        },
    )
    created = Client.objects.get()
    assert response["Location"] == url(created)
    assert created.name == "" and str(created.phone) == "+359887654321"
    assert created.nationality.code == "AF" and created.languages == ["fa", "ps"]
    assert created.reference.startswith("C-")


def test_bad_input_is_explained_beside_the_field_and_kept(client, staff):
    signed_in(client, staff["consultant.sofia"])
    page = client.post(
        "/en/staff/clients/new/",
        {"centre": Centre.objects.get(slug="sofia").pk, "phone": "123", "year_of_birth": "1850", "gender": "female"},
    )
    body = page.content.decode()
    assert 'class="error-summary"' in body
    assert "Enter a year between 1900 and this year." in body
    assert 'value="123"' in body and 'value="1850"' in body
    assert not Client.objects.exists()


def test_a_consultant_cannot_open_a_file_for_another_centre(client, staff):
    signed_in(client, staff["consultant.sofia"])
    page = client.post("/en/staff/clients/new/", {"centre": Centre.objects.get(slug="plovdiv").pk, "gender": "male"})
    assert "Select a valid choice" in page.content.decode()
    assert not Client.objects.exists()


@pytest.mark.parametrize("suffix", ["", "edit/", "consents/new/", "share/", "export.json", "export.pdf", "erase/"])
def test_every_client_page_denies_anonymous_wrong_role_and_other_centre(client, staff, sofia_client, suffix):
    assert client.get(url(sofia_client, suffix)).status_code == 302  # to the sign-in page
    signed_in(client, staff["trainer.sofia"])
    assert client.get(url(sofia_client, suffix)).status_code == 403
    signed_in(client, staff["manager.plovdiv"])
    assert client.get(url(sofia_client, suffix)).status_code == 404
    signed_in(client, staff["coordinator"])
    assert client.get(url(sofia_client, suffix)).status_code == 200


def test_the_list_pages_deny_anonymous_and_wrong_roles(client, staff):
    for path in ("/en/staff/clients/", "/en/staff/clients/new/"):
        assert client.get(path).status_code == 302
    signed_in(client, staff["mediator.sofia"])
    for path in ("/en/staff/clients/", "/en/staff/clients/new/"):
        assert client.get(path).status_code == 403


def test_every_opening_is_logged_and_a_manager_sees_who_opened_the_file(client, staff, sofia_client):
    signed_in(client, staff["consultant.sofia"])
    page = client.get(url(sofia_client)).content.decode()
    assert "Amira Haddad" in page
    assert "Who opened this file" not in page  # a consultant does not see the history
    entries = AuditEntry.objects.get_for_object(sofia_client).filter(action=LogEntry.Action.ACCESS)
    assert [(e.actor.username, e.actor_roles, e.actor_centres) for e in entries] == [
        ("consultant.sofia", "consultant", "sofia")
    ]
    signed_in(client, staff["manager.sofia"])
    page = client.get(url(sofia_client)).content.decode()
    assert "Who opened this file" in page and "consultant.sofia" in page


def test_the_audit_log_records_changes_but_never_the_name_or_phone(client, staff, sofia_client):
    signed_in(client, staff["consultant.sofia"])
    client.post(
        url(sofia_client, "edit/"),
        {"name": "Amira H. Haddad", "phone": "", "gender": "female", "residence_status": "protection"},
    )
    sofia_client.refresh_from_db()
    assert sofia_client.name == "Amira H. Haddad"
    dump = " ".join(str(e.changes) for e in AuditEntry.objects.all())
    assert "Amira" not in dump and "881234567" not in dump


def test_search_finds_by_reference_name_or_phone_only_within_your_centres(client, staff, sofia_client, plovdiv_client):
    signed_in(client, staff["consultant.sofia"])
    for query in (sofia_client.reference, "amira", "088 123 4567", "+359881234567"):
        body = client.get("/en/staff/clients/", {"q": query}).content.decode()
        assert sofia_client.reference in body, query
    body = client.get("/en/staff/clients/", {"q": "Oleh"}).content.decode()
    assert plovdiv_client.reference not in body and "No client file matches." in body
    signed_in(client, staff["coordinator"])
    body = client.get("/en/staff/clients/").content.decode()
    assert sofia_client.reference in body and plovdiv_client.reference in body


def test_consents_are_recorded_and_withdrawn(client, staff, sofia_client):
    signed_in(client, staff["consultant.sofia"])
    client.post(
        url(sofia_client, "consents/new/"),
        {"purpose": "records", "version": "2026-01", "given_on": "2026-11-20", "method": "signed"},
    )
    consent = Consent.objects.get()
    assert (consent.purpose, consent.version, consent.method) == ("records", "2026-01", "signed")
    assert consent.recorded_by == staff["consultant.sofia"]
    client.post(url(sofia_client, f"consents/{consent.pk}/withdraw/"))
    consent.refresh_from_db()
    assert consent.withdrawn_on is not None and not sofia_client.has_consent("records")


def test_a_consent_dated_in_the_future_is_refused(client, staff, sofia_client):
    signed_in(client, staff["consultant.sofia"])
    page = client.post(
        url(sofia_client, "consents/new/"),
        {"purpose": "records", "version": "2026-01", "given_on": "2099-01-01", "method": "oral"},
    )
    assert "The date cannot be in the future." in page.content.decode()


def test_sharing_without_consent_is_refused(client, staff, sofia_client):
    signed_in(client, staff["consultant.sofia"])
    page = client.post(url(sofia_client, "share/"), {"centre": Centre.objects.get(slug="plovdiv").pk})
    assert "The client has not consented to sharing." in page.content.decode()
    assert not sofia_client.shares.exists()
    page = client.post(
        url(sofia_client, "share/"), {"centre": Centre.objects.get(slug="plovdiv").pk, "override_reason": "urgent"}
    )
    assert "Only a manager of the client" in page.content.decode()
    assert not sofia_client.shares.exists()


def test_with_consent_to_sharing_the_other_centre_sees_the_file(client, staff, sofia_client):
    services.consent_record(
        client=sofia_client, purpose="sharing", version="1", given_on=date(2026, 11, 1), method="oral", by=None
    )
    signed_in(client, staff["consultant.sofia"])
    client.post(url(sofia_client, "share/"), {"centre": Centre.objects.get(slug="plovdiv").pk})
    signed_in(client, staff["consultant.plovdiv"])
    assert client.get(url(sofia_client)).status_code == 200
    # Withdrawing the consent (on the file's page, in Sofia) takes the file back.
    signed_in(client, staff["consultant.sofia"])
    client.post(url(sofia_client, f"consents/{sofia_client.consents.get().pk}/withdraw/"))
    signed_in(client, staff["consultant.plovdiv"])
    assert client.get(url(sofia_client)).status_code == 404


def test_a_centre_manager_can_override_with_a_logged_reason(client, staff, sofia_client):
    signed_in(client, staff["manager.sofia"])
    client.post(
        url(sofia_client, "share/"),
        {"centre": Centre.objects.get(slug="burgas").pk, "override_reason": "Client moved to Burgas, asked by phone"},
    )
    share = sofia_client.shares.get()
    assert share.override_reason.startswith("Client moved") and share.shared_by == staff["manager.sofia"]
    assert AuditEntry.objects.get_for_object(share).filter(action=LogEntry.Action.CREATE).exists()
    signed_in(client, staff["consultant.burgas"])
    assert client.get(url(sofia_client)).status_code == 200


def test_a_manager_of_another_centre_cannot_override(staff, sofia_client):
    with pytest.raises(services.SharingRefused):
        services.client_share(
            client=sofia_client,
            centre=Centre.objects.get(slug="plovdiv"),
            by=staff["manager.plovdiv"],
            override_reason="I want it",
        )


def test_export_gives_everything_about_the_client_as_json_and_pdf(client, staff, sofia_client):
    services.consent_record(
        client=sofia_client, purpose="records", version="1", given_on=date(2026, 11, 1), method="signed", by=None
    )
    signed_in(client, staff["manager.sofia"])
    response = client.get(url(sofia_client, "export.json"))
    data = json.loads(response.content)
    assert data["reference"] == sofia_client.reference and data["name"] == "Amira Haddad"
    assert data["consents"][0]["version"] == "1"
    pdf = client.get(url(sofia_client, "export.pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = client.get(url(sofia_client, "export.pdf"), {"format": "html"}).content.decode()
    assert "Amira Haddad" in html


def test_a_consultant_cannot_export_or_erase(client, staff, sofia_client):
    signed_in(client, staff["consultant.sofia"])
    assert client.get(url(sofia_client, "export.json")).status_code == 403
    assert client.post(url(sofia_client, "erase/"), {"confirm": sofia_client.reference}).status_code == 403


def test_the_client_list_makes_the_same_number_of_queries_whatever_its_length(client, staff, sofia_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in(client, staff["consultant.sofia"])
    client.get("/en/staff/clients/")
    with CaptureQueriesContext(connection) as one:
        client.get("/en/staff/clients/")
    for number in range(30):
        services.client_create(centre=sofia_client.centre, by=staff["consultant.sofia"], name=f"Person {number}")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/en/staff/clients/")
    assert len(page.context["page"].object_list) == 25
    assert len(many) == len(one)


def test_an_empty_client_file_is_refused_with_what_a_file_needs(client, staff):
    """Issue 11, item 18: the centre alone (and the default "not said" gender) makes no file."""
    signed_in(client, staff["consultant.sofia"])
    sofia = Centre.objects.get(slug="sofia").pk
    page = client.post(
        "/en/staff/clients/new/",
        {"centre": sofia, "gender": "undisclosed", "residence_status": "unknown", "languages": ["ar"]},
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert 'class="error-summary"' in body
    assert "An empty client file cannot be saved. Give at least a name, a phone number or an e-mail address" in body
    assert not Client.objects.exists()
    # Someone to count is enough for a file without identity.
    assert client.post(
        "/en/staff/clients/new/",
        {"centre": sofia, "gender": "undisclosed", "residence_status": "unknown", "year_of_birth": "1990"},
    )["Location"].startswith("/en/staff/clients/C-")
