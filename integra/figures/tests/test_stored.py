"""Stored figures: the same numbers as the live computation, kept right when records change (signals and
the refresh task), rebuilt by a command, and a value being refreshed said so on the dashboard."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django_tasks import default_task_backend

from integra.centres.models import Hotline
from integra.consultations.models import Consultation
from integra.figures import periods, services
from integra.figures.counting import Scope
from integra.figures.models import StoredFigure
from integra.figures.tests import records
from integra.hotline.callers import caller_hash
from integra.hotline.models import Call
from tests.base import signed_in

YEAR = periods.year(2026)
URL = "/en/staff/figures/"


def everything(period=YEAR, centres=None) -> dict:
    """Every indicator with every breakdown and the data-quality counts of the period."""
    found = {}
    for indicator in services.visible(centres):
        if indicator.unavailable or indicator.query is None:
            continue
        for breakdown in (None, *indicator.breakdowns):
            scope = Scope(period.start, period.end, centres, breakdown)
            try:
                found[indicator.code, breakdown] = services.indicator_value(indicator, scope)
            except services.NotComputed:
                found[indicator.code, breakdown] = "not computed"
    found["checks"] = [(w.check.code, w.count) for w in services.quality_warnings(period=period, centres=centres)]
    return found


def live(period=YEAR, centres=None) -> dict:
    with services.shared_results(use_stored=False):
        return everything(period, centres)


def page(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


def stored(period=YEAR, centres=None) -> dict:
    with services.shared_results():
        return everything(period, centres)


def call(day, *, number="", client=None, slug="sofia", **fields) -> Call:
    return Call.objects.create(
        hotline=Hotline.objects.order_by("pk").first(),
        centre=records.centre(slug),
        kind=Call.Kind.CONVERSATION,
        status=Call.Status.ENDED,
        started_at=records.moment(day),
        duration_seconds=120,
        language=fields.pop("language", "fa"),
        caller_hash=caller_hash(number) if number else "",
        client=client,
        **fields,
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Saves as if their transaction committed: the stored values are marked (and refreshed) on commit."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def varied(staff):
    """People across channels (a client file, its phone number on a call, a course and an event), people
    seen once, anonymous contacts, two centres, several months, demographics and small cells."""
    sofia, plovdiv = staff["consultant.sofia"], staff["consultant.plovdiv"]
    amira = records.client(phone="+359888100001", nationality="SY", gender="female", year_of_birth=1995)
    omid = records.client(nationality="AF", gender="male", year_of_birth=2005)
    olena = records.client(slug="plovdiv", phone="+359888100003", nationality="UA", gender="female")
    records.consultation(sofia, date(2026, 1, 15), client=amira, channel=Consultation.Channel.IN_PERSON)
    records.consultation(sofia, date(2026, 4, 2), client=amira, channel=Consultation.Channel.PHONE, language="en")
    records.consultation(sofia, date(2026, 4, 3), client=omid, nationality="AF", gender="male", age_band="18-24")
    records.consultation(sofia, date(2026, 5, 5))  # a walk-in: anonymous
    records.consultation(plovdiv, date(2026, 6, 9), slug="plovdiv", client=olena, nationality="UA")
    records.consultation(plovdiv, date(2025, 12, 30), slug="plovdiv", client=olena)  # the year before
    call(date(2026, 2, 10), number="+359888100001")  # Amira again, by phone
    call(date(2026, 3, 11), number="+359888100009", nationality="SY", gender="male")
    call(date(2026, 3, 12))  # withheld number
    call(date(2026, 7, 1), slug="plovdiv", client=olena)
    records.enrolment(records.course_group(), phone="0888 100 001")  # Amira in a course
    records.enrolment(records.course_group(slug="plovdiv"), phone="+359888100003", client=olena)
    event = records.event(date(2026, 6, 1))
    records.arrival(event, phone="+359888100001", adults=2, children=1)  # Amira and two estimated
    records.arrival(event, phone="+359888100077")
    records.tally(event, 4)
    return staff


def test_stored_values_are_the_live_numbers_for_every_indicator_breakdown_and_centre(varied):
    expected = live()
    assert expected["amif.participants", None].total > 0 and expected["amif.participants", None].anonymous > 0
    assert services.store_period(YEAR) > 0
    stored_count = StoredFigure.objects.count()
    with CaptureQueriesContext(connection) as captured:
        assert stored() == expected
    # One query reads every stored value of the period; the clock-dependent events check is counted live
    # (its query in a savepoint: three).
    assert len(captured) == 4
    assert StoredFigure.objects.count() == stored_count
    sofia = (records.centre("sofia").pk,)
    assert stored(centres=sofia) == live(centres=sofia)  # computed and stored on first use
    assert stored(centres=sofia) == live(centres=sofia)
    assert StoredFigure.objects.filter(centres=str(sofia[0])).exists()


def test_a_record_moved_to_another_day_marks_both_days(varied, committed):
    services.store_period(YEAR)
    services.store_period(periods.year(2025))
    moved = Consultation.objects.get(held_on=date(2025, 12, 30))
    moved.held_on = date(2026, 1, 2)
    with committed(execute=True):
        moved.save()
    assert stored() == live()
    assert stored(periods.year(2025)) == live(periods.year(2025))


def test_a_record_saved_with_its_date_deferred_marks_every_period(varied, committed):
    services.store_period(YEAR)
    services.store_period(periods.year(2025))
    consultation = Consultation.objects.only("pk", "nationality").get(held_on=date(2025, 12, 30))
    consultation.nationality = "IQ"
    with committed(execute=True):
        consultation.save(update_fields=["nationality"])
    assert stored() == live()
    assert stored(periods.year(2025)) == live(periods.year(2025))


def test_a_record_saved_or_deleted_refreshes_the_stored_values_of_its_period_only(varied, committed):
    services.store_period(YEAR)
    services.store_period(periods.year(2025))
    before = live()
    year_before = dict(StoredFigure.objects.filter(start=date(2025, 1, 1)).values_list("pk", "computed_at"))
    omid = Consultation.objects.get(held_on=date(2026, 4, 3)).client
    with committed(execute=True):
        added = call(date(2026, 9, 1), client=omid, number="+359888100001")  # Omid's file and Amira's number
    assert not StoredFigure.objects.filter(stale=True).exists()  # the refresh task ran (immediate in tests)
    after = live()
    assert after != before
    assert stored() == after
    with committed(execute=True):
        added.delete()
    assert stored() == live() == before
    # The values of 2025 were neither marked nor recomputed.
    assert dict(StoredFigure.objects.filter(start=date(2025, 1, 1)).values_list("pk", "computed_at")) == year_before


def test_topics_and_client_files_changed_refresh_every_period_they_touch(varied, committed):
    from integra.topics.models import Topic

    services.store_period(YEAR)
    services.store_period(periods.year(2025))
    consultation = Consultation.objects.get(held_on=date(2026, 4, 3))
    with committed(execute=True):
        consultation.topics.add(Topic.objects.order_by("pk").first())
    assert stored() == live()
    olena = Consultation.objects.get(held_on=date(2025, 12, 30)).client
    olena.phone = "+359888100001"  # now the same person as Amira, in every period
    olena.nationality = "SY"
    with committed(execute=True):
        olena.save()
    assert stored() == live()
    assert stored(periods.year(2025)) == live(periods.year(2025))


def test_a_burst_of_saves_enqueues_one_refresh_and_the_command_catches_up(varied, committed):
    services.store_period(YEAR)
    consultant = varied["consultant.sofia"]
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        backend = default_task_backend
        backend.clear()
        with committed(execute=True):
            for day in (3, 4, 5):
                records.consultation(consultant, date(2026, 8, day))
        assert len(backend.results) == 1
    assert StoredFigure.objects.filter(stale=True).exists()
    assert stored() != live()  # stale values are shown (and said so, below) until the refresh runs
    call_command("refresh_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not StoredFigure.objects.filter(stale=True).exists()
    assert stored() == live()


def test_writes_that_bypass_the_signals_are_put_right_by_the_nightly_rebuild(varied):
    services.store_period(YEAR)
    Consultation.objects.filter(held_on=date(2026, 4, 2)).update(held_on=date(2025, 4, 2))
    assert stored() != live()
    call_command("refresh_figures", "--all", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert stored() == live()


def test_the_dashboard_says_when_values_shown_are_being_refreshed(client, varied):
    signed_in(client, varied["coordinator"])
    fresh = client.get(URL, {"period": "year", "year": "2026"})
    assert "being counted again" not in fresh.content.decode()
    StoredFigure.objects.update(stale=True)  # records changed, the refresh has not run yet
    response = client.get(URL, {"period": "year", "year": "2026"})
    assert response.context["stale_since"] is not None
    assert "being counted again" in response.content.decode()
    call_command("refresh_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "being counted again" not in client.get(URL, {"period": "year", "year": "2026"}).content.decode()


def test_a_manager_sees_stored_values_with_small_cells_suppressed_as_live(client, varied):
    signed_in(client, varied["manager.sofia"])
    first = page(client.get(URL, {"period": "year", "year": "2026", "centre": "sofia"}))
    assert StoredFigure.objects.exists()
    second = page(client.get(URL, {"period": "year", "year": "2026", "centre": "sofia"}))
    with override_settings(FIGURES_STORED=False):
        computed = page(client.get(URL, {"period": "year", "year": "2026", "centre": "sofia"}))
    assert first == second == computed
    assert "fewer than" in second
