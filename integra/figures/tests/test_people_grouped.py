"""People read grouped by identities in SQL (counting.people_records): the database returns one row per
person and breakdown value instead of one per record; the numbers are those of counting each record."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.centres.models import Hotline
from integra.figures import registry, services
from integra.figures.counting import Scope
from integra.figures.registry import Breakdown as B
from integra.figures.tests import records
from integra.hotline.callers import caller_hash
from integra.hotline.models import Call

YEAR = Scope(date(2026, 1, 1), date(2026, 12, 31))


def value(code, breakdown=None, centres=None):
    return services.indicator_value(registry.get(code), Scope(YEAR.start, YEAR.end, centres, breakdown))


def rows(code, breakdown, centres=None):
    return {row.key: (row.value, row.anonymous) for row in value(code, breakdown, centres).rows}


def call(day, *, number="", slug="sofia", client=None) -> Call:
    return Call.objects.create(
        hotline=Hotline.objects.order_by("pk").first(),
        centre=records.centre(slug),
        kind=Call.Kind.CONVERSATION,
        status=Call.Status.ENDED,
        started_at=records.moment(day),
        duration_seconds=120,
        language="fa",
        caller_hash=caller_hash(number) if number else "",
        client=client,
    )


def live_and_stored(code, breakdown=None, centres=None):
    with services.shared_results(use_stored=False):
        live = value(code, breakdown, centres)
    with services.shared_results():
        first = value(code, breakdown, centres)  # computed and stored
    with services.shared_results():
        again = value(code, breakdown, centres)  # read from the stored figures
    return live, first, again


@pytest.mark.django_db
def test_one_person_through_a_consultation_and_a_call_in_three_centres_counts_once(staff):
    consultant = staff["consultant.sofia"]
    amira = records.client(phone="+359888200001", nationality="SY")
    records.consultation(consultant, date(2026, 3, 5), client=amira, slug="sofia")
    records.consultation(consultant, date(2026, 1, 20), client=amira, slug="plovdiv")
    call(date(2026, 2, 1), number="+359888200001", slug="burgas")  # her number, no client file on the call
    call(date(2026, 2, 2), number="+359888200099", slug="burgas")  # somebody else
    sofia, plovdiv, burgas = (records.centre(slug).pk for slug in ("sofia", "plovdiv", "burgas"))

    participants = value("amif.participants")
    assert (participants.total, participants.anonymous) == (2, 0)
    assert value("amif.guidance").total == 1 and value("net.callers").total == 2
    # A breakdown puts her in one row: the earliest month (the consultation of January, though it is not
    # her first record); for the centre, the first record (Sofia's consultation) of the first source.
    assert rows("amif.participants", B.MONTH) == {"2026-01": (1, 0), "2026-02": (1, 0)}
    assert rows("amif.participants", B.CENTRE) == {str(sofia): (1, 0), str(burgas): (1, 0)}
    assert rows("net.callers", B.CENTRE) == {str(burgas): (2, 0)}
    # Across the centres of a scope: once; each centre alone sees her too.
    assert value("amif.participants", centres=(sofia, burgas)).total == 2
    assert value("amif.participants", centres=(plovdiv,)).total == 1
    assert value("amif.participants", centres=(sofia, plovdiv)).total == 1
    for breakdown in (None, B.MONTH, B.CENTRE, B.NATIONALITY):
        live, first, again = live_and_stored("amif.participants", breakdown, (sofia, burgas))
        assert live == first == again


@pytest.mark.django_db
def test_a_person_counts_in_the_row_of_their_first_record_with_a_value_and_walk_ins_in_their_own(staff):
    consultant = staff["consultant.sofia"]
    person = records.client()
    records.consultation(consultant, date(2026, 4, 1), client=person, nationality="")  # first: not known
    records.consultation(consultant, date(2026, 2, 1), client=person, nationality="UA")
    records.consultation(consultant, date(2026, 5, 1), client=person, nationality="SY")
    for day in (date(2026, 2, 3), date(2026, 2, 4), date(2026, 3, 4)):
        records.consultation(consultant, day, nationality="AF")  # walk-ins: anonymous

    guidance = value("amif.guidance")
    assert (guidance.total, guidance.anonymous) == (1, 3)
    assert rows("amif.guidance", B.NATIONALITY) == {"UA": (1, 0), "AF": (0, 3)}
    assert rows("amif.guidance", B.MONTH) == {"2026-02": (1, 2), "2026-03": (0, 1)}
    assert rows("amif.guidance", B.QUARTER) == {"2026-Q1": (1, 3)}
    for breakdown in (B.NATIONALITY, B.MONTH):
        live, first, again = live_and_stored("amif.guidance", breakdown)
        assert live == first == again


@pytest.mark.django_db
def test_companions_of_every_arrival_add_up_and_a_number_that_is_no_phone_number_is_estimated(staff):
    june, july = records.event(date(2026, 6, 1)), records.event(date(2026, 7, 1))
    records.arrival(june, phone="+359888300001", adults=2, children=1)
    records.arrival(july, phone="+359888300001", adults=1, children=1)  # the same person again
    records.arrival(july, phone="12", adults=2)  # not a phone number: two estimated
    group = records.course_group(start=date(2026, 2, 1))
    records.enrolment(group, phone="+359888300001")
    records.enrolment(group, phone="12")  # not a phone number: one estimated

    events = value("net.event_participants")
    assert (events.total, events.anonymous) == (1, 2 + 1 + 2)
    assert rows("net.event_participants", B.MONTH) == {"2026-06": (1, 2), "2026-07": (0, 3)}
    courses = value("amif.language_courses")
    assert (courses.total, courses.anonymous) == (1, 1)
    assert rows("amif.language_courses", B.MONTH) == {"2026-02": (1, 1)}
    participants = value("amif.participants")
    assert (participants.total, participants.anonymous) == (1, 2 + 1 + 2 + 1)
    # The course is the first source: the person's month is February, the learner of "12" is estimated there.
    assert rows("amif.participants", B.MONTH) == {"2026-02": (1, 1), "2026-06": (0, 2), "2026-07": (0, 3)}


@pytest.mark.django_db
def test_many_records_of_a_person_come_back_as_one_row(staff):
    consultant = staff["consultant.sofia"]
    person = records.client(phone="+359888400001", nationality="SY")
    for month in range(1, 13):
        records.consultation(consultant, date(2026, month, 10), client=person, nationality="SY")
        call(date(2026, month, 11), number="+359888400001", client=person)
    people_rows = []
    with CaptureQueriesContext(connection) as captured:
        with services.shared_results(use_stored=False):
            for breakdown in (None, B.MONTH, B.NATIONALITY):
                result = services.run_query(registry.get("amif.guidance"), Scope(YEAR.start, YEAR.end, None, breakdown))
                people_rows.append(len(result.records))
                assert value("amif.participants", breakdown).total == 1
    assert people_rows == [1, 1, 1]
    assert len([q for q in captured if "consultations_consultation" in q["sql"]]) == 3
