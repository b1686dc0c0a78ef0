from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "integra.clients"
    label = "clients"
    verbose_name = _("Client files")

    def ready(self):
        from auditlog.registry import auditlog

        from integra.clients.models import Client, ClientShare, Consent

        # Identifying values stay out of the (append-only, never erased) audit log: only that they changed.
        auditlog.register(
            Client,
            exclude_fields=["created_at"],
            mask_fields=["name", "phone", "email"],
            mask_callable="integra.clients.models.mask_all",
        )
        auditlog.register(Consent)
        auditlog.register(ClientShare)
