from django.core.management.base import BaseCommand

from integra.interpreting.phone import phone_calls_sweep


class Command(BaseCommand):
    help = (
        "Phone interpretation: move on from interpreters' calls whose provider callback never came (still ringing "
        "well past the ring time). Run every minute."
    )

    def handle(self, *args, **options):
        moved = phone_calls_sweep()
        self.stdout.write(f"Moved on: {moved}.")
