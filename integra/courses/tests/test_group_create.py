"""A centre manager creates a group with its schedule (issue 14 item 1): sessions on the chosen weekdays,
a Bulgarian public holiday kept as a cancelled session; what was typed is kept on an error; another centre
cannot be chosen; trainers and consultants cannot create groups."""

from datetime import date

from django.utils import translation

from integra.centres.models import Centre
from integra.courses.models import Group
from integra.courses.tests.conftest import make_course
from tests.base import signed_in


def answers(staff, **changes):
    data = {
        "course": make_course().pk if not changes.get("course") else changes.pop("course"),
        "centre": Centre.objects.get(slug="sofia").pk,
        "trainer": staff["trainer.sofia"].pk,
        "room": "2",
        "capacity": 12,
        "languages": ["bg", "ar"],
        "start_date": "2027-02-22",
        "end_date": "2027-03-07",
        "enrolment_opens": "2027-01-10",
        "enrolment_closes": "2027-02-26",
        "is_public": "on",
        "weekdays": ["1", "2"],  # Tuesday and Wednesday
        "starts_at": "18:00",
        "minutes": "120",
        "skip_public_holidays": "on",
    }
    data.update(changes)
    return data


def test_a_manager_creates_a_group_and_the_holiday_is_a_cancelled_session(client, staff):
    signed_in(client, staff["manager.sofia"])
    assert client.get("/en/staff/courses/new/").status_code == 200
    response = client.post("/en/staff/courses/new/", answers(staff))
    group = Group.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/staff/courses/{group.pk}/"
    assert (group.capacity, group.languages, group.trainer) == (12, ["bg", "ar"], staff["trainer.sofia"])
    sessions = list(group.sessions.all())
    assert [s.start.date() for s in sessions] == [
        date(2027, 2, 23), date(2027, 2, 24), date(2027, 3, 2), date(2027, 3, 3),
    ]  # fmt: skip
    assert [s.cancelled for s in sessions] == [False, False, False, True]  # 3 March, Liberation Day


def test_an_error_keeps_what_was_typed(client, staff):
    signed_in(client, staff["manager.sofia"])
    with translation.override("en"):
        page = client.post(
            "/en/staff/courses/new/", answers(staff, end_date="2027-02-01", weekdays=[], room="Hall B")
        ).content.decode()
    assert "The last session cannot be before the first." in page and "Choose the days the group meets." in page
    assert 'value="Hall B"' in page and not Group.objects.exists()


def test_another_centre_cannot_be_chosen_and_only_planners_create(client, staff):
    signed_in(client, staff["manager.sofia"])
    burgas = answers(staff, centre=Centre.objects.get(slug="burgas").pk)
    assert "Select a valid choice" in client.post("/en/staff/courses/new/", burgas).content.decode()
    assert not Group.objects.exists()
    for who in ("trainer.sofia", "consultant.sofia"):
        signed_in(client, staff[who])
        assert client.get("/en/staff/courses/new/").status_code == 403
