from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "integra.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog

        from integra.accounts.services import roles_sync

        auditlog.register(
            self.get_model("User"),
            exclude_fields=["password", "last_login"],
            m2m_fields={"groups", "centres"},
        )
        # Every app's post_migrate: the last one sees all permissions created.
        post_migrate.connect(lambda **kwargs: roles_sync(), weak=False, dispatch_uid="integra_roles_sync")
