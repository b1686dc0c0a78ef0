import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from integra.accounts.models import User
from integra.violations import services
from integra.violations.models import OfficerKey


class Command(BaseCommand):
    help = (
        "Create a rights officer's report key pair. The officer types their password; the recovery key is "
        "printed once. Existing reports are not readable with a new key until a colleague shares them "
        "(violations_reseal)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace existing keys (old reports become unreadable to this officer).",
        )
        parser.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")

    def handle(self, *args, username, replace=False, password_stdin=False, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if OfficerKey.objects.filter(user=user).exists() and not replace:
            raise CommandError("This officer already has keys. Use --replace to make new ones.")
        password = sys.stdin.readline().rstrip("\n") if password_stdin else getpass.getpass("Officer's password: ")
        try:
            recovery = services.officer_keys_create(user=user, password=password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write("Keys created. The officer's RECOVERY KEY (shown once, write it down, keep it offline):")
        self.stdout.write(recovery)
