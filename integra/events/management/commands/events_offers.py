from django.core.management.base import BaseCommand

from integra.events.tasks import expire_offers


class Command(BaseCommand):
    help = "Queue the run that lapses events' waiting-list offers past their deadline and offers the places on. Hourly."

    def handle(self, *args, **options):
        result = expire_offers.enqueue()
        self.stdout.write(f"Queued the offer run ({result.id}).")
