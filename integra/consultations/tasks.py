"""Background work for bookings: reminders the day before, by e-mail and SMS.

Enqueue `send_due_reminders` once a day (e.g. 09:00) with `manage.py send_booking_reminders`
from cron or a systemd timer; `manage.py db_worker` runs the queued tasks.
"""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from integra.accounts.notify import reach
from integra.consultations.models import Appointment
from integra.consultations.services import appointments_due_for_reminder
from integra.core.sms import send_sms


@task()
def send_due_reminders() -> int:
    """Queue one reminder per booking of tomorrow; returns how many were queued."""
    ids = list(appointments_due_for_reminder().values_list("pk", flat=True))
    for pk in ids:
        send_appointment_reminder.enqueue(pk)
    return len(ids)


@task()
def send_appointment_reminder(appointment_id: int) -> bool:
    """Send the reminder once: the booking is claimed with a conditional update before anything is sent."""
    claimed = Appointment.objects.filter(
        pk=appointment_id, status=Appointment.Status.BOOKED, reminded_at__isnull=True
    ).update(reminded_at=timezone.now())
    if not claimed:
        return False
    appointment = Appointment.objects.select_related("centre", "topic", "member").get(pk=appointment_id)
    # A member's booking follows the member's choice of messages and language (issue 17).
    to = reach(
        member=appointment.member, email=appointment.email, phone=appointment.phone, language=appointment.language
    )
    with translation.override(to.language):
        context = {"appointment": appointment, "start": timezone.localtime(appointment.start)}
        if to.email:
            subject = render_to_string("consultations/email/reminder_subject.txt", context).strip()
            body = render_to_string("consultations/email/reminder.txt", context)
            send_mail(subject, body, None, [to.email])
        if to.phone:
            send_sms(to.phone, render_to_string("consultations/email/reminder_sms.txt", context).strip())
    return True
