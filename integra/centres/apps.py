from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "integra.centres"
    label = "centres"
    verbose_name = _("Centres and institutions")

    def ready(self):
        from auditlog.registry import auditlog

        # Not personal data, but who changed a centre's public details, and when, matters.
        auditlog.register(self.get_model("Centre"), m2m_fields={"services"})
        auditlog.register(self.get_model("OpeningHours"))
