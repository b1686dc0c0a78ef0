from django.apps import AppConfig, apps
from django.contrib.auth.signals import user_logged_in, user_login_failed
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
        user_login_failed.connect(_count_failure, dispatch_uid="integra_login_delay_failure")
        user_logged_in.connect(_forget_failures, dispatch_uid="integra_login_delay_reset")
        user_logged_in.connect(_audit_superuser_sign_in, dispatch_uid="integra_audit_superuser_sign_in")

        # post_migrate is sent once per app (after migrate and after each flush of a test database): the roles
        # are synced at the last app's, which comes after every app's permissions were created.
        def sync_after_the_last_app(app_config, **kwargs):
            if app_config is [config for config in apps.get_app_configs() if config.models_module is not None][-1]:
                roles_sync()

        post_migrate.connect(sync_after_the_last_app, weak=False, dispatch_uid="integra_roles_sync")


def _audit_superuser_sign_in(sender, request, user, **kwargs):
    """Superusers are break-glass accounts: every sign-in of one is an audit entry coordinators see."""
    if user.is_superuser:
        from integra.core.audit import as_actor, log_read

        with as_actor(user):
            log_read(user)


def _count_failure(sender, credentials, request=None, **kwargs):
    from integra.accounts import throttle

    if credentials.get("username"):
        throttle.record_failure(credentials["username"])


def _forget_failures(sender, request, user, **kwargs):
    from integra.accounts import throttle

    throttle.reset(user.get_username())
