from datetime import date

import pytest
from auditlog.models import LogEntry

from integra.accounts.services import api_token_create
from integra.centres.models import Centre
from integra.clients import services as client_services
from integra.consultations import services
from integra.core.models import AuditEntry
from integra.topics.models import Topic


@pytest.fixture
def bearer(staff):
    def make(username):
        _token, key = api_token_create(user=staff[username], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}

    return make


@pytest.fixture
def plovdiv_client(staff):
    return client_services.client_create(
        centre=Centre.objects.get(slug="plovdiv"), by=staff["consultant.plovdiv"], name="Oleh", phone="+359881112233"
    )


def test_a_sofia_consultants_token_cannot_read_a_plovdiv_client(client, bearer, plovdiv_client):
    response = client.get(f"/api/v1/clients/{plovdiv_client.reference}", **bearer("consultant.sofia"))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert client.get("/api/v1/clients/C-AAA-AAA", **bearer("consultant.sofia")).status_code == 404
    listing = client.get("/api/v1/clients?q=Oleh", **bearer("consultant.sofia")).json()
    assert listing == {"items": [], "next_offset": None}


def test_a_plovdiv_consultant_reads_the_file_and_the_opening_is_logged(client, bearer, staff, plovdiv_client):
    response = client.get(f"/api/v1/clients/{plovdiv_client.reference}", **bearer("consultant.plovdiv"))
    assert response.status_code == 200 and response.json()["name"] == "Oleh"
    entry = AuditEntry.objects.get_for_object(plovdiv_client).get(action=LogEntry.Action.ACCESS)
    assert (entry.actor, entry.actor_centres) == (staff["consultant.plovdiv"], "plovdiv")


def test_without_a_token_the_api_answers_401_and_other_roles_403(client, bearer, plovdiv_client):
    assert client.get("/api/v1/clients").status_code == 401
    assert client.get("/api/v1/clients", **bearer("trainer.plovdiv")).status_code == 403
    assert client.get("/api/v1/consultations", **bearer("trainer.plovdiv")).status_code == 403


def test_a_client_file_is_opened_through_the_same_form(client, bearer):
    headers = bearer("consultant.sofia")
    created = client.post(
        "/api/v1/clients/centres/sofia",
        {"phone": "088 123 4567", "nationality": "IQ", "languages": ["ar"]},
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201
    assert created.json()["phone"] == "+359881234567" and created.json()["reference"].startswith("C-")
    refused = client.post(
        "/api/v1/clients/centres/sofia",
        {"phone": "12", "year_of_birth": 1850},
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 422
    assert "phone" in refused.json()["detail"] and "year_of_birth" in refused.json()["detail"]
    other = client.post("/api/v1/clients/centres/plovdiv", {}, content_type="application/json", **headers)
    assert other.status_code == 404


def test_consultations_are_recorded_listed_and_filtered_through_the_api(client, bearer, staff):
    headers = bearer("consultant.sofia")
    created = client.post(
        "/api/v1/consultations/centres/sofia",
        {
            "held_on": "2026-11-02",
            "channel": "phone",
            "topics": ["healthcare", "education"],
            "language": "uk",
            "notes": "Private note",
            "nationality": "UA",
            "gender": "female",
            "age_band": "25-34",
        },
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201, created.content
    services.consultation_record(
        by=staff["consultant.plovdiv"],
        centre=Centre.objects.get(slug="plovdiv"),
        held_on=date(2026, 11, 3),
        channel="phone",
        topics=[Topic.objects.get(slug="healthcare")],
        language="bg",
    )
    page = client.get("/api/v1/consultations?channel=phone&topic=healthcare", **headers).json()
    assert page["next_offset"] is None and page["items"][0]["topics"] == ["healthcare", "education"]
    assert len(page["items"]) == 1
    assert page["items"][0]["notes"] == ""  # notes only in the single view
    one = client.get(f"/api/v1/consultations/{created.json()['id']}", **headers).json()
    assert one["notes"] == "Private note"
    other = client.get(f"/api/v1/consultations/{created.json()['id']}", **bearer("consultant.plovdiv"))
    assert other.status_code == 404


def test_a_consultation_for_another_centres_client_is_not_found(client, bearer, plovdiv_client):
    response = client.post(
        "/api/v1/consultations/centres/sofia",
        {
            "held_on": "2026-11-02",
            "topics": ["healthcare"],
            "language": "bg",
            "client": plovdiv_client.reference,
        },
        content_type="application/json",
        **bearer("consultant.sofia"),
    )
    assert response.status_code == 404


def test_the_export_is_for_managers_and_coordinators(client, bearer, plovdiv_client):
    assert (
        client.get(f"/api/v1/clients/{plovdiv_client.reference}/export", **bearer("consultant.plovdiv")).status_code
        == 403
    )
    data = client.get(f"/api/v1/clients/{plovdiv_client.reference}/export", **bearer("manager.plovdiv")).json()
    assert data["name"] == "Oleh" and data["consultations"] == []


def test_consents_sharing_and_erasure_work_through_the_api_with_the_same_rules(client, bearer, staff, plovdiv_client):
    consultant, manager = bearer("consultant.plovdiv"), bearer("manager.plovdiv")
    base = f"/api/v1/clients/{plovdiv_client.reference}"
    refused = client.post(base + "/shares", {"centre": "sofia"}, content_type="application/json", **consultant)
    assert refused.status_code == 409 and "consented" in refused.json()["detail"]
    added = client.post(
        base + "/consents",
        {"purpose": "sharing", "version": "2026-01", "given_on": "2026-11-01", "method": "online"},
        content_type="application/json",
        **consultant,
    )
    assert added.status_code == 201 and added.json()["consents"][0]["purpose"] == "sharing"
    shared = client.post(base + "/shares", {"centre": "sofia"}, content_type="application/json", **consultant)
    assert shared.status_code == 201 and shared.json() == {"centre": "sofia", "override": False}
    assert client.get(base, **bearer("consultant.sofia")).status_code == 200
    consent_id = plovdiv_client.consents.get().pk
    withdrawn = client.post(base + f"/consents/{consent_id}/withdraw", **consultant)
    assert withdrawn.status_code == 200, withdrawn.content
    assert client.get(base, **bearer("consultant.sofia")).status_code == 404
    assert client.post(base + "/erase", **consultant).status_code == 403
    erased = client.post(base + "/erase", **manager).json()
    assert erased["erased"] and erased["name"] == "" and erased["consents"] == []


def test_referrals_and_follow_ups_work_through_the_api(client, bearer, staff):
    from django.utils import timezone

    consultation = services.consultation_record(
        by=staff["consultant.sofia"],
        centre=Centre.objects.get(slug="sofia"),
        held_on=date(2026, 11, 2),
        channel="phone",
        topics=[Topic.objects.get(slug="healthcare")],
        language="bg",
    )
    headers = bearer("consultant.sofia")
    base = f"/api/v1/consultations/{consultation.pk}"
    referral = client.post(
        base + "/referrals", {"institution": "nhif", "reason": "Card"}, content_type="application/json", **headers
    )
    assert referral.status_code == 201 and referral.json()["status"] == "sent"
    updated = client.patch(
        f"/api/v1/consultations/referrals/{referral.json()['id']}",
        {"status": "resolved", "outcome": "Insured"},
        content_type="application/json",
        **headers,
    )
    assert updated.json()["status"] == "resolved" and updated.json()["outcome"] == "Insured"
    due = timezone.localdate().isoformat()
    added = client.post(
        base + "/follow-ups", {"task": "Call back", "due_on": due}, content_type="application/json", **headers
    )
    assert added.status_code == 201
    assert [f["task"] for f in client.get("/api/v1/consultations/follow-ups/due", **headers).json()] == ["Call back"]
    past = client.post(
        base + "/follow-ups", {"task": "Late", "due_on": "2020-01-01"}, content_type="application/json", **headers
    )
    assert past.status_code == 422
    other = bearer("consultant.plovdiv")
    assert (
        client.post(
            base + "/follow-ups", {"task": "x", "due_on": due}, content_type="application/json", **other
        ).status_code
        == 404
    )
    assert client.get("/api/v1/consultations/follow-ups/due", **other).json() == []


def test_the_client_list_pages_without_counting_the_table(client, bearer, staff, plovdiv_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for name in ("Oleh Two", "Oleh Three"):
        client_services.client_create(centre=plovdiv_client.centre, by=staff["consultant.plovdiv"], name=name)
    headers = bearer("consultant.plovdiv")
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/api/v1/clients?q=Oleh&limit=2", **headers).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    last = client.get("/api/v1/clients?q=Oleh&limit=2&offset=2", **headers).json()
    assert len(last["items"]) == 1 and last["next_offset"] is None
