"""Every back-office URL, tried as every named user of the test base, anonymous included.

Each row says who may open the page; everyone else must be refused: anonymous people
are sent to sign in, signed-in people without the role get 403, and people with the
role but from another centre get 404, exactly as for a centre that does not exist.
"""

import pytest

from integra.accounts import roles
from tests.base import CENTRES, NETWORK, PER_CENTRE, signed_in

EVERY_USER = [f"{prefix}.{centre}" for prefix in PER_CENTRE for centre in CENTRES] + list(NETWORK) + ["member"]
STAFF_ROLES = set(roles.STAFF_ROLES)


def role_of(name: str) -> str | None:
    if name in NETWORK:
        return NETWORK[name]
    prefix = name.split(".")[0]
    return PER_CENTRE.get(prefix)


def centre_of(name: str) -> str | None:
    return name.split(".")[1] if name.split(".")[0] in PER_CENTRE else None


def expect_any_staff(name):
    return 200 if role_of(name) in STAFF_ROLES else 403


def expect_centre_editor(centre):
    def expect(name):
        role = role_of(name)
        if role in (roles.COORDINATOR, roles.ADMINISTRATOR):
            return 200
        if role == roles.CENTRE_MANAGER:
            return 200 if centre_of(name) == centre else 404
        return 403

    return expect


def expect_hotline_operator(name):
    role = role_of(name)
    return 200 if role in (roles.CONSULTANT, roles.MEDIATOR, roles.CENTRE_MANAGER, roles.COORDINATOR) else 403


def expect_hotline_figures(name):
    return 200 if role_of(name) in (roles.CENTRE_MANAGER, roles.COORDINATOR) else 403


def expect_figures(name):
    return 200 if role_of(name) in (roles.CENTRE_MANAGER, roles.COORDINATOR) else 403


def expect_event_door(name):
    door = (roles.CONSULTANT, roles.TRAINER, roles.MEDIATOR, roles.CENTRE_MANAGER, roles.COORDINATOR)
    return 200 if role_of(name) in door else 403


def expect_event_organiser(name):
    return 200 if role_of(name) in (roles.CENTRE_MANAGER, roles.COORDINATOR) else 403


def expect_enrolments(name):
    return 200 if role_of(name) in (roles.CONSULTANT, roles.TRAINER, roles.CENTRE_MANAGER, roles.COORDINATOR) else 403


BACK_OFFICE = [
    ("/en/staff/", expect_any_staff),
    ("/en/staff/tokens/", expect_any_staff),
    ("/ar/staff/tokens/", expect_any_staff),
    ("/en/staff/centres/sofia/edit/", expect_centre_editor("sofia")),
    ("/en/staff/centres/plovdiv/edit/", expect_centre_editor("plovdiv")),
    ("/bg/staff/centres/kardzhali/edit/", expect_centre_editor("kardzhali")),
    ("/en/staff/hotline/", expect_hotline_operator),
    ("/fa/staff/hotline/call-backs/", expect_hotline_operator),
    ("/en/staff/hotline/call-backs/all/?date_from=2026-01-01", expect_hotline_operator),
    ("/ar/staff/courses/enrolments/?centre=sofia", expect_enrolments),
    ("/en/staff/hotline/figures/", expect_hotline_figures),
    ("/en/staff/figures/", expect_figures),
    ("/ar/staff/figures/periods/", expect_figures),
    ("/en/staff/events/", expect_event_door),
    ("/ar/staff/events/new/", expect_event_organiser),
]


@pytest.mark.parametrize("url,expect", BACK_OFFICE, ids=[row[0] for row in BACK_OFFICE])
def test_anonymous_visitors_are_sent_to_sign_in(client, reference_data, url, expect):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url,expect", BACK_OFFICE, ids=[row[0] for row in BACK_OFFICE])
def test_each_user_gets_exactly_what_their_role_and_centre_allow(client, staff, url, expect):
    results = {}
    for name in EVERY_USER:
        client.logout()
        signed_in(client, staff[name])
        results[name] = client.get(url).status_code
    expected = {name: expect(name) for name in EVERY_USER}
    assert results == expected


def test_an_unknown_centre_answers_404_like_another_centres(client, staff):
    signed_in(client, staff["coordinator"])
    assert client.get("/en/staff/centres/atlantis/edit/").status_code == 404


def test_only_administrators_reach_the_django_admin(client, staff):
    from django.contrib.auth.models import Group

    admin_user = staff["administrator"]
    admin_user.is_staff = True
    admin_user.save()
    assert Group.objects.get(name=roles.ADMINISTRATOR) in admin_user.groups.all()
    for name in EVERY_USER:
        client.logout()
        signed_in(client, staff[name])
        status = client.get("/admin/").status_code
        assert status == (200 if name == "administrator" else 302), name


def test_revoking_someone_elses_token_answers_404(client, staff):
    from integra.accounts.services import api_token_create

    token, _key = api_token_create(user=staff["consultant.plovdiv"], name="script")
    signed_in(client, staff["consultant.sofia"])
    assert client.post(f"/en/staff/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
