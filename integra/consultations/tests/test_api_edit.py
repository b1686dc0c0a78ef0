"""Editing client files and consultations, the rota and closed days through the API."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integra.accounts.services import api_token_create
from integra.centres.models import Centre
from integra.clients import services as client_services
from integra.consultations import services
from integra.consultations.models import ClosedDay, Consultation, Rota
from integra.topics.models import Topic

JSON = "application/json"


@pytest.fixture
def bearer(staff):
    def make(username):
        _token, key = api_token_create(user=staff[username], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}

    return make


@pytest.fixture
def sofia_client(staff):
    return client_services.client_create(
        centre=Centre.objects.get(slug="sofia"), by=staff["consultant.sofia"], name="Amira", year_of_birth=1990
    )


@pytest.fixture
def sofia_consultation(staff):
    return services.consultation_record(
        by=staff["consultant.sofia"],
        centre=Centre.objects.get(slug="sofia"),
        held_on=date(2026, 11, 2),
        channel="phone",
        topics=[Topic.objects.get(slug="healthcare")],
        language="bg",
        notes="First note",
    )


# -- client files -------------------------------------------------------------------------------------------


def test_a_consultant_edits_a_client_file_of_their_centre_and_unsent_fields_keep_their_values(
    client, bearer, sofia_client
):
    response = client.patch(
        f"/api/v1/clients/{sofia_client.reference}",
        {"phone": "088 765 4321", "languages": ["ar"]},
        content_type=JSON,
        **bearer("consultant.sofia"),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["phone"], body["languages"], body["name"], body["year_of_birth"]) == (
        "+359887654321",
        ["ar"],
        "Amira",
        1990,
    )
    sofia_client.refresh_from_db()
    assert str(sofia_client.phone) == "+359887654321"


def test_editing_a_client_file_of_another_centre_answers_404_like_a_missing_one(client, bearer, sofia_client):
    headers = bearer("consultant.plovdiv")
    response = client.patch(f"/api/v1/clients/{sofia_client.reference}", {"name": "X"}, content_type=JSON, **headers)
    assert response.status_code == 404
    assert client.patch("/api/v1/clients/C-AAA-AAA", {"name": "X"}, content_type=JSON, **headers).status_code == 404
    sofia_client.refresh_from_db()
    assert sofia_client.name == "Amira"


def test_a_client_file_shared_with_a_centre_can_be_edited_by_that_centres_staff(client, bearer, staff, sofia_client):
    client_services.client_share(
        client=sofia_client,
        centre=Centre.objects.get(slug="plovdiv"),
        by=staff["manager.sofia"],
        override_reason="Moved to Plovdiv",
    )
    response = client.patch(
        f"/api/v1/clients/{sofia_client.reference}",
        {"name": "Amira H."},
        content_type=JSON,
        **bearer("consultant.plovdiv"),
    )
    assert response.status_code == 200 and response.json()["name"] == "Amira H."


def test_roles_without_client_files_cannot_edit_them(client, bearer, sofia_client):
    url = f"/api/v1/clients/{sofia_client.reference}"
    assert client.patch(url, {"name": "X"}, content_type=JSON, **bearer("trainer.burgas")).status_code == 403
    assert client.patch(url, {"name": "X"}, content_type=JSON, **bearer("administrator")).status_code == 403
    assert client.patch(url, {"name": "X"}, content_type=JSON).status_code == 401


def test_a_bad_client_edit_answers_422_with_the_forms_message_and_changes_nothing(client, bearer, sofia_client):
    response = client.patch(
        f"/api/v1/clients/{sofia_client.reference}",
        {"name": "Changed", "year_of_birth": 1850},
        content_type=JSON,
        **bearer("consultant.sofia"),
    )
    assert response.status_code == 422
    assert "year_of_birth: Enter a year between 1900 and this year." in response.json()["detail"]
    sofia_client.refresh_from_db()
    assert (sofia_client.name, sofia_client.year_of_birth) == ("Amira", 1990)


def test_an_erased_client_file_cannot_be_edited(client, bearer, staff, sofia_client):
    client_services.client_erase(client=sofia_client, by=staff["manager.sofia"])
    response = client.patch(
        f"/api/v1/clients/{sofia_client.reference}", {"name": "Back"}, content_type=JSON, **bearer("manager.sofia")
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "This client file was erased."}


# -- consultations --------------------------------------------------------------------------------------------


def test_a_consultant_edits_a_consultation_and_the_notes_stay_encrypted(client, bearer, sofia_consultation):
    response = client.patch(
        f"/api/v1/consultations/{sofia_consultation.pk}",
        {"notes": "Second note", "topics": ["education"], "duration_minutes": 45},
        content_type=JSON,
        **bearer("consultant.sofia"),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["notes"], body["topics"], body["duration_minutes"], body["channel"]) == (
        "Second note",
        ["education"],
        45,
        "phone",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM consultations_consultation WHERE id = %s", [sofia_consultation.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("v1:") and "Second" not in stored
    assert Consultation.objects.get(pk=sofia_consultation.pk).notes == "Second note"


def test_editing_a_consultation_of_another_centre_answers_404(client, bearer, sofia_consultation):
    headers = bearer("consultant.plovdiv")
    url = f"/api/v1/consultations/{sofia_consultation.pk}"
    assert client.patch(url, {"notes": "X"}, content_type=JSON, **headers).status_code == 404
    assert client.patch("/api/v1/consultations/999999", {"notes": "X"}, content_type=JSON, **headers).status_code == 404
    assert Consultation.objects.get(pk=sofia_consultation.pk).notes == "First note"


def test_a_coordinator_edits_any_centres_consultation_and_other_roles_cannot(client, bearer, sofia_consultation):
    url = f"/api/v1/consultations/{sofia_consultation.pk}"
    assert client.patch(url, {"outcome": "referred"}, content_type=JSON, **bearer("coordinator")).status_code == 200
    assert client.patch(url, {"notes": "X"}, content_type=JSON, **bearer("trainer.burgas")).status_code == 403
    assert client.patch(url, {"notes": "X"}, content_type=JSON, **bearer("partner.sofia")).status_code == 403


def test_a_bad_consultation_edit_answers_422_with_the_forms_messages(client, bearer, sofia_consultation):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.patch(
        f"/api/v1/consultations/{sofia_consultation.pk}",
        {"duration_minutes": 0, "held_on": tomorrow, "notes": "Lost"},
        content_type=JSON,
        **bearer("consultant.sofia"),
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "duration_minutes: Enter a duration between 1 and 480 minutes." in detail
    assert "held_on: A consultation cannot be recorded for a future date." in detail
    assert Consultation.objects.get(pk=sofia_consultation.pk).notes == "First note"


def test_the_forms_messages_come_in_the_default_language_without_accept_language(client, bearer, sofia_consultation):
    headers = bearer("consultant.sofia")
    del headers["HTTP_ACCEPT_LANGUAGE"]
    response = client.patch(
        f"/api/v1/consultations/{sofia_consultation.pk}", {"duration_minutes": 0}, content_type=JSON, **headers
    )
    assert response.status_code == 422
    assert "Enter a duration" not in response.json()["detail"]


# -- the list is not counted ----------------------------------------------------------------------------------


def test_the_consultation_list_pages_by_offset_without_counting_the_table(client, bearer, staff):
    sofia, topic = Centre.objects.get(slug="sofia"), Topic.objects.get(slug="healthcare")
    for day in range(1, 6):
        services.consultation_record(
            by=staff["consultant.sofia"], centre=sofia, held_on=date(2026, 11, day), channel="phone",
            topics=[topic], language="bg",
        )  # fmt: skip
    headers = bearer("consultant.sofia")
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/api/v1/consultations?limit=2", **headers).json()
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert [c["held_on"] for c in first["items"]] == ["2026-11-05", "2026-11-04"]
    assert first["next_offset"] == 2
    last = client.get("/api/v1/consultations?limit=2&offset=4", **headers).json()
    assert [c["held_on"] for c in last["items"]] == ["2026-11-01"] and last["next_offset"] is None
    exact = client.get("/api/v1/consultations?limit=5", **headers).json()
    assert len(exact["items"]) == 5 and exact["next_offset"] is None


# -- rota and closed days -------------------------------------------------------------------------------------


def test_a_manager_reads_and_sets_the_rota_of_their_centre(client, bearer):
    headers = bearer("manager.sofia")
    assert client.get("/api/v1/consultations/rota/sofia", **headers).json() == {
        "centre": "sofia",
        "slot_minutes": 30,
        "is_bookable": True,
    }
    response = client.put(
        "/api/v1/consultations/rota/sofia", {"slot_minutes": 45, "is_bookable": False}, content_type=JSON, **headers
    )
    assert response.status_code == 200
    assert response.json() == {"centre": "sofia", "slot_minutes": 45, "is_bookable": False}
    rota = Rota.objects.get(centre__slug="sofia")
    assert (rota.slot_minutes, rota.is_bookable) == (45, False)


def test_the_rota_of_another_centre_answers_404_and_other_roles_403(client, bearer):
    manager = bearer("manager.sofia")
    assert client.get("/api/v1/consultations/rota/plovdiv", **manager).status_code == 404
    assert client.get("/api/v1/consultations/rota/nowhere", **manager).status_code == 404
    put = client.put("/api/v1/consultations/rota/plovdiv", {"slot_minutes": 45}, content_type=JSON, **manager)
    assert put.status_code == 404
    for username in ("consultant.sofia", "coordinator", "trainer.burgas"):
        assert client.get("/api/v1/consultations/rota/sofia", **bearer(username)).status_code == 403
        put = client.put(
            "/api/v1/consultations/rota/sofia", {"slot_minutes": 45}, content_type=JSON, **bearer(username)
        )
        assert put.status_code == 403
    assert not Rota.objects.filter(slot_minutes=45).exists()


def test_a_bad_slot_length_answers_422_with_the_forms_message(client, bearer):
    response = client.put(
        "/api/v1/consultations/rota/sofia", {"slot_minutes": 5}, content_type=JSON, **bearer("manager.sofia")
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "slot_minutes: Enter a length between 10 and 120 minutes."
    assert not Rota.objects.filter(centre__slug="sofia", slot_minutes=5).exists()


def test_a_manager_adds_lists_and_removes_closed_days(client, bearer):
    headers = bearer("manager.sofia")
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    base = "/api/v1/consultations/rota/sofia/closed-days"
    added = client.post(base, {"date": day, "reason": "Holiday"}, content_type=JSON, **headers)
    assert added.status_code == 201
    assert client.get(base, **headers).json() == [{"id": added.json()["id"], "date": day, "reason": "Holiday"}]
    twice = client.post(base, {"date": day}, content_type=JSON, **headers)
    assert twice.status_code == 422
    assert twice.json()["detail"] == "date: This day is already marked as closed."
    assert client.delete(f"{base}/{added.json()['id']}", **headers).status_code == 204
    assert not ClosedDay.objects.exists()


def test_closed_days_of_another_centre_answer_404_and_other_roles_403(client, bearer):
    plovdiv = Centre.objects.get(slug="plovdiv")
    closed = ClosedDay.objects.create(centre=plovdiv, date=timezone.localdate() + timedelta(days=2))
    day = (timezone.localdate() + timedelta(days=4)).isoformat()
    manager = bearer("manager.sofia")
    assert client.get("/api/v1/consultations/rota/plovdiv/closed-days", **manager).status_code == 404
    post = client.post("/api/v1/consultations/rota/plovdiv/closed-days", {"date": day}, content_type=JSON, **manager)
    assert post.status_code == 404
    assert client.delete(f"/api/v1/consultations/rota/plovdiv/closed-days/{closed.pk}", **manager).status_code == 404
    # Another centre's closed day under your own centre's address is not found either.
    assert client.delete(f"/api/v1/consultations/rota/sofia/closed-days/{closed.pk}", **manager).status_code == 404
    consultant = bearer("consultant.plovdiv")
    assert client.get("/api/v1/consultations/rota/plovdiv/closed-days", **consultant).status_code == 403
    assert client.delete(f"/api/v1/consultations/rota/plovdiv/closed-days/{closed.pk}", **consultant).status_code == 403
    assert ClosedDay.objects.filter(pk=closed.pk).exists()


def test_a_closed_day_in_the_past_answers_422_with_the_forms_message(client, bearer):
    response = client.post(
        "/api/v1/consultations/rota/sofia/closed-days",
        {"date": "2020-01-01"},
        content_type=JSON,
        **bearer("manager.sofia"),
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "date: The date cannot be in the past."
    assert not ClosedDay.objects.exists()


def test_a_closed_day_added_by_a_concurrent_request_answers_422_not_a_server_error(client, bearer, monkeypatch):
    from integra.consultations.forms import ClosedDayForm

    day = timezone.localdate() + timedelta(days=5)
    ClosedDay.objects.create(centre=Centre.objects.get(slug="sofia"), date=day)
    # The form checked a moment before the other request inserted the same day.
    monkeypatch.setattr(ClosedDayForm, "clean_date", lambda form: form.cleaned_data["date"])
    response = client.post(
        "/api/v1/consultations/rota/sofia/closed-days",
        {"date": day.isoformat()},
        content_type=JSON,
        **bearer("manager.sofia"),
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "date: This day is already marked as closed."
    assert ClosedDay.objects.count() == 1
