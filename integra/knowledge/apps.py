from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "integra.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from auditlog.registry import auditlog

        # Who changed an article's settings, a material, a delivery or a distribution, and when.
        # Translation texts keep their own trail (edited_by, submitted_by, approved_by, source revisions).
        for name in ("Article", "Material", "Delivery", "Distribution"):
            auditlog.register(self.get_model(name))
