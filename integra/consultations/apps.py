from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "integra.consultations"
    label = "consultations"
    verbose_name = _("Consultations and bookings")

    def ready(self):
        from auditlog.registry import auditlog

        from integra.consultations.models import Appointment, Consultation, FollowUp, Referral, Rota

        # Notes are encrypted and never copied into the audit log; identifying booking details are masked.
        auditlog.register(Consultation, exclude_fields=["notes", "created_at"], m2m_fields={"topics"})
        auditlog.register(Referral)
        auditlog.register(FollowUp)
        auditlog.register(
            Appointment,
            exclude_fields=["submission_hash", "created_at"],
            mask_fields=["name", "phone", "email"],
            mask_callable="integra.clients.models.mask_all",
        )
        auditlog.register(Rota)
