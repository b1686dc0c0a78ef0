"""The events' figures: participants with the paper sign-in sheet and nationality, every attendance, the
share who found an event useful and the funder's "helpful" indicator, through the register and the API."""

from datetime import date

import pytest
import time_machine

from integra.accounts.services import api_token_create
from integra.events.models import Event, Feedback, PaperAttendance, PaperFeedback, TallyCount
from integra.figures import registry
from integra.figures.counting import Scope
from integra.figures.services import indicator_value
from integra.figures.tests import records

YEAR = Scope(date(2026, 1, 1), date(2026, 12, 31))
EMPTY = Scope(date(2025, 1, 1), date(2025, 12, 31))
API = "/api/v1/figures/indicators"


def value(code, scope=YEAR, breakdown=None):
    return indicator_value(registry.get(code), Scope(scope.start, scope.end, scope.centres, breakdown))


def rows(result):
    return {row.key: (row.value, row.anonymous) for row in result.rows}


def paper(event, count, gender="female", age_band="25-34", nationality=""):
    return PaperAttendance.objects.create(
        event=event, gender=gender, age_band=age_band, nationality=nationality, count=count
    )


def walk_ins(event, count, gender="female", age_band="25-34", nationality=""):
    return TallyCount.objects.create(
        event=event, gender=gender, age_band=age_band, nationality=nationality, count=count
    )


@pytest.fixture
def data(staff):
    """Sofia: an information day in March and a concert in April (the same registered person at both);
    Burgas: a workshop in April with one walk-in."""
    march = records.event(date(2026, 3, 10))
    records.arrival(march, phone="+359888123456", adults=2)  # one registered, one with her
    walk_ins(march, 4, nationality="SY")
    walk_ins(march, 1, gender="male", age_band="35-49")
    paper(march, 2, nationality="UA")
    for answer in ("yes", "yes", "partly"):
        Feedback.objects.create(event=march, answer=answer)
    PaperFeedback.objects.create(event=march, answer="yes", count=3)
    PaperFeedback.objects.create(event=march, answer="no", count=1)

    april = records.event(date(2026, 4, 5), kind=Event.Kind.CONCERT)
    records.arrival(april, phone="+359888123456")
    paper(april, 3, gender="male", age_band="18-24", nationality="SY")
    PaperFeedback.objects.create(event=april, answer="yes", count=1)
    PaperFeedback.objects.create(event=april, answer="partly", count=1)

    workshop = records.event(date(2026, 4, 20), slug="burgas", kind=Event.Kind.WORKSHOP)
    walk_ins(workshop, 1, nationality="UA")
    return staff


def test_participants_add_the_paper_sheet_as_estimated_and_break_down_by_nationality(data):
    participants = value("net.event_participants")
    assert (participants.total, participants.anonymous) == (1, 1 + 4 + 1 + 2 + 3 + 1)
    by_nationality = value("net.event_participants", breakdown=registry.Breakdown.NATIONALITY)
    # The registered person and her companion are "not known"; tally and sheet give nationality.
    assert rows(by_nationality) == {"": (1, 1 + 1), "SY": (0, 4 + 3), "UA": (0, 2 + 1)}
    by_sex = value("net.event_participants", breakdown=registry.Breakdown.SEX)
    assert rows(by_sex) == {"": (1, 1), "female": (0, 4 + 2 + 1), "male": (0, 1 + 3)}
    assert value("amif.participants").anonymous == 12


def test_attendances_count_every_arrival_by_kind_month_and_centre(data):
    attendances = value("net.event_attendances")
    # Two check-ins of the same person, one companion, six walk-ins, five on paper sheets.
    assert (attendances.total, attendances.anonymous) == (2 + 1 + 6 + 5, 1 + 6 + 5)
    by_kind = value("net.event_attendances", breakdown=registry.Breakdown.EVENT_KIND)
    assert rows(by_kind) == {"information_day": (9, 8), "concert": (4, 3), "workshop": (1, 1)}
    by_month = value("net.event_attendances", breakdown=registry.Breakdown.MONTH)
    assert rows(by_month) == {"2026-03": (9, 8), "2026-04": (5, 4)}
    sofia = records.centre("sofia").pk
    by_centre = value("net.event_attendances", breakdown=registry.Breakdown.CENTRE)
    assert rows(by_centre) == {str(sofia): (13, 11), str(records.centre("burgas").pk): (1, 1)}


def test_the_useful_share_is_yes_answers_online_and_on_paper_out_of_all_answers(data):
    useful = value("net.event_useful")
    assert (useful.total, useful.of) == (2 + 3 + 1, 3 + 4 + 2)
    by_kind = value("net.event_useful", breakdown=registry.Breakdown.EVENT_KIND)
    assert {row.key: (row.value, row.of) for row in by_kind.rows} == {"information_day": (5, 7), "concert": (1, 2)}
    by_month = value("net.event_useful", breakdown=registry.Breakdown.MONTH)
    assert {row.key: (row.value, row.of) for row in by_month.rows} == {"2026-03": (5, 7), "2026-04": (1, 2)}


def test_the_funder_helpful_indicator_counts_yes_answers_as_estimated_participants(data):
    helpful = value("amif.helpful")
    assert (helpful.total, helpful.anonymous) == (0, 6)
    assert not registry.get("amif.helpful").unavailable
    by_month = value("amif.helpful", breakdown=registry.Breakdown.MONTH)
    assert rows(by_month) == {"2026-03": (0, 5), "2026-04": (0, 1)}


@pytest.mark.parametrize(
    "code", ["net.event_participants", "net.event_attendances", "net.event_useful", "amif.helpful"]
)
def test_a_period_without_events_is_zero_not_an_error(data, code):
    empty = value(code, EMPTY)
    assert (empty.total, empty.anonymous, empty.share) == (0, 0, None)
    assert value(code, EMPTY, registry.Breakdown.MONTH).rows == []


def test_the_api_gives_exact_numbers_to_a_coordinator_and_hides_small_cells_from_a_manager(client, data):
    def get(user, code, **params):
        _token, key = api_token_create(user=user, name="figures")
        response = client.get(f"{API}/{code}", {"year": 2026, **params}, HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 200
        return response.json()

    body = get(data["coordinator"], "net.event_useful", breakdown="month")
    assert (body["value"], body["of"]) == ({"value": 6, "suppressed": False}, {"value": 9, "suppressed": False})
    assert [(r["key"], r["value"]["value"], r["of"]["value"]) for r in body["rows"]] == [
        ("2026-03", 5, 7),
        ("2026-04", 1, 2),
    ]
    helpful = get(data["manager.sofia"], "amif.helpful", breakdown="month")
    assert helpful["computed"] is True and helpful["anonymous"] == {"value": 6, "suppressed": False}
    april = next(r for r in helpful["rows"] if r["key"] == "2026-04")
    assert april["anonymous"] == {"value": None, "suppressed": True}
    attendances = get(data["manager.sofia"], "net.event_attendances", breakdown="centre")
    assert attendances["value"]["value"] == 13 and [r["key"] for r in attendances["rows"]] == [
        str(records.centre("sofia").pk)
    ]
    nothing = get(data["coordinator"], "net.event_attendances", period="dates", start="2025-01-01", end="2025-12-31")
    assert nothing["computed"] is True and nothing["value"] == {"value": 0, "suppressed": False}


@time_machine.travel("2026-12-01 12:00Z")
def test_an_event_with_only_a_paper_sign_in_sheet_is_not_without_attendance(data):
    check = registry.get_check("events.attendance")
    empty = records.event(date(2026, 5, 5))
    only_paper = records.event(date(2026, 5, 6))
    paper(only_paper, 7)
    assert set(check.records(YEAR).values_list("pk", flat=True)) == {empty.pk}
