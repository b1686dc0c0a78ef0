from django.core.management.base import BaseCommand

from integra.accounts.demo import DEMO_PASSWORD, demo_accounts, demo_totp_secret
from integra.accounts.roles import NETWORK_ROLES


class Command(BaseCommand):
    help = "Print the demo logins and how to pass two-factor with them."

    def handle(self, *args, **options):
        w = self.stdout.write
        w("")
        w(f"Demo logins (password for all: {DEMO_PASSWORD})")
        w(f"  {'username':<20} {'role':<16} centre")
        for username, role, centre in demo_accounts():
            scope = centre or ("all" if role in NETWORK_ROLES else "-")
            w(f"  {username:<20} {role or 'member':<16} {scope}")
        w("")
        w("Two-factor for staff: add this key to an authenticator app (TOTP, 6 digits, 30 s):")
        w(f"  {demo_totp_secret()}")
        w("or print the current code:  .venv/bin/python manage.py demo_code USERNAME")
        w("")
