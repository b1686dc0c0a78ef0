import getpass
import sys

from django.core.management.base import BaseCommand, CommandError

from integra.accounts.models import User
from integra.violations import crypto, services
from integra.violations.models import OfficerKey


class Command(BaseCommand):
    help = "Share every report officer BY can read with officer TO (who must have keys). BY types their password."

    def add_arguments(self, parser):
        parser.add_argument("by")
        parser.add_argument("to")
        parser.add_argument("--password-stdin", action="store_true")

    def handle(self, *args, by, to, password_stdin=False, **options):
        by_user = User.objects.filter(username=by).first()
        to_user = User.objects.filter(username=to).first()
        if by_user is None or to_user is None:
            raise CommandError("Unknown user.")
        if not OfficerKey.objects.filter(user=to_user).exists():
            raise CommandError(f"{to} has no keys yet: run violations_keys {to} first.")
        password = sys.stdin.readline().rstrip("\n") if password_stdin else getpass.getpass(f"{by}'s password: ")
        try:
            private = services.officer_private_key(user=by_user, password=password)
        except crypto.DecryptionError as error:
            raise CommandError("That password does not open the keys.") from error
        count = services.report_reseal(by=by_user, private_key=private, to=to_user)
        self.stdout.write(f"Shared {count} report(s) with {to}.")
