from django.core.management.base import BaseCommand

from integra.accounts.demo import DEMO_DEVICE_NAME, DEMO_PASSWORD, demo_totp_secret
from integra.accounts.models import User
from integra.accounts.roles import NETWORK_ROLES


class Command(BaseCommand):
    help = "Print the demo logins (every account with a demo two-factor device, and the member) and how to sign in."

    def handle(self, *args, **options):
        staff = (
            User.objects.filter(totpdevice__name=DEMO_DEVICE_NAME)
            .prefetch_related("groups", "centres")
            .order_by("username")
            .distinct()
        )
        w = self.stdout.write
        w("")
        w(f"Demo logins (password for all: {DEMO_PASSWORD})")
        w(f"  {'username':<20} {'role':<16} centre")
        for user in staff:
            role = ",".join(sorted(group.name for group in user.groups.all()))
            centres = ",".join(sorted(centre.slug for centre in user.centres.all()))
            scope = centres or ("all" if set(role.split(",")) & NETWORK_ROLES else "-")
            w(f"  {user.username:<20} {role:<16} {scope}")
        if User.objects.filter(username="member").exists():
            w(f"  {'member':<20} {'member':<16} -")
        w("")
        w("Two-factor for staff: add this key to an authenticator app (TOTP, 6 digits, 30 s):")
        w(f"  {demo_totp_secret()}")
        w("or print the current code:  .venv/bin/python manage.py demo_code USERNAME")
        w("")
