from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ViolationsConfig(AppConfig):
    name = "integra.violations"
    label = "violations"
    verbose_name = _("Violation reports")

    def ready(self):
        from auditlog.registry import auditlog

        from integra.violations.models import Message, Report

        # Only triage fields are diffed: content is encrypted and never copied into the audit log.
        # A reporter's own actions are not audited (services disable it) so that no precise time of
        # their visit is kept; staff actions and every staff read (log_read) are.
        auditlog.register(Report, include_fields=["status", "referred_to", "closed_on"])
        auditlog.register(Message, include_fields=["kind"])
