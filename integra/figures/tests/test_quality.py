"""Data quality before reporting: records missing what the funder's breakdowns need, each linked to fix it."""

from datetime import date

import pytest
import time_machine
from django.utils import translation

from integra.figures.tests import records
from integra.topics.models import Topic
from tests.base import signed_in

URL = "/en/staff/figures/"
YEAR = {"period": "year", "year": "2026"}


@pytest.fixture
def gaps(staff):
    consultant = staff["consultant.sofia"]
    complete = records.consultation(consultant, date(2026, 3, 2), nationality="SY", gender="female", age_band="25-34")
    complete.topics.set([Topic.objects.first()])
    missing = records.consultation(consultant, date(2026, 3, 3), gender="female", age_band="25-34")
    records.event(date(2026, 4, 1))  # over, nobody checked in or counted
    counted = records.event(date(2026, 4, 2))
    records.tally(counted, 4)
    return staff, complete, missing


@time_machine.travel("2026-12-06 10:00 +0200", tick=False)
def test_the_dashboard_warns_of_records_to_complete(client, gaps):
    staff, complete, missing = gaps
    signed_in(client, staff["coordinator"])
    response = client.get(URL, YEAR)
    counts = {w.check.code: w.count for w in response.context["warnings"]}
    assert counts["consultations.demographics"] == 1
    assert counts["consultations.topic"] == 1
    assert counts["events.attendance"] == 1


@time_machine.travel("2026-12-06 10:00 +0200", tick=False)
def test_each_warning_lists_the_records_with_links_to_fix_them(client, gaps):
    staff, complete, missing = gaps
    signed_in(client, staff["manager.sofia"])
    with translation.override("en"):
        response = client.get(f"{URL}quality/consultations.demographics/", YEAR)
    assert response.status_code == 200
    assert f"/en/staff/consultations/{missing.pk}/" in response.content.decode()
    assert f"/en/staff/consultations/{complete.pk}/" not in response.content.decode()


@time_machine.travel("2026-12-06 10:00 +0200", tick=False)
def test_a_manager_sees_only_their_centres_records(client, gaps):
    staff, _complete, missing = gaps
    signed_in(client, staff["manager.burgas"])
    response = client.get(f"{URL}quality/consultations.demographics/", YEAR)
    assert f"/consultations/{missing.pk}/" not in response.content.decode()
    assert client.get(f"{URL}quality/no.such/", YEAR).status_code == 404
    client.logout()
    signed_in(client, staff["consultant.sofia"])
    assert client.get(f"{URL}quality/consultations.demographics/", YEAR).status_code == 403
