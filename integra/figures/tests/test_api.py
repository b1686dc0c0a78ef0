"""The figures API: coordinator and manager tokens, centre scoping, small cells, bad input."""

from datetime import date

import pytest

from integra.accounts.services import api_token_create
from integra.figures import registry
from integra.figures.tests import records

BASE = "/api/v1/figures/indicators"


def bearer(user) -> dict:
    _token, key = api_token_create(user=user, name="figures")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def data(staff):
    consultant = staff["consultant.sofia"]
    for day in (2, 3):
        records.consultation(consultant, date(2026, 3, day), client=records.client(), nationality="SY")
    records.consultation(consultant, date(2026, 3, 4), slug="burgas", client=records.client(), nationality="UA")
    return staff


def test_a_coordinator_token_gets_exact_values_and_a_breakdown(client, data):
    response = client.get(
        f"{BASE}/net.consultations", {"year": 2026, "breakdown": "nationality"}, **bearer(data["coordinator"])
    )
    assert response.status_code == 200
    body = response.json()
    assert body["value"] == {"value": 3, "suppressed": False} and body["centres"] is None
    assert {row["key"]: row["value"]["value"] for row in body["rows"]} == {"SY": 2, "UA": 1}


def test_a_manager_token_is_scoped_to_their_centre_with_small_cells_suppressed(client, data):
    headers = bearer(data["manager.sofia"])
    body = client.get(f"{BASE}/net.consultations", {"year": 2026}, **headers).json()
    assert body["centres"] == ["sofia"]
    assert body["value"] == {"value": None, "suppressed": True}
    assert client.get(f"{BASE}/net.consultations", {"year": 2026, "centre": "burgas"}, **headers).status_code == 404
    assert client.get(f"{BASE}/net.violation_reports", **headers).status_code == 404
    codes = {item["code"] for item in client.get(BASE, **headers).json()}
    assert "net.consultations" in codes and "net.violation_reports" not in codes


def test_other_tokens_are_refused(client, data):
    assert client.get(BASE, **bearer(data["consultant.sofia"])).status_code == 403
    assert client.get(BASE).status_code == 401


def test_bad_input_is_a_clear_answer(client, data):
    headers = bearer(data["coordinator"])
    wrong = client.get(
        f"{BASE}/net.consultations", {"period": "dates", "start": "2026-05-01", "end": "2026-04-01"}, **headers
    )
    assert wrong.status_code == 422
    assert client.get(f"{BASE}/net.consultations", {"breakdown": "institution"}, **headers).status_code == 400
    assert client.get(f"{BASE}/no.such", **headers).status_code == 404
    registry.register(code="test.unavailable", name="Not yet", definition="", unit="people", unavailable="No")(None)
    try:
        unavailable = client.get(f"{BASE}/test.unavailable", **headers).json()
    finally:
        registry.unregister("test.unavailable")
    assert unavailable["computed"] is False and unavailable["value"] is None
