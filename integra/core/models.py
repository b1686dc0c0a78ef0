from auditlog.models import AbstractLogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(AbstractLogEntry):
    """One line of the append-only audit log: who (and in which role and centre), what, when.

    django-auditlog fills actor, action, object and timestamp; AuditMiddleware adds
    the actor's roles and centres at the time of the action, so the entry stays true
    even after the person changes role or leaves. Database triggers (migration 0002)
    refuse UPDATE and DELETE on this table.
    """

    actor_roles = models.CharField(_("roles"), max_length=255, blank=True)
    actor_centres = models.CharField(_("centres"), max_length=255, blank=True)

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
