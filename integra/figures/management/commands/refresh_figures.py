from django.core.management.base import BaseCommand

from integra.figures import periods, services


class Command(BaseCommand):
    help = "Recompute the stored figures: the stale ones, every one (--all, nightly), or fill in a year (--year)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Recompute every stored value.")
        parser.add_argument("--year", type=int, action="append", default=[], help="Compute a year's values.")

    def handle(self, *args, **options):
        for year in options["year"]:
            count = services.store_period(periods.year(year))
            self.stdout.write(f"{year}: {count} values stored")
        count = services.refresh_stored(every=options["all"])
        self.stdout.write(f"{count} values recomputed")
