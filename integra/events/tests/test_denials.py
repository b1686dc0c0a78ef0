"""Every page of one event, tried as every named user: anonymous → sign-in, wrong role → 403, another
centre → 404 (like a missing event). The event's list and new-event pages are rows of
tests/test_backoffice_permissions.py."""

import pytest

from integra.accounts import roles
from integra.events.tests.conftest import make_event
from tests.base import CENTRES, NETWORK, PER_CENTRE, signed_in

EVERY_USER = [f"{prefix}.{centre}" for prefix in PER_CENTRE for centre in CENTRES] + list(NETWORK) + ["member"]
DOOR = {roles.CONSULTANT, roles.TRAINER, roles.MEDIATOR, roles.CENTRE_MANAGER, roles.COORDINATOR}
ORGANISERS = {roles.CENTRE_MANAGER, roles.COORDINATOR}
PAGES = [("", DOOR), ("edit/", ORGANISERS), ("check-in/", DOOR), ("tally/", DOOR), ("registrations/", DOOR)]


def expected(name: str, allowed: set) -> int:
    role = NETWORK.get(name) or PER_CENTRE.get(name.split(".")[0])
    if role not in allowed:
        return 403
    if name in NETWORK:
        return 200
    return 200 if name.endswith(".sofia") else 404


@pytest.mark.parametrize(("suffix", "allowed"), PAGES, ids=[suffix or "detail" for suffix, _a in PAGES])
def test_each_user_gets_what_their_role_and_centre_allow(client, staff, suffix, allowed):
    event = make_event("sofia")
    url = f"/en/staff/events/{event.pk}/{suffix}"
    assert client.get(url).status_code == 302  # anonymous: to sign in
    results = {}
    for name in EVERY_USER:
        client.logout()
        signed_in(client, staff[name])
        results[name] = client.get(url).status_code
    assert results == {name: expected(name, allowed) for name in EVERY_USER}


def test_posting_as_a_partner_is_refused(client, staff):
    event = make_event("sofia")
    signed_in(client, staff["partner.sofia"])
    assert client.post(f"/en/staff/events/{event.pk}/tally/", {"gender": "male", "delta": "1"}).status_code == 403
    assert client.post(f"/en/staff/events/{event.pk}/check-in/door/", {}).status_code == 403


def test_cancelling_a_registration_is_refused_to_other_roles_and_centres(client, staff):
    from integra.events.models import Registration  # noqa: PLC0415
    from integra.events.tests.conftest import register  # noqa: PLC0415

    event = make_event("sofia")
    registration = register(event, "Holder", phone="+359881111111")
    url = f"/en/staff/events/{event.pk}/registrations/{registration.reference}/cancel/"
    assert client.post(url).status_code == 302 and client.post(url)["Location"].startswith("/en/accounts/")
    signed_in(client, staff["partner.sofia"])
    assert client.post(url).status_code == 403
    client.logout()
    signed_in(client, staff["consultant.burgas"])
    assert client.post(url).status_code == 404
    client.logout()
    signed_in(client, staff["consultant.sofia"])
    assert client.get(url).status_code == 405  # a GET changes nothing
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.REGISTERED
