from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from integra.core.audit import as_actor


class Command(BaseCommand):
    help = "Load (or refresh) the demo data of every Integra app that has a demo.py. Safe to run twice."

    def handle(self, *args, **options):
        # The demo's people are made up: the messages their records would send (offers, cancellations) are
        # kept in memory and dropped, never sent by e-mail or SMS, whatever the instance's backends.
        quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", SMS_BACKEND="locmem")
        with quiet, transaction.atomic(), as_actor(None):
            for config in apps.get_app_configs():
                if not config.name.startswith("integra.") or find_spec(f"{config.name}.demo") is None:
                    continue
                import_module(f"{config.name}.demo").load()
                self.stdout.write(f"demo data loaded: {config.label}")
