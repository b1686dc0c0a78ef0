from django.core.management.base import BaseCommand

from integra.events.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Queue reminders (e-mail and SMS) for tomorrow's events. Run once a day; `manage.py db_worker` sends them."

    def handle(self, *args, **options):
        result = send_due_reminders.enqueue()
        self.stdout.write(f"Queued the reminder run ({result.id}).")
