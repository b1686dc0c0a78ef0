import pytest
import time_machine
from django.test import Client

from integra.accounts.services import api_token_create
from integra.violations import services
from integra.violations.models import Report
from integra.violations.tests.helpers import ANSWERS, KNOWN_PHRASE, submit
from tests.base import signed_in

pytestmark = pytest.mark.django_db

URL = "/en/staff/reports/statistics/"


def send(answers_override=None):
    override = {"when": {"when-when": "2026-01-05"}, **(answers_override or {})}
    answers = [(step, {**fields, **override.get(step, {})}) for step, fields in ANSWERS]
    assert 'class="receipt"' in submit(Client(), answers=answers).content.decode()


def test_statistics_count_by_category_city_kind_month_and_status_without_content(officer):
    with time_machine.travel("2026-02-10 10:00 +0000", tick=False):
        send()
        send({"category": {"category-category": "housing"}, "city": {"city-city": "sofia"}})
    with time_machine.travel("2026-03-05 10:00 +0000", tick=False):
        send({"place": {"place-institution_kind": ""}})
    services.report_triage(report=Report.objects.first(), status=Report.Status.CLOSED)
    stats = services.statistics()
    counts = lambda rows: {r["key"]: r["count"] for r in rows}  # noqa: E731
    assert stats["total"] == 3
    assert counts(stats["by_category"]) == {"authority_conduct": 2, "housing": 1}
    assert counts(stats["by_city"]) == {"plovdiv": 2, "sofia": 1}
    assert counts(stats["by_institution_kind"]) == {"": 1, "migration": 2}
    assert counts(stats["by_month"]) == {"2026-02": 2, "2026-03": 1}
    assert counts(stats["by_status"]) == {"closed": 1, "new": 2}
    assert counts(stats["by_channel"]) == {"online": 3}
    assert KNOWN_PHRASE not in str(stats)


def test_small_numbers_are_hidden_when_asked():
    assert services.statistics(minimum_cell=3)["total"] == 0


@pytest.mark.parametrize("username", ["coordinator", "rights.officer"])
def test_coordinators_and_rights_officers_see_the_statistics_page(client, staff, officer, username):
    send()
    signed_in(client, staff[username])
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200 and "Conduct of the police or an authority" in body
    assert KNOWN_PHRASE not in body
    if username == "coordinator":
        assert "&lt; 3" in body  # one report: too few to show outside the rights team
    else:
        assert "&lt; 3" not in body


@pytest.mark.parametrize("username", ["consultant.sofia", "manager.plovdiv", "administrator", "moderator", "member"])
def test_other_roles_do_not_see_the_statistics(client, staff, username):
    signed_in(client, staff[username])
    assert client.get(URL).status_code == 403


def test_statistics_through_the_api(client, staff, officer):
    send()
    _t, coordinator = api_token_create(user=staff["coordinator"], name="t")
    _t, consultant = api_token_create(user=staff["consultant.sofia"], name="t")
    ok = client.get("/api/v1/violations/statistics", headers={"Authorization": f"Bearer {coordinator}"})
    assert ok.status_code == 200 and ok.json()["total"] == 1
    denied = client.get("/api/v1/violations/statistics", headers={"Authorization": f"Bearer {consultant}"})
    assert denied.status_code == 403
