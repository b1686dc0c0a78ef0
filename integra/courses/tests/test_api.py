"""/api/v1/courses/: the catalogue without a token; enrolments and attendance with a staff token, scoped."""

import pytest
from django.utils import timezone

from integra.accounts.services import api_token_create
from integra.courses import services
from integra.courses.models import Attendance, Enrolment
from integra.courses.tests.conftest import make_group


def bearer(user) -> dict:
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def group(reference_data):
    return make_group(weeks_from_now=-1, weeks=4, capacity=1)


def test_the_catalogue_is_public(client, group):
    services.enrolment_create(group=group, name="One", phone="+359881111111")
    data = client.get("/api/v1/courses", {"centre": "sofia"}).json()
    assert data["count"] == 1
    [item] = data["items"]
    assert (item["id"], item["places_left"], item["level"], item["centre"]) == (group.pk, 0, "A1", "sofia")
    assert client.get("/api/v1/courses", {"centre": "burgas"}).json()["count"] == 0
    assert client.get(f"/api/v1/courses/groups/{group.pk}").json()["capacity"] == 1


def test_staff_enrol_through_the_desk_form_and_a_full_group_waits(client, staff, group):
    headers = bearer(staff["consultant.sofia"])
    url = f"/api/v1/courses/groups/{group.pk}/enrolments"
    first = client.post(url, {"name": "Amira", "phone": "088 111 1111"}, content_type="application/json", **headers)
    assert first.status_code == 201 and first.json()["status"] == "enrolled"
    second = client.post(url, {"name": "Olena", "email": "o@example.org"}, content_type="application/json", **headers)
    assert second.status_code == 201 and second.json()["status"] == "waiting"
    bad = client.post(url, {"name": "X", "phone": "abc"}, content_type="application/json", **headers)
    assert bad.status_code == 422 and "phone" in bad.json()["detail"]
    listed = client.get(url, **headers).json()
    assert [e["name"] for e in listed] == ["Amira", "Olena"]


def test_another_centre_is_a_404_and_a_partner_is_refused(client, staff, group):
    url = f"/api/v1/courses/groups/{group.pk}/enrolments"
    assert client.get(url, **bearer(staff["consultant.burgas"])).status_code == 404
    assert client.get(url, **bearer(staff["partner.sofia"])).status_code == 403
    assert client.get(url).status_code == 401


def test_attendance_for_a_session_held_and_not_for_one_to_come(client, staff, group):
    enrolment = services.enrolment_create(group=group, name="Amira", phone="+359881111111")
    headers = bearer(staff["trainer.sofia"])
    past = group.sessions.filter(start__lte=timezone.now()).first()
    future = group.sessions.filter(start__gt=timezone.now()).first()
    base = f"/api/v1/courses/groups/{group.pk}/sessions"
    body = {"enrolment": enrolment.pk, "mark": "present"}
    done = client.post(f"{base}/{past.pk}/attendance", body, content_type="application/json", **headers)
    assert done.status_code == 200 and Attendance.objects.get().mark == "present"
    early = client.post(f"{base}/{future.pk}/attendance", body, content_type="application/json", **headers)
    assert early.status_code == 409 and "not happened yet" in early.json()["detail"]
    wrong = client.post(
        f"{base}/{past.pk}/attendance", {**body, "mark": "asleep"}, content_type="application/json", **headers
    )
    assert wrong.status_code == 422
    assert Enrolment.objects.get().attendance.count() == 1
