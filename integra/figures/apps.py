from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "integra.figures"
    verbose_name = _("Figures")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Every app's indicators.py registers its query functions (integra.figures.registry).
        autodiscover_modules("indicators")

        from auditlog.registry import auditlog

        # Closing a period and each correction are audit-logged (who, when, which version), not the figures.
        auditlog.register(self.get_model("PeriodSnapshot"), exclude_fields=["figures", "changes"])
        from integra.figures import stored

        # Stored figures are marked stale when their records change.
        stored.connect()
