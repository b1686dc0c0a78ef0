"""Every back-office page of one group, tried as every named user: anonymous → sign-in, wrong role → 403,
another centre → 404 (like a missing group)."""

import pytest
from django.utils import timezone

from integra.accounts import roles
from integra.courses import services
from integra.courses.models import Certificate
from integra.courses.tests.conftest import make_group
from tests.base import CENTRES, NETWORK, PER_CENTRE, signed_in

EVERY_USER = [f"{prefix}.{centre}" for prefix in PER_CENTRE for centre in CENTRES] + list(NETWORK) + ["member"]
DESK = {roles.CONSULTANT, roles.TRAINER, roles.CENTRE_MANAGER, roles.COORDINATOR}
TRAINING = {roles.TRAINER, roles.CENTRE_MANAGER, roles.COORDINATOR}


def expected(name: str, allowed: set) -> int:
    role = NETWORK.get(name) or PER_CENTRE.get(name.split(".")[0])
    if role not in allowed:
        return 403
    if name in NETWORK:
        return 200
    return 200 if name.endswith(".sofia") else 404


@pytest.fixture
def pages(reference_data):
    group = make_group(weeks_from_now=-1, weeks=4)
    session = group.sessions.filter(start__lte=timezone.now()).first()
    enrolment = services.enrolment_create(group=group, name="Amira", phone="+359881111111")
    certificate = Certificate.objects.create(enrolment=enrolment, name_as_printed="Amira")
    return [
        (f"/en/staff/courses/{group.pk}/", DESK),
        (f"/en/staff/courses/{group.pk}/register/", DESK),
        (f"/en/staff/courses/{group.pk}/sessions/{session.pk}/", TRAINING),
        (f"/en/staff/courses/enrolments/{enrolment.pk}/levels/", TRAINING),
        (f"/en/staff/courses/enrolments/{enrolment.pk}/certificate/", TRAINING),
        (f"/en/staff/courses/certificates/{certificate.code}/", DESK),
    ]


def test_each_user_gets_what_their_role_and_centre_allow(client, staff, pages):
    for url, allowed in pages:
        client.logout()
        assert client.get(url).status_code == 302, url  # anonymous: to sign in
        results = {}
        for name in EVERY_USER:
            client.logout()
            signed_in(client, staff[name])
            results[name] = client.get(url).status_code
        assert results == {name: expected(name, allowed) for name in EVERY_USER}, url


def test_another_centre_cannot_mark_or_enrol(client, staff, reference_data):
    group = make_group(weeks_from_now=-1, weeks=4)
    session = group.sessions.filter(start__lte=timezone.now()).first()
    enrolment = services.enrolment_create(group=group, name="Amira", phone="+359881111111")
    signed_in(client, staff["trainer.burgas"])
    mark = f"/en/staff/courses/{group.pk}/sessions/{session.pk}/learners/{enrolment.pk}/"
    assert client.post(mark, {f"e{enrolment.pk}-mark": "present"}).status_code == 404
    assert client.post(f"/en/staff/courses/{group.pk}/enrol/", {"name": "X"}).status_code == 404
    client.logout()
    signed_in(client, staff["mediator.sofia"])
    assert client.post(mark, {f"e{enrolment.pk}-mark": "present"}).status_code == 403
    assert enrolment.attendance.count() == 0
