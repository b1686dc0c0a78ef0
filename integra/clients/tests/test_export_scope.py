"""Exports of a shared client file carry only what the requesting user may read (issue 9, finding 2).

Sofia shares a file with Plovdiv. The Plovdiv manager reads the file and Plovdiv's consultations,
never Sofia's notes: not on the consultation page, not in the JSON, PDF or API export. The complete
export for the client themself is a separate action of the file's own centre, and it is audit-logged.
"""

import io
import json
from datetime import date

import pytest
from auditlog.models import LogEntry
from pypdf import PdfReader

from integra.accounts.services import api_token_create
from integra.centres.models import Centre, Institution
from integra.clients import services
from integra.consultations.services import ReferralData, consultation_record
from integra.core.models import AuditEntry
from integra.topics.models import Topic
from tests.base import signed_in

SOFIA_NOTE = "Canary-SOFIA-7Q4 told us about her brother's asylum case"
SOFIA_REFERRAL = "Canary-REFERRAL-K2 hospital letter"
PLOVDIV_NOTE = "Plovdiv-note-M8 helped with the school enrolment"


@pytest.fixture
def shared_file(staff, sofia_client):
    topic = Topic.objects.first()
    services.consent_record(
        client=sofia_client, purpose="sharing", version="1", given_on=date(2026, 11, 1), method="oral", by=None
    )
    services.client_share(client=sofia_client, centre=Centre.objects.get(slug="plovdiv"), by=staff["consultant.sofia"])
    sofia = consultation_record(
        by=staff["consultant.sofia"],
        centre=sofia_client.centre,
        held_on=date(2026, 11, 2),
        channel="in_person",
        topics=[topic],
        language="ar",
        notes=SOFIA_NOTE,
        client=sofia_client,
        referral=ReferralData(institution=Institution.objects.first(), reason=SOFIA_REFERRAL),
    )
    plovdiv = consultation_record(
        by=staff["consultant.plovdiv"],
        centre=Centre.objects.get(slug="plovdiv"),
        held_on=date(2026, 11, 20),
        channel="phone",
        topics=[topic],
        language="ar",
        notes=PLOVDIV_NOTE,
        client=sofia_client,
    )
    return sofia_client, sofia, plovdiv


def page(client_file, suffix=""):
    return f"/en/staff/clients/{client_file.reference}/{suffix}"


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def bearer(user) -> dict:
    _token, key = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {key}"}


def test_the_other_centres_consultation_page_is_404_as_before(client, staff, shared_file):
    _file, sofia, plovdiv = shared_file
    signed_in(client, staff["manager.plovdiv"])
    assert client.get(f"/en/staff/consultations/{sofia.pk}/").status_code == 404
    assert client.get(f"/en/staff/consultations/{plovdiv.pk}/").status_code == 200


def test_the_json_export_of_a_shared_file_has_no_note_of_the_other_centre(client, staff, shared_file):
    file, _sofia, _plovdiv = shared_file
    signed_in(client, staff["manager.plovdiv"])
    response = client.get(page(file, "export.json"))
    assert response.status_code == 200
    assert b"Canary-SOFIA" not in response.content and b"Canary-REFERRAL" not in response.content
    data = json.loads(response.content)
    assert data["name"] == "Amira Haddad"  # the file itself is shared
    assert [c["centre"] for c in data["consultations"]] == ["plovdiv"]
    assert data["consultations"][0]["notes"] == PLOVDIV_NOTE
    assert data["scope"] == "staff"


def test_the_pdf_and_printable_exports_of_a_shared_file_have_no_note_of_the_other_centre(client, staff, shared_file):
    file, _sofia, _plovdiv = shared_file
    signed_in(client, staff["manager.plovdiv"])
    pdf = client.get(page(file, "export.pdf"))
    assert pdf.status_code == 200 and b"Canary-SOFIA" not in pdf.content
    text = pdf_text(pdf.content)
    assert "Plovdiv-note-M8" in text and "Canary-SOFIA" not in text and "Canary-REFERRAL" not in text
    html = client.get(page(file, "export.pdf"), {"format": "html"}).content
    assert b"Plovdiv-note-M8" in html and b"Canary-SOFIA" not in html and b"Canary-REFERRAL" not in html


def test_the_file_page_lists_only_the_consultations_the_user_may_open(client, staff, shared_file):
    file, sofia, plovdiv = shared_file
    signed_in(client, staff["manager.plovdiv"])
    body = client.get(page(file)).content.decode()
    assert f"/staff/consultations/{plovdiv.pk}/" in body
    assert f"/staff/consultations/{sofia.pk}/" not in body


def test_the_api_export_of_a_shared_file_has_no_note_of_the_other_centre(client, staff, shared_file):
    file, _sofia, _plovdiv = shared_file
    response = client.get(f"/api/v1/clients/{file.reference}/export", headers=bearer(staff["manager.plovdiv"]))
    assert response.status_code == 200
    assert b"Canary-SOFIA" not in response.content and b"Canary-REFERRAL" not in response.content
    assert [c["notes"] for c in response.json()["consultations"]] == [PLOVDIV_NOTE]


def test_the_owning_centre_exports_its_own_notes_but_not_the_other_centres(client, staff, shared_file):
    file, _sofia, _plovdiv = shared_file
    signed_in(client, staff["manager.sofia"])
    data = json.loads(client.get(page(file, "export.json")).content)
    assert [c["notes"] for c in data["consultations"]] == [SOFIA_NOTE]
    assert data["consultations"][0]["referrals"][0]["reason"] == SOFIA_REFERRAL
    text = pdf_text(client.get(page(file, "export.pdf")).content)
    assert "Canary-SOFIA-7Q4" in text and "Plovdiv-note-M8" not in text
    api = client.get(f"/api/v1/clients/{file.reference}/export", headers=bearer(staff["manager.sofia"]))
    assert [c["notes"] for c in api.json()["consultations"]] == [SOFIA_NOTE]


def test_a_coordinator_exports_every_centres_consultations(client, staff, shared_file):
    file, _sofia, _plovdiv = shared_file
    signed_in(client, staff["coordinator"])
    data = json.loads(client.get(page(file, "export.json")).content)
    assert sorted(c["notes"] for c in data["consultations"]) == sorted([SOFIA_NOTE, PLOVDIV_NOTE])


# -- the data-subject export: everything, for handing to the person ------------------------------------


def subject_exports(file):
    return AuditEntry.objects.get_for_object(file).filter(
        action=LogEntry.Action.ACCESS, additional_data__event="data_subject_export"
    )


def test_the_owning_centres_manager_gives_the_client_everything_and_it_is_logged(client, staff, shared_file):
    file, _sofia, _plovdiv = shared_file
    signed_in(client, staff["manager.sofia"])
    confirm = client.get(page(file, "data-subject-export/"))
    assert confirm.status_code == 200 and b'name="format"' in confirm.content
    assert not subject_exports(file).exists()  # looking at the page exports nothing
    response = client.post(page(file, "data-subject-export/"), {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["scope"] == "data_subject"
    assert sorted(c["notes"] for c in data["consultations"]) == sorted([SOFIA_NOTE, PLOVDIV_NOTE])
    pdf = client.post(page(file, "data-subject-export/"), {"format": "pdf"})
    text = pdf_text(pdf.content)
    assert "Canary-SOFIA-7Q4" in text and "Plovdiv-note-M8" in text
    entries = list(subject_exports(file).order_by("timestamp"))
    assert [e.additional_data["format"] for e in entries] == ["json", "pdf"]
    assert {e.actor for e in entries} == {staff["manager.sofia"]}
    assert entries[0].actor_centres == "sofia"


@pytest.mark.parametrize(
    "username,status",
    [
        ("manager.plovdiv", 403),  # the file is shared with Plovdiv, but it is not Plovdiv's file
        ("coordinator", 403),  # not of the file's centre
        ("consultant.sofia", 403),  # of the centre, without the permission
        ("manager.burgas", 404),  # does not see the file at all
        ("trainer.sofia", 403),
    ],
)
def test_nobody_else_makes_the_data_subject_export(client, staff, shared_file, username, status):
    file, _sofia, _plovdiv = shared_file
    signed_in(client, staff[username])
    assert client.get(page(file, "data-subject-export/")).status_code == status
    response = client.post(page(file, "data-subject-export/"), {"format": "json"})
    assert response.status_code == status
    assert b"Canary-SOFIA" not in response.content
    assert not subject_exports(file).exists()


def test_a_superuser_outside_the_centre_does_not_make_the_data_subject_export(client, staff, shared_file):
    file, _sofia, _plovdiv = shared_file
    root = staff["coordinator"]
    root.is_superuser = True
    root.save()
    signed_in(client, root)
    assert client.post(page(file, "data-subject-export/"), {"format": "json"}).status_code == 403


def test_an_unknown_format_is_explained_and_nothing_is_exported(client, staff, shared_file):
    file, _sofia, _plovdiv = shared_file
    signed_in(client, staff["manager.sofia"])
    response = client.post(page(file, "data-subject-export/"), {"format": "exe"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not subject_exports(file).exists()


def test_the_file_page_offers_the_data_subject_export_only_to_the_owning_centre(client, staff, shared_file):
    file, _sofia, _plovdiv = shared_file
    signed_in(client, staff["manager.sofia"])
    assert "data-subject-export/" in client.get(page(file)).content.decode()
    signed_in(client, staff["manager.plovdiv"])
    assert "data-subject-export/" not in client.get(page(file)).content.decode()


def test_the_api_data_subject_export_is_for_the_owning_centre_only(client, staff, shared_file):
    file, _sofia, _plovdiv = shared_file
    url = f"/api/v1/clients/{file.reference}/data-subject-export"
    refused = client.post(url, headers=bearer(staff["manager.plovdiv"]))
    assert refused.status_code == 403 and b"Canary-SOFIA" not in refused.content
    assert client.post(url, headers=bearer(staff["coordinator"])).status_code == 403
    assert client.post(url, headers=bearer(staff["manager.burgas"])).status_code == 404
    assert not subject_exports(file).exists()
    response = client.post(url, headers=bearer(staff["manager.sofia"]))
    assert response.status_code == 200
    assert sorted(c["notes"] for c in response.json()["consultations"]) == sorted([SOFIA_NOTE, PLOVDIV_NOTE])
    entry = subject_exports(file).get()
    assert entry.actor == staff["manager.sofia"] and entry.additional_data["format"] == "api"


def test_a_centre_the_file_is_shared_with_cannot_erase_it(client, staff, shared_file):
    """Erasing wipes every centre's notes, so only the file's own centre (or a coordinator) may do it."""
    shared_file, _sofia, _plovdiv = shared_file
    signed_in(client, staff["manager.plovdiv"])
    page = client.post(f"/en/staff/clients/{shared_file.reference}/erase/", {"confirm": shared_file.reference})
    assert page.status_code == 403
    _token, key = api_token_create(user=staff["manager.plovdiv"], name="erase")
    api = client.post(f"/api/v1/clients/{shared_file.reference}/erase", headers={"Authorization": f"Bearer {key}"})
    assert api.status_code == 403
    shared_file.refresh_from_db()
    assert shared_file.erased_at is None
    assert shared_file.consultations.filter(centre__slug="sofia").exclude(notes="").exists()


def test_the_files_own_centre_can_erase_it(client, staff, shared_file):
    shared_file, _sofia, _plovdiv = shared_file
    signed_in(client, staff["manager.sofia"])
    page = client.post(f"/en/staff/clients/{shared_file.reference}/erase/", {"confirm": shared_file.reference})
    assert page.status_code == 302
    shared_file.refresh_from_db()
    assert shared_file.erased_at is not None
