from django.core.management.base import BaseCommand

from integra.events.tasks import ask_for_feedback


class Command(BaseCommand):
    help = (
        'Queue the "was this useful for you?" messages to people who came to events that ended in the last two days. '
        "Run once a day; `manage.py db_worker` sends them."
    )

    def handle(self, *args, **options):
        result = ask_for_feedback.enqueue()
        self.stdout.write(f"Queued the feedback requests ({result.id}).")
