"""The register pages cost a constant number of queries (issue 14 benchmark): the whole grid and one
session's phone register of a group with 40 learners and 60 sessions cost what a small group's do."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integra.courses import services
from integra.courses.models import Attendance
from integra.courses.tests.conftest import make_group
from tests.base import signed_in


def filled(group, learners: int):
    held = list(group.sessions.filter(start__lte=timezone.now(), cancelled=False))
    marks = []
    for index in range(learners):
        enrolment = services.enrolment_create(group=group, name=f"L{index}", phone=f"+35987{learners:02d}{index:05d}")
        marks += [Attendance(session=s, enrolment=enrolment, mark="present") for s in held]
    Attendance.objects.bulk_create(marks)
    return held[-1]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_grid_and_the_session_register_cost_the_same_for_2_or_40_learners_and_60_sessions(client, staff):
    trainer = staff["trainer.sofia"]
    small = make_group(weeks_from_now=-2, weeks=3, weekdays=(0,), trainer=trainer)
    big = make_group(weeks_from_now=-29, weeks=30, weekdays=(0, 3), trainer=trainer, capacity=40)
    assert big.sessions.count() == 60
    sessions = {small: filled(small, 2), big: filled(big, 40)}
    signed_in(client, trainer)
    client.get(f"/en/staff/courses/{small.pk}/register/")  # the session and the permissions, read once
    for page in ("register/", "sessions/{session}/"):
        counts = [
            queries(client, f"/en/staff/courses/{group.pk}/" + page.format(session=sessions[group].pk))
            for group in (small, big)
        ]
        assert counts[0] == counts[1], (page, counts)
