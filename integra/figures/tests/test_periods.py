"""Reporting periods: a coordinator closes a period, its figures are frozen as version 1; recording
corrections makes a new version only when something changed, with the differences shown; the pages of a
closed period show its figures, and say when the records now give others."""

from datetime import date

import pytest
import time_machine
from django.utils import translation

from integra.core.models import AuditEntry as LogEntry
from integra.figures import periods, registry, snapshots
from integra.figures.models import PeriodSnapshot, StoredFigure
from integra.figures.services import store_period
from integra.figures.tests import records
from tests.base import signed_in

DASHBOARD = "/en/staff/figures/"
CLOSE = "/en/staff/figures/periods/close/"
Q1 = {"period": "quarter", "year": "2026", "quarter": "1"}

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def today():
    with time_machine.travel("2026-12-06 10:00 +0200", tick=False):
        yield


@pytest.fixture
def consultations(staff):
    consultant = staff["consultant.sofia"]
    for day in (2, 3, 4):
        records.consultation(consultant, date(2026, 3, day), client=records.client(nationality="SY"))
    return staff


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Records saved after a close with their on-commit work run as in production: the stored figures of
    their days are marked stale and counted again (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def close(client, data=Q1):
    with translation.override("en"):
        return client.post(CLOSE, data, follow=True)


def text(response) -> str:
    return response.content.decode()


def test_a_coordinator_closes_a_quarter_and_its_figures_are_kept_as_version_1(client, consultations):
    coordinator = consultations["coordinator"]
    signed_in(client, coordinator)
    response = close(client)
    assert response.status_code == 200
    assert "Q1 2026 is closed: its figures are kept as version 1." in text(response)
    snapshot = PeriodSnapshot.objects.get()
    assert (snapshot.kind, snapshot.start, snapshot.end, snapshot.version) == (
        "quarter",
        date(2026, 1, 1),
        date(2026, 3, 31),
        1,
    )
    assert snapshot.created_by == coordinator
    network = snapshot.figures[snapshots.EVERY_CENTRE]
    assert network["net.consultations"]["value"] == [3, 0, None]
    assert ["2026-03", 3, 0, None] in network["net.consultations"]["rows"]["month"]
    sofia = str(records.centre("sofia").pk)
    assert snapshot.figures[sofia]["net.consultations"]["value"] == [3, 0, None]
    assert snapshot.figures[str(records.centre("burgas").pk)]["net.consultations"]["value"] == [0, 0, None]
    assert "net.questions" not in snapshot.figures[sofia]  # network-only indicators are kept for the network only
    entry = LogEntry.objects.get_for_object(snapshot).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == coordinator


def test_the_dashboard_of_a_closed_period_shows_the_kept_figures_and_says_when_records_differ(
    client, consultations, committed
):
    signed_in(client, consultations["coordinator"])
    close(client)
    with committed():
        records.consultation(consultations["consultant.sofia"], date(2026, 3, 20))
    with translation.override("en"):
        response = client.get(DASHBOARD, Q1)
        page = client.get(f"{DASHBOARD}net.consultations/", Q1)
    body = text(response)
    assert "This period was closed on" in body and "the figures shown are version 1." in body
    assert "The records have changed since this version" in body
    assert (
        '<a href="/en/staff/figures/net.consultations/?period=quarter&amp;year=2026&amp;quarter=1">Consultations</a>'
        in body
    )
    figure = next(f for f in response.context["groups"][1][1] if f.indicator.code == "net.consultations")
    assert figure.value.total == 3  # the kept figure, not the 4 counted now
    assert "The records have changed since this version" in text(page)
    assert page.context["figure"].value.total == 3


def test_recording_corrections_makes_a_new_version_with_the_differences_only_when_something_changed(
    client, consultations, committed
):
    signed_in(client, consultations["coordinator"])
    close(client)
    first = PeriodSnapshot.objects.get()
    with translation.override("en"):
        response = client.post(f"/en/staff/figures/periods/{first.pk}/correct/", follow=True)
    assert "Nothing has changed since the newest version: no new version was made." in text(response)
    assert PeriodSnapshot.objects.count() == 1
    with committed():
        records.consultation(
            consultations["consultant.sofia"], date(2026, 2, 10), client=records.client(nationality="SY")
        )
    with translation.override("en"):
        response = client.post(f"/en/staff/figures/periods/{first.pk}/correct/", follow=True)
    assert "The corrections were recorded as version 2" in text(response)
    second = PeriodSnapshot.objects.get(version=2)
    assert second.figures[snapshots.EVERY_CENTRE]["net.consultations"]["value"] == [4, 0, None]
    change = {
        "scope": "all",
        "code": "net.consultations",
        "breakdown": "",
        "key": "",
        "old": [3, 0, None],
        "new": [4, 0, None],
    }
    assert change in second.changes
    assert any(c["breakdown"] == "month" and c["key"] == "2026-02" and c["old"] is None for c in second.changes)
    shown = response.context["versions"][0].shown
    assert {
        "scope": "Every centre",
        "indicator": "Consultations",
        "breakdown": "Total",
        "row": "",
        "old": "3",
        "new": "4",
    } in shown
    assert any(row["breakdown"] == "Month" and row["row"] == "February 2026" and row["new"] == "1" for row in shown)
    with translation.override("en"):
        dashboard = client.get(DASHBOARD, Q1)
    assert "the figures shown are version 2." in text(dashboard)
    assert "The records have changed" not in text(dashboard)
    assert LogEntry.objects.get_for_object(second).exists()


def test_closing_a_closed_period_again_keeps_one_version(client, consultations):
    signed_in(client, consultations["coordinator"])
    close(client)
    response = close(client)
    assert "This period was already closed; record corrections to make a new version." in text(response)
    assert PeriodSnapshot.objects.count() == 1


def test_two_coordinators_closing_at_once_make_one_version(client, consultations, monkeypatch):
    collect = snapshots.collect_all

    def meanwhile(period):
        data = collect(period)  # the other coordinator's close commits while this one counts
        PeriodSnapshot.objects.create(
            kind="quarter",
            start=period.start,
            end=period.end,
            version=1,
            figures=data,
            created_by=consultations["coordinator"],
        )
        return data

    monkeypatch.setattr(snapshots, "collect_all", meanwhile)
    signed_in(client, consultations["coordinator"])
    response = close(client)
    assert response.status_code == 200
    assert "This period was already closed" in text(response)
    assert PeriodSnapshot.objects.count() == 1


def test_an_empty_period_a_period_not_over_and_a_span_of_days_are_not_closed(client, staff):
    signed_in(client, staff["coordinator"])
    assert "No records in this period: there is nothing to close." in text(close(client, Q1))
    assert "This period is not over yet" in text(close(client, {"period": "year", "year": "2026"}))
    days = {"period": "dates", "start": "2026-01-01", "end": "2026-01-31"}
    assert "Only a year, a quarter or a month can be closed." in text(close(client, days))
    assert not PeriodSnapshot.objects.exists()


def test_a_failing_indicator_query_closes_nothing_and_says_which(client, consultations, monkeypatch):
    def broken(scope):
        raise RuntimeError("boom")

    original = registry.get("net.consultations")
    monkeypatch.setitem(
        registry._REGISTER, "net.consultations", registry.Indicator(**{**original.__dict__, "query": broken})
    )
    signed_in(client, consultations["coordinator"])
    response = close(client)
    assert response.status_code == 200
    assert "“Consultations” could not be computed, so nothing was saved." in text(response)
    assert not PeriodSnapshot.objects.exists()


def test_a_manager_sees_the_closed_figures_of_their_centre_with_small_cells_hidden(client, consultations, committed):
    signed_in(client, consultations["coordinator"])
    close(client)
    with committed():
        records.consultation(consultations["consultant.sofia"], date(2026, 3, 21))
        records.consultation(consultations["consultant.plovdiv"], date(2026, 3, 21), slug="plovdiv")
    client.post(f"/en/staff/figures/periods/{PeriodSnapshot.objects.get().pk}/correct/")
    second = PeriodSnapshot.objects.get(version=2)
    client.logout()
    signed_in(client, consultations["manager.sofia"])
    with translation.override("en"):
        response = client.get(DASHBOARD, Q1)
        page = client.get(f"/en/staff/figures/periods/{second.pk}/")
        listing = client.get("/en/staff/figures/periods/")
    assert "the figures shown are version 2." in text(response)
    figure = next(f for f in response.context["groups"][1][1] if f.indicator.code == "net.consultations")
    assert figure.value.total == 4
    shown = page.context["versions"][0].shown
    assert {row["scope"] for row in shown} == {
        "Information Centre for Immigrants – Sofia"
    }  # not the network's nor Plovdiv's
    assert {
        "scope": "Information Centre for Immigrants – Sofia",
        "indicator": "Consultations",
        "breakdown": "Total",
        "row": "",
        "old": "3",
        "new": "4 + fewer than 3",
    } in shown
    assert "Q1 2026" in text(listing)


@pytest.mark.parametrize("user", [None, "consultant.sofia", "manager.sofia", "trainer.sofia"])
def test_only_coordinators_close_a_period_or_record_corrections(client, consultations, user):
    signed_in(client, consultations["coordinator"])
    close(client)
    snapshot = PeriodSnapshot.objects.get()
    records.consultation(consultations["consultant.sofia"], date(2026, 3, 21))
    client.logout()
    if user:
        signed_in(client, consultations[user])
    refused = (302,) if user is None else (403,)
    assert client.post(CLOSE, {"period": "month", "year": "2026", "month": "2"}).status_code in refused
    assert client.post(f"/en/staff/figures/periods/{snapshot.pk}/correct/").status_code in refused
    assert PeriodSnapshot.objects.count() == 1


def test_closed_periods_are_not_shown_to_consultants(client, consultations):
    signed_in(client, consultations["consultant.sofia"])
    assert client.get("/en/staff/figures/periods/").status_code == 403


# --- The API ---------------------------------------------------------------------------------------------------

API = "/api/v1/figures"


def bearer(user) -> dict:
    from integra.accounts.services import api_token_create

    _token, key = api_token_create(user=user, name="figures")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}  # messages in English


def test_a_coordinator_token_closes_and_corrects_a_period_and_values_then_come_from_it(
    client, consultations, committed
):
    headers = bearer(consultations["coordinator"])
    body = {"period": "quarter", "year": 2026, "quarter": 1}
    response = client.post(f"{API}/periods/close", body, content_type="application/json", **headers)
    assert response.status_code == 201
    assert response.json()["version"] == 1 and response.json()["recorded_by"] == "coordinator"
    again = client.post(f"{API}/periods/close", body, content_type="application/json", **headers)
    assert again.status_code == 409 and "already closed" in again.json()["detail"]
    with committed():
        records.consultation(consultations["consultant.sofia"], date(2026, 3, 21))
    value = client.get(
        f"{API}/indicators/net.consultations", {"period": "quarter", "year": 2026, "quarter": 1}, **headers
    )
    assert value.json()["value"]["value"] == 3 and value.json()["closed_version"] == 1
    corrected = client.post(f"{API}/periods/correct", body, content_type="application/json", **headers)
    assert corrected.status_code == 200 and corrected.json()["version"] == 2 and corrected.json()["changes"] > 0
    listing = client.get(f"{API}/periods", **headers).json()
    assert [row["version"] for row in listing] == [1, 2]
    bad = client.post(
        f"{API}/periods/close",
        {"period": "month", "year": 2026, "month": 13},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422


@pytest.mark.parametrize("user", [None, "consultant.sofia", "manager.sofia"])
def test_only_coordinator_tokens_close_a_period(client, consultations, user):
    headers = bearer(consultations[user]) if user else {}
    body = {"period": "quarter", "year": 2026, "quarter": 1}
    for path in ("close", "correct"):
        response = client.post(f"{API}/periods/{path}", body, content_type="application/json", **headers)
        assert response.status_code == (401 if user is None else 403)
    listing = client.get(f"{API}/periods", **headers)
    assert listing.status_code == {None: 401, "consultant.sofia": 403, "manager.sofia": 200}[user]
    assert not PeriodSnapshot.objects.exists()


def test_the_close_button_is_offered_to_coordinators_for_a_period_that_is_over(client, consultations):
    signed_in(client, consultations["coordinator"])
    with translation.override("en"):
        assert "Close Q1 2026" in text(client.get(DASHBOARD, Q1))
        assert 'action="/en/staff/figures/periods/close/"' not in text(
            client.get(DASHBOARD, {"period": "year", "year": "2026"})
        )
    client.logout()
    signed_in(client, consultations["manager.sofia"])
    with translation.override("en"):
        assert 'action="/en/staff/figures/periods/close/"' not in text(client.get(DASHBOARD, Q1))


def test_a_period_whose_stored_figures_are_being_recounted_is_not_closed_until_they_are(client, consultations):
    signed_in(client, consultations["coordinator"])
    store_period(periods.quarter(2026, 1))
    StoredFigure.objects.filter(code="net.consultations").update(stale=True)  # a change not yet recounted
    refused = close(client)
    assert "its figures are being counted again, so nothing was saved" in text(refused)
    assert not PeriodSnapshot.objects.exists()
    StoredFigure.objects.update(stale=False)
    assert "Q1 2026 is closed" in text(close(client))
