from django.core.management.base import BaseCommand

from integra.consultations.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Queue tomorrow's booking reminders (e-mail and SMS). Run once a day; `manage.py db_worker` sends them."

    def handle(self, *args, **options):
        result = send_due_reminders.enqueue()
        self.stdout.write(f"Queued the reminder run ({result.id}).")
