from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from integra.core.audit import as_actor


class Command(BaseCommand):
    help = "Load (or refresh) the demo data of every Integra app that has a demo.py. Safe to run twice."

    def handle(self, *args, **options):
        with transaction.atomic(), as_actor(None):
            for config in apps.get_app_configs():
                if not config.name.startswith("integra.") or find_spec(f"{config.name}.demo") is None:
                    continue
                import_module(f"{config.name}.demo").load()
                self.stdout.write(f"demo data loaded: {config.label}")
