import pytest
from django.db import DatabaseError, connection, transaction

from integra.accounts.models import User
from integra.core.audit import as_actor, log_read
from integra.core.models import AuditEntry
from tests.base import signed_in


def test_changing_a_person_is_logged_with_who_their_role_and_centre(staff):
    coordinator = staff["coordinator"]
    target = staff["consultant.sofia"]
    with as_actor(staff["manager.sofia"]):
        target.email = "new@example.org"
        target.save()
    entry = AuditEntry.objects.get_for_object(target).latest("timestamp")
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.actor == staff["manager.sofia"]
    assert entry.actor_roles == "centre_manager"
    assert entry.actor_centres == "sofia"
    assert entry.changes_dict["email"][1] == "new@example.org"
    assert "password" not in entry.changes_dict
    assert coordinator.pk  # the network-wide roles are in the same test base


def test_creating_and_deleting_a_person_is_logged(db):
    user = User.objects.create_user("someone", password="green river walking slowly")
    pk = user.pk
    user.delete()
    actions = list(
        AuditEntry.objects.filter(object_pk=str(pk), content_type__model="user").values_list("action", flat=True)
    )
    assert AuditEntry.Action.CREATE in actions and AuditEntry.Action.DELETE in actions


def test_a_read_of_a_sensitive_record_is_logged(staff):
    target = staff["member"]
    with as_actor(staff["coordinator"]):
        log_read(target)
    entry = AuditEntry.objects.get_for_object(target).latest("timestamp")
    assert entry.action == AuditEntry.Action.ACCESS
    assert entry.actor == staff["coordinator"]
    assert entry.actor_roles == "coordinator"


def test_no_network_address_is_kept_with_an_audit_entry(client, staff):
    signed_in(client, staff["manager.burgas"])
    client.post(
        "/en/staff/centres/burgas/edit/",
        {"phone": "", "email": "", "hours-TOTAL_FORMS": "0", "hours-INITIAL_FORMS": "0"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert AuditEntry.objects.exists()
    assert not AuditEntry.objects.exclude(remote_addr=None).exists()


def test_the_audit_log_cannot_be_changed(staff):
    entry = AuditEntry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditentry SET object_repr = %s WHERE id = %s", ["forged", entry.pk])
    entry.refresh_from_db()
    assert entry.object_repr != "forged"


def test_the_audit_log_refuses_deletes_on_postgresql(staff):
    """Production (PostgreSQL) refuses DELETE; the embedded SQLite allows it so tests can empty tables."""
    entry = AuditEntry.objects.first()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
        assert AuditEntry.objects.filter(pk=entry.pk).exists()
    else:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
        assert not AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_request_without_a_session_writes_entries_with_no_actor_as_before(reference_data):
    """The audit middleware skips the actor context without a session cookie (issue 16): an entry written
    during such a request still has no actor, roles, centres or address, and keeps the correlation id."""
    from django.contrib.auth.models import AnonymousUser  # noqa: PLC0415
    from django.http import HttpResponse  # noqa: PLC0415
    from django.test import RequestFactory  # noqa: PLC0415

    from integra.centres.models import Centre  # noqa: PLC0415
    from integra.core.audit import AuditMiddleware  # noqa: PLC0415

    def view(request):
        centre = Centre.objects.get(slug="sofia")
        centre.phone = "+35929390001"
        centre.save()
        return HttpResponse("ok")

    request = RequestFactory().post("/en/", HTTP_X_CORRELATION_ID="abc-123")
    request.user = AnonymousUser()
    AuditMiddleware(view)(request)
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry.actor is None and entry.actor_roles == "" and entry.actor_centres == ""
    assert entry.remote_addr is None and entry.cid == "abc-123"
