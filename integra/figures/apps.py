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
        from integra.figures import stored

        # Stored figures are marked stale when their records change.
        stored.connect()
