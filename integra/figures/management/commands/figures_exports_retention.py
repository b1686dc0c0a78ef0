from django.core.management.base import BaseCommand

from integra.figures.tasks import delete_expired_exports


class Command(BaseCommand):
    help = "Queue (or with --now run) the deletion of funder reports made more than FIGURES_EXPORT_HOURS ago."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run in this process instead of queueing.")

    def handle(self, *args, now=False, **options):
        if now:
            deleted = delete_expired_exports.call()
            self.stdout.write(f"Deleted {deleted} report(s).")
        else:
            result = delete_expired_exports.enqueue()
            self.stdout.write(f"Queued: {result.id}")
