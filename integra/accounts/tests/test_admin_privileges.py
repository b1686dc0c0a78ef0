"""Issue 9, finding 1: an administrator cannot make anyone (themself included) a superuser, cannot
grant a role that reaches client files or reports, cannot edit their own roles, and a superuser is
no way around the client-file rules."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from integra.clients.models import Client
from integra.core.models import AuditEntry
from tests.base import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(staff):
    admin = staff["administrator"]
    admin.is_staff = True  # the demo administrator reaches the Django admin
    admin.save(update_fields=["is_staff"])
    return admin


def change_form_data(client, user) -> dict:
    """What the admin's change form would post for the user as it is now."""
    response = client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if name in ("date_joined", "last_login"):
            data[f"{name}_0"] = value.strftime("%Y-%m-%d")
            data[f"{name}_1"] = value.strftime("%H:%M:%S")
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif hasattr(value, "__iter__") and not isinstance(value, str):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = value
    data.pop("password", None)
    return data


def post_change(client, user, **changes):
    data = change_form_data(client, user)
    data.update(changes)
    return client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)


def test_an_administrator_cannot_make_another_user_a_superuser(client, staff, admin_user):
    signed_in(client, admin_user)
    target = staff["trainer.sofia"]
    post_change(client, target, is_superuser="on", is_staff="on")
    target.refresh_from_db()
    assert not target.is_superuser
    assert not target.is_staff


def test_an_administrator_cannot_make_themself_a_superuser(client, admin_user):
    signed_in(client, admin_user)
    post_change(client, admin_user, is_superuser="on")
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser


def test_an_administrator_cannot_change_their_own_roles(client, staff, admin_user):
    signed_in(client, admin_user)
    coordinator = Group.objects.get(name="coordinator")
    post_change(client, admin_user, groups=[coordinator.pk, *admin_user.groups.values_list("pk", flat=True)])
    assert not admin_user.groups.filter(name="coordinator").exists()


def test_an_administrator_cannot_grant_a_role_that_reaches_client_files(client, staff, admin_user):
    signed_in(client, admin_user)
    target = staff["trainer.sofia"]
    consultant = Group.objects.get(name="consultant")
    response = post_change(client, target, groups=[consultant.pk])
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.as_data()["groups"][0].code == "sensitive_role"
    assert not target.groups.filter(name="consultant").exists()


def test_an_administrator_may_still_grant_a_role_without_access_to_personal_data(client, staff, admin_user):
    signed_in(client, admin_user)
    target = staff["trainer.sofia"]
    trainer, editor = Group.objects.get(name="trainer"), Group.objects.get(name="editor")
    response = post_change(client, target, groups=[trainer.pk, editor.pk])
    assert response.status_code == 302
    assert target.groups.filter(name="editor").exists()


def test_an_administrator_cannot_edit_a_superuser(client, staff, admin_user):
    root = staff["member"]
    root.is_superuser = True
    root.save(update_fields=["is_superuser"])
    signed_in(client, admin_user)
    response = client.get(reverse("admin:accounts_user_change", args=[root.pk]))
    assert response.status_code in (200, 403)
    post_change_url = reverse("admin:accounts_user_change", args=[root.pk])
    client.post(post_change_url, {"username": "taken-over", "is_superuser": "on"})
    root.refresh_from_db()
    assert root.username == "member"


def test_a_superuser_outside_the_case_roles_sees_no_client_file(client, staff):
    file = Client.objects.create(centre=staff["consultant.sofia"].centres.get(), name="Canary Person")
    root = staff["member"]
    root.is_superuser = root.is_staff = True
    root.save(update_fields=["is_superuser", "is_staff"])
    TOTPDevice.objects.create(user=root, name="test", confirmed=True)
    assert not Client.objects.for_user(root).exists()
    signed_in(client, root)
    response = client.get(reverse("clients_staff:detail", args=[file.reference]))
    assert response.status_code in (403, 404)
    assert "Canary Person" not in response.content.decode()


def test_a_superuser_sign_in_is_audit_logged(client, staff):
    root = staff["member"]
    root.is_superuser = True
    root.save(update_fields=["is_superuser"])
    before = AuditEntry.objects.count()
    client.force_login(root)
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.actor_id == root.pk
