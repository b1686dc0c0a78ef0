"""Demo accounts: one per role and centre, each with a two-factor device on a shared demo key.

Every demo staff account uses the same TOTP key (DEMO_TOTP_KEY), so one entry in an
authenticator app serves them all; `manage.py demo_code USERNAME` prints the current
code instead. Never load demo data into a production database.
"""

from base64 import b32encode

from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from integra.accounts import roles
from integra.accounts.models import User
from integra.centres.models import Centre

DEMO_PASSWORD = "integra-demo-2026"
DEMO_TOTP_KEY = "696e74656772612064656d6f20746f7470206b6579"  # hex of b"integra demo totp key"
DEMO_DEVICE_NAME = "demo"

NETWORK_USERS = [
    ("coordinator", roles.COORDINATOR, None),
    ("admin", roles.ADMINISTRATOR, None),
    ("moderator", roles.MODERATOR, None),
    ("rights.officer", roles.RIGHTS_OFFICER, None),
    ("partner.sofia", roles.PARTNER, "sofia"),
]
ROLE_USERNAMES = {
    roles.CONSULTANT: "consultant",
    roles.CENTRE_MANAGER: "manager",
    roles.TRAINER: "trainer",
    roles.MEDIATOR: "mediator",
}


def demo_totp_secret() -> str:
    return b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def demo_accounts() -> list[tuple[str, str, str]]:
    """(username, role, centre slug or '') for every demo account, in a stable order."""
    rows = []
    for centre in Centre.objects.order_by("slug"):
        for role, prefix in ROLE_USERNAMES.items():
            rows.append((f"{prefix}.{centre.slug}", role, centre.slug))
    rows += [(username, role, centre or "") for username, role, centre in NETWORK_USERS]
    rows.append(("member", "", ""))
    return rows


def load() -> None:
    for username, role, centre_slug in demo_accounts():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@integra.example")
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == roles.ADMINISTRATOR
            user.save()
        if role:
            user.groups.set(Group.objects.filter(name=role))
            user.centres.set(Centre.objects.filter(slug=centre_slug) if centre_slug else [])
            TOTPDevice.objects.get_or_create(
                user=user, name=DEMO_DEVICE_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
            )
