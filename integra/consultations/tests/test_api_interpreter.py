"""The consultations API names the registry's interpreter or mediator who took part (issue 13 item 6): id,
code and name in the output, set when recording, kept or changed when editing, and another centre's mediator
refused with the form's message."""

import pytest
from django.utils import timezone

from integra.accounts.services import api_token_create
from integra.consultations.models import Consultation
from integra.interpreting.tests.conftest import make_mediator

JSON = "application/json"


@pytest.fixture
def headers(staff):
    _token, key = api_token_create(user=staff["consultant.sofia"], name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}


def payload(**overrides):
    data = {
        "held_on": timezone.localdate().isoformat(), "topics": ["residence"], "language": "ar",
        "interpreting": "interpreter", "duration_minutes": 40,
    }  # fmt: skip
    return data | overrides


def test_a_consultation_recorded_with_a_registry_mediator_shows_their_id_code_and_name(client, staff, headers):
    layla = make_mediator("Layla Haddad", centres=("sofia",))
    made = client.post("/api/v1/consultations/centres/sofia", payload(mediator=layla.pk), content_type=JSON, **headers)
    assert made.status_code == 201, made.content
    expected = {"id": layla.pk, "code": layla.code, "name": "Layla Haddad"}
    assert made.json()["mediator"] == expected
    consultation = Consultation.objects.get()
    assert consultation.mediator == layla
    assert client.get(f"/api/v1/consultations/{consultation.pk}", **headers).json()["mediator"] == expected
    listed = client.get("/api/v1/consultations", **headers).json()["items"]
    assert [item["mediator"] for item in listed] == [expected]


def test_editing_through_the_api_keeps_the_mediator_unless_another_is_sent(client, staff, headers):
    layla, omar = make_mediator("Layla", centres=("sofia",)), make_mediator("Omar", centres=("sofia",))
    made = client.post("/api/v1/consultations/centres/sofia", payload(mediator=layla.pk), content_type=JSON, **headers)
    url = f"/api/v1/consultations/{made.json()['id']}"
    kept = client.patch(url, {"duration_minutes": 50}, content_type=JSON, **headers)
    assert kept.status_code == 200 and kept.json()["mediator"]["id"] == layla.pk
    changed = client.patch(url, {"mediator": omar.pk}, content_type=JSON, **headers)
    assert changed.json()["mediator"] == {"id": omar.pk, "code": omar.code, "name": "Omar"}


def test_a_consultation_without_a_registry_mediator_shows_null_and_the_typed_name(client, staff, headers):
    made = client.post(
        "/api/v1/consultations/centres/sofia",
        payload(interpreter_name="A volunteer interpreter", interpreter_not_family=True),
        content_type=JSON, **headers,
    )  # fmt: skip
    assert made.status_code == 201
    assert made.json()["mediator"] is None and made.json()["interpreter_name"] == "A volunteer interpreter"


def test_a_typed_interpreter_needs_the_confirmation_that_they_are_not_family_through_the_api(client, staff, headers):
    refused = client.post(
        "/api/v1/consultations/centres/sofia", payload(interpreter_name="Her son"), content_type=JSON, **headers
    )
    assert refused.status_code == 422 and "interpreter_not_family" in refused.json()["detail"]
    assert not Consultation.objects.exists()
    made = client.post("/api/v1/consultations/centres/sofia", payload(), content_type=JSON, **headers)
    url = f"/api/v1/consultations/{made.json()['id']}"
    renamed = client.patch(url, {"interpreter_name": "Her daughter"}, content_type=JSON, **headers)
    assert renamed.status_code == 422
    assert Consultation.objects.get().interpreter_name == ""


def test_another_centre_s_mediator_is_refused_and_nothing_is_stored(client, staff, headers):
    burgas = make_mediator("Burgas only", centres=("burgas",))
    refused = client.post(
        "/api/v1/consultations/centres/sofia", payload(mediator=burgas.pk), content_type=JSON, **headers
    )
    assert refused.status_code == 422 and "mediator" in str(refused.json()["detail"])
    assert not Consultation.objects.exists()
