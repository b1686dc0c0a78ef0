"""Nationality in the door tally: optional, its own counters, + and − still one step at a time in the
database, never below zero; the same over the API."""

import pytest

from integra.events import services
from integra.events.models import TallyCount
from integra.events.tests.test_api import auth  # noqa: F401 - the API token fixture
from tests.base import signed_in


def test_a_nationality_is_counted_in_its_own_cells(client, staff, event):
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/events/{event.pk}/tally/"
    response = client.post(url, {"gender": "female", "age_band": "25-34", "nationality": "AF", "delta": "1"})
    assert response["Location"] == f"{url}?nationality=AF"
    client.post(url, {"gender": "female", "age_band": "25-34", "nationality": "", "delta": "1"})
    client.post(url, {"gender": "female", "age_band": "25-34", "nationality": "AF", "delta": "1"})
    assert services.tally_table(event, "AF")[("female", "25-34")] == 2
    assert services.tally_table(event, "")[("female", "25-34")] == 1
    assert services.tally_table(event)[("female", "25-34")] == 3
    assert services.tally_nationalities(event) == {"": 1, "AF": 2}
    html = client.get(url, {"nationality": "AF"}).content.decode()
    assert "Counting: Afghanistan" in html and "3 walk-ins counted" in html
    assert 'name="nationality" value="AF"' in html


def test_below_zero_is_refused_for_each_nationality(client, staff, event):
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/events/{event.pk}/tally/"
    client.post(url, {"gender": "male", "age_band": "", "nationality": "", "delta": "1"})
    response = client.post(url, {"gender": "male", "age_band": "", "nationality": "SY", "delta": "-1"})
    assert response.status_code == 200
    assert "This count is already zero" in response.content.decode()
    assert services.tally_table(event, "")[("male", "")] == 1
    assert not TallyCount.objects.filter(nationality="SY").exists()


def test_an_unknown_nationality_is_refused_with_a_message(client, staff, event):
    signed_in(client, staff["consultant.sofia"])
    response = client.post(
        f"/en/staff/events/{event.pk}/tally/", {"gender": "male", "age_band": "", "nationality": "XX", "delta": "1"}
    )
    assert "Choose a nationality from the list, or leave it empty." in response.content.decode()
    assert not TallyCount.objects.exists()
    with pytest.raises(services.ValidationError):
        services.tally_change(
            event=event, by=staff["consultant.sofia"], gender="male", age_band="", nationality="XX", delta=1
        )


def test_the_api_counts_a_nationality_too(client, staff, auth, event):  # noqa: F811
    headers = auth("trainer.sofia")
    url = f"/api/v1/events/{event.pk}/tally"
    plus = {"gender": "female", "age_band": "18-24", "nationality": "ua", "delta": 1}
    body = client.post(url, plus, content_type="application/json", **headers).json()
    assert body["total"] == 1 and body["by_nationality"] == {"UA": 1}
    bad = client.post(url, {**plus, "nationality": "XX"}, content_type="application/json", **headers)
    assert bad.status_code == 422
