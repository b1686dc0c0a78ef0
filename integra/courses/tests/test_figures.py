"""The courses' figures (issue 14 item 8): counted from the enrolments and registers, scoped by centre, small
counts hidden from centre managers, a constant number of queries; and the staff "Course figures" page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from integra.courses.figures import course_figures
from integra.courses.models import Attendance, Certificate, Enrolment
from integra.courses.tests.conftest import make_group
from tests.base import signed_in


def learner(group, name, status=Enrolment.Status.ENROLLED, **fields):
    return Enrolment.objects.create(group=group, name=name, status=status, **fields)


def mark(enrolment, marks):
    held = enrolment.group.sessions.filter(start__lte=timezone.now(), cancelled=False).order_by("start")
    for session, value in zip(held, marks, strict=False):
        Attendance.objects.create(session=session, enrolment=enrolment, mark=value)


@pytest.fixture
def sofia(staff):
    """A running group: one who completed (A1 → A2), one never present, one who dropped out, one waiting."""
    group = make_group(weeks_from_now=-3, weeks=6, trainer=staff["trainer.sofia"])
    amira = learner(group, "Amira", Enrolment.Status.COMPLETED, nationality="SY", gender="female", age_band="25-34",
                    entry_level="A1", exit_level="A2")  # fmt: skip
    mark(amira, ["present", "late", "absent"])
    Certificate.objects.create(enrolment=amira, name_as_printed="Amira")
    mark(learner(group, "Olena", nationality="UA", gender="female", entry_level="A1", exit_level="A1"), ["absent"])
    mark(learner(group, "Gone", Enrolment.Status.LEFT, nationality="SY", gender="male"), ["present"])
    learner(group, "Waiting", Enrolment.Status.WAITING, nationality="AF")
    learner(group, "Left the list", Enrolment.Status.LEFT)  # never held a place: not counted
    return group


@pytest.fixture
def burgas(staff):
    group = make_group("burgas", weeks_from_now=-3, weeks=6)
    mark(learner(group, "Burgas learner", nationality="TR"), ["present"])
    return group


def period():
    today = timezone.localdate()
    return {"date_from": today - timedelta(days=60), "date_to": today}


def test_the_figures_count_enrolled_started_completed_dropped_out_waiting_and_progress(staff, sofia, burgas):
    with translation.override("en"):
        figures = course_figures(user=staff["manager.sofia"], **period())
    total = figures.total
    assert (total.enrolled, total.started, total.completed, total.dropped_out, total.waiting) == (3, 2, 1, 1, 1)
    assert (total.attended, total.marked, total.attendance_rate) == (3, 5, 60)
    assert (total.assessed, total.improved, total.improved_share) == (2, 1, 50)
    assert figures.groups == 1
    by_nationality = {label: counts.enrolled for label, counts in figures.by_nationality}
    assert by_nationality == {"Syria": 2, "Ukraine": 1, "Afghanistan": 0}
    by_gender = {str(label): counts.enrolled for label, counts in figures.by_gender}
    assert by_gender["Female"] == 2 and by_gender["Male"] == 1
    assert [(entry, exit_, n) for entry, exit_, n in figures.progress] == [("A1", "A1", 1), ("A1", "A2", 1)]
    everyone = course_figures(user=staff["coordinator"], **period())
    assert everyone.total.enrolled == 4 and len(everyone.by_centre) == 2


def test_a_period_before_the_groups_counts_nothing(staff, sofia):
    today = timezone.localdate()
    figures = course_figures(
        user=staff["coordinator"], date_from=today - timedelta(days=400), date_to=today - timedelta(days=60)
    )
    assert figures.groups == 0 and figures.total.enrolled == 0


def test_the_figures_cost_the_same_queries_for_one_group_or_many(staff, sofia, django_assert_num_queries):
    course_figures(user=staff["coordinator"], **period())  # the user's roles, read once and kept
    with django_assert_num_queries(2):
        course_figures(user=staff["coordinator"], **period())
    for index in range(5):
        group = make_group("plovdiv", weeks_from_now=-2, weeks=4)
        for n in range(8):
            mark(learner(group, f"L{index}-{n}", nationality="IQ", entry_level="A1", exit_level="A2"), ["present"])
    with django_assert_num_queries(2):
        figures = course_figures(user=staff["coordinator"], **period())
    assert figures.total.enrolled == 43


def test_managers_see_their_centre_with_small_counts_hidden_and_coordinators_see_all(client, staff, sofia, burgas):
    signed_in(client, staff["manager.sofia"])
    with translation.override("en"):
        page = client.get("/en/staff/courses/figures/").content.decode()
    assert "Course figures" in page and "fewer than 3" in page and "Burgas learner" not in page
    assert ">Syria<" in page
    signed_in(client, staff["coordinator"])
    page = client.get("/en/staff/courses/figures/").content.decode()
    assert "fewer than 3" not in page and ">4<" in page
    bad = client.get("/en/staff/courses/figures/?date_from=2026-05-01&date_to=2026-01-01").content.decode()
    assert "The end of the period must be after its start." in bad and 'value="2026-05-01"' in bad


def test_the_page_costs_the_same_queries_whatever_the_data(client, staff, sofia):
    signed_in(client, staff["coordinator"])
    client.get("/en/staff/courses/figures/")
    counts = []
    for round_ in range(2):
        if round_:
            group = make_group("kardzhali", weeks_from_now=-2, weeks=4)
            for n in range(10):
                mark(learner(group, f"K{n}", nationality="SY"), ["present", "absent"])
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/staff/courses/figures/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("who", ["trainer.sofia", "consultant.sofia", "moderator"])
def test_trainers_and_consultants_do_not_see_the_figures(client, staff, who):
    signed_in(client, staff[who])
    assert client.get("/en/staff/courses/figures/").status_code == 403


def test_a_manager_cannot_ask_for_another_centre(client, staff, sofia, burgas):
    signed_in(client, staff["manager.sofia"])
    page = client.get(f"/en/staff/courses/figures/?centre={burgas.centre.pk}").content.decode()
    assert "Select a valid choice" in page
