from django.core.management.base import BaseCommand

from integra.accounts.demo import DEMO_PASSWORD, demo_accounts, demo_totp_secret


class Command(BaseCommand):
    help = "Print the demo logins and how to pass two-factor with them."

    def handle(self, *args, **options):
        w = self.stdout.write
        w("")
        w("Demo logins (password for all: %s)" % DEMO_PASSWORD)
        w("  %-20s %-16s %s" % ("username", "role", "centre"))
        for username, role, centre in demo_accounts():
            w("  %-20s %-16s %s" % (username, role or "member", centre or ("all" if role in ("coordinator", "administrator") else "-")))
        w("")
        w("Two-factor for staff: add this key to an authenticator app (TOTP, 6 digits, 30 s):")
        w("  %s" % demo_totp_secret())
        w("or print the current code:  .venv/bin/python manage.py demo_code USERNAME")
        w("")
