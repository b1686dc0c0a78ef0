"""The back-office dashboard and indicator pages: who may open them, small cells, bad input, queries."""

from datetime import date

import pytest
from django.utils import translation

from integra.figures import registry
from integra.figures.tests import records
from tests.base import signed_in

URL = "/en/staff/figures/"
YEAR = {"period": "year", "year": "2026"}


@pytest.fixture
def two_consultations(staff):
    consultant = staff["consultant.sofia"]
    records.consultation(consultant, date(2026, 3, 2), client=records.client(nationality="SY"))
    records.consultation(consultant, date(2026, 3, 3), client=records.client(nationality="SY"))
    return staff


def test_coordinators_see_exact_small_counts(client, two_consultations):
    signed_in(client, two_consultations["coordinator"])
    response = client.get(URL, YEAR)
    assert response.status_code == 200
    row = next(
        f for _label, group in response.context["groups"] for f in group if f.indicator.code == "net.consultations"
    )
    assert row.cells["total"].text == "2" and not row.cells["total"].suppressed


def test_managers_see_fewer_than_three_for_their_centre(client, two_consultations):
    signed_in(client, two_consultations["manager.sofia"])
    with translation.override("en"):
        response = client.get(URL, YEAR)
    assert response.status_code == 200
    row = next(
        f for _label, group in response.context["groups"] for f in group if f.indicator.code == "net.consultations"
    )
    assert row.cells["total"].suppressed and row.cells["total"].value is None
    assert "fewer than 3" in response.content.decode()
    codes = {f.indicator.code for _label, group in response.context["groups"] for f in group}
    assert "net.violation_reports" not in codes and "net.questions" not in codes


def test_another_centre_is_a_404_for_a_manager(client, two_consultations):
    signed_in(client, two_consultations["manager.burgas"])
    assert client.get(URL, {**YEAR, "centre": "sofia"}).status_code == 404


def test_only_coordinators_and_managers_open_the_figures(client, staff):
    for name, expected in (("consultant.sofia", 403), ("trainer.sofia", 403), ("member", 403), ("coordinator", 200)):
        client.logout()
        signed_in(client, staff[name])
        assert client.get(URL).status_code == expected, name
    client.logout()
    assert client.get(URL).status_code == 302


def test_a_period_that_ends_before_it_starts_is_a_message_not_an_error(client, staff):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        response = client.get(URL, {"period": "dates", "start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 200
    assert "The last day must not be before the first day." in response.content.decode()
    assert response.context["period"] is None


def test_an_empty_period_says_there_are_no_records(client, staff):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        response = client.get(URL, {"period": "month", "year": "2024", "month": "2"})
    assert response.status_code == 200
    assert "No records in this period." in response.content.decode()


def test_a_failing_indicator_is_shown_as_could_not_be_computed_and_logged(client, staff, caplog, monkeypatch):
    def broken(scope):
        raise RuntimeError("boom")

    original = registry.get("net.consultations")
    monkeypatch.setitem(
        registry._REGISTER, "net.consultations", registry.Indicator(**{**original.__dict__, "query": broken})
    )
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        response = client.get(URL, YEAR)
        page = client.get(f"{URL}net.consultations/", YEAR)
    assert response.status_code == 200 and page.status_code == 200
    assert "Could not be computed" in response.content.decode()
    assert "net.consultations could not be computed" in caplog.text


@pytest.mark.parametrize("stored, pinned", [(True, 18), (False, 132)])  # +1: is the period closed?
def test_the_dashboard_costs_the_same_number_of_queries_with_more_records(
    client, staff, django_assert_max_num_queries, settings, stored, pinned
):
    """Read from the stored figures (integra.figures.stored) or counted live (as the refresh task does)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FIGURES_STORED = stored
    signed_in(client, staff["coordinator"])
    client.get(URL, YEAR)
    with CaptureQueriesContext(connection) as before:
        client.get(URL, YEAR)
    consultant = staff["consultant.sofia"]
    for day in range(1, 20):
        person = records.client(phone=f"+3598880001{day:02d}")
        records.consultation(consultant, date(2026, 3, day), client=person)
        records.enrolment(records.course_group(), phone=f"+3598880001{day:02d}")
        records.arrival(records.event(date(2026, 4, day)), phone=f"+3598880002{day:02d}")
    with CaptureQueriesContext(connection) as after:
        client.get(URL, YEAR)
    assert len(after) == len(before)
    # Stored: every value read in one query; live: as many as before the stored figures.
    assert len(before) == pinned
    with django_assert_max_num_queries(len(before)):
        client.get(URL, YEAR)


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_an_indicator_page_shows_each_breakdown_with_a_chart_and_a_table(client, two_consultations, language):
    signed_in(client, two_consultations["coordinator"])
    response = client.get(f"/{language}/staff/figures/net.consultations/", YEAR)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") == len(registry.get("net.consultations").breakdowns) - sum(
        1 for s in response.context["sections"] if s.empty
    )
    assert "<table" in html and "<caption>" in html
    if language in ("ar", "fa"):
        assert 'dir="rtl"' in html


def test_an_unknown_indicator_is_a_404(client, staff):
    signed_in(client, staff["coordinator"])
    assert client.get(f"{URL}no.such/").status_code == 404
