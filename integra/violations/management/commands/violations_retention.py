from django.core.management.base import BaseCommand

from integra.violations.tasks import delete_expired_reports


class Command(BaseCommand):
    help = "Queue (or with --now run) the deletion of closed violation reports past the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run in this process instead of queueing.")

    def handle(self, *args, now=False, **options):
        if now:
            deleted = delete_expired_reports.call()
            self.stdout.write(f"Deleted {deleted} report(s).")
        else:
            result = delete_expired_reports.enqueue()
            self.stdout.write(f"Queued: {result.id}")
