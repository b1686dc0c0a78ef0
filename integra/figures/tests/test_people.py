"""People, not contacts: each person once per period across consultations, courses and events; anonymous
contacts are estimated participants, kept apart."""

from datetime import date

import pytest

from integra.courses.models import Course
from integra.figures import registry
from integra.figures.counting import Scope
from integra.figures.services import indicator_value
from integra.figures.tests import records

YEAR = Scope(date(2026, 1, 1), date(2026, 12, 31))


def value(code, scope=YEAR):
    return indicator_value(registry.get(code), scope)


@pytest.mark.django_db
def test_a_person_seen_in_a_consultation_a_course_and_an_event_is_one_participant(staff):
    person = records.client(phone="+359888123456", nationality="SY", gender="female")
    consultant = staff["consultant.sofia"]
    records.consultation(consultant, date(2026, 3, 2), client=person)
    records.consultation(consultant, date(2026, 4, 2), client=person)
    records.enrolment(records.course_group(), phone="0888 123 456")
    records.arrival(records.event(date(2026, 6, 1)), phone="+359888123456")
    participants = value("amif.participants")
    assert participants.total == 1
    assert participants.anonymous == 0
    assert value("net.consultations").total == 2
    assert value("amif.guidance").total == 1
    assert value("amif.language_courses").total == 1


@pytest.mark.django_db
def test_walk_ins_tallies_and_companions_are_estimated_participants_kept_apart(staff):
    consultant = staff["consultant.sofia"]
    records.consultation(consultant, date(2026, 3, 2))
    records.consultation(consultant, date(2026, 3, 3))
    day = records.event(date(2026, 6, 1))
    records.arrival(day, phone="+359888000111", adults=2, children=1)
    records.tally(day, 5)
    consultations = value("net.consultations")
    assert (consultations.total, consultations.anonymous) == (2, 2)
    events = value("net.event_participants")
    assert (events.total, events.anonymous) == (1, 2 + 5)
    participants = value("amif.participants")
    assert (participants.total, participants.anonymous) == (1, 2 + 2 + 5)


@pytest.mark.django_db
def test_a_breakdown_counts_each_person_in_one_row_and_the_rows_add_up(staff):
    consultant = staff["consultant.sofia"]
    known = records.client(nationality="UA", gender="female")
    records.consultation(consultant, date(2026, 1, 5), client=known, gender="female")
    records.consultation(consultant, date(2026, 2, 5), client=known, gender="female")
    records.consultation(consultant, date(2026, 2, 6), client=records.client(), gender="male")
    by_month = value("amif.guidance", Scope(YEAR.start, YEAR.end, None, registry.Breakdown.MONTH))
    assert [(row.key, row.value) for row in by_month.rows] == [("2026-01", 1), ("2026-02", 1)]
    by_sex = value("amif.participants", Scope(YEAR.start, YEAR.end, None, registry.Breakdown.SEX))
    assert {row.key: row.value for row in by_sex.rows} == {"female": 1, "male": 1}
    assert sum(row.value for row in by_sex.rows) == by_sex.total


@pytest.mark.django_db
def test_courses_count_people_of_groups_running_in_the_period_and_levels_gained(staff):
    group = records.course_group(start=date(2025, 10, 1), end=date(2026, 1, 31))
    records.enrolment(group, phone="+359888000001", entry_level="A1", exit_level="A2")
    records.enrolment(group, phone="+359888000002", entry_level="A1", exit_level="A1")
    records.enrolment(group, phone="+359888000003", status="waiting")
    civic = records.course_group(Course.Kind.CIVIC)
    records.enrolment(civic, phone="+359888000001")
    assert value("amif.language_courses").total == 2
    assert value("amif.civic_orientation").total == 1
    assert value("amif.cefr_improved").total == 1
    assert value("amif.participants").total == 2  # the civic learner is also a language learner


@pytest.mark.django_db
def test_a_manager_scope_counts_only_their_centres(staff):
    consultant = staff["consultant.sofia"]
    records.consultation(consultant, date(2026, 3, 2), slug="sofia")
    records.consultation(consultant, date(2026, 3, 2), slug="burgas")
    sofia = records.centre("sofia").pk
    assert value("net.consultations", Scope(YEAR.start, YEAR.end, (sofia,))).total == 1
    assert value("net.consultations").total == 2


@pytest.mark.django_db
def test_the_phone_key_is_the_hotlines_caller_hash_however_the_number_was_typed():
    from integra.figures.counting import _phone_key
    from integra.hotline.callers import caller_hash

    assert _phone_key("+359888123456") == caller_hash("0888 123 456") == caller_hash("+359888123456")
    assert _phone_key("0888 123 456") == caller_hash("+359888123456")
    assert _phone_key("") == ""
