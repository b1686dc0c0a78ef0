from auditlog.admin import LogEntryAdmin
from django.contrib import admin

from integra.core.models import AuditEntry

admin.site.unregister(AuditEntry)


@admin.register(AuditEntry)
class AuditEntryAdmin(LogEntryAdmin):
    """Read-only: the audit log can be searched, never changed."""

    list_display = ["created", "actor", "actor_roles", "actor_centres", "action", "resource_url", "msg_short"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
