from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpretingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "integra.interpreting"
    verbose_name = _("Interpreting and cultural mediation")
