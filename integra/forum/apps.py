from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "integra.forum"
    label = "forum"
    verbose_name = _("Questions and answers")

    def ready(self):
        from auditlog.registry import auditlog

        from integra.forum.models import Answer, Question

        # Questions can hold personal data until moderated: changes are audited (contact fields and hashes left out).
        auditlog.register(Question, exclude_fields=["email", "phone", "token_hash", "submission_hash", "flags"])
        auditlog.register(Answer)
