"""The shared test base: one named user per role and centre, and signed-in clients for them.

    staff["consultant.sofia"], staff["manager.plovdiv"], staff["coordinator"], staff["member"] …

Every staff user has a confirmed TOTP device; `signed_in(client, user)` signs in
and passes two-factor, as the login and code pages would.
"""

from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from integra.accounts import roles
from integra.accounts.models import User
from integra.centres import demo as centres_demo
from integra.centres.models import Centre
from integra.topics import demo as topics_demo

PASSWORD = "a long test password 2026"  # noqa: S105 - test accounts only
CENTRES = ("sofia", "burgas", "plovdiv", "kardzhali")
NETWORK = {
    "coordinator": roles.COORDINATOR,
    "administrator": roles.ADMINISTRATOR,
    "moderator": roles.MODERATOR,
    "rights.officer": roles.RIGHTS_OFFICER,
}
PER_CENTRE = {
    "consultant": roles.CONSULTANT,
    "manager": roles.CENTRE_MANAGER,
    "trainer": roles.TRAINER,
    "mediator": roles.MEDIATOR,
    "partner": roles.PARTNER,
}


def load_reference_data() -> None:
    topics_demo.load()
    centres_demo.load()


def make_user(username: str, role: str | None = None, centres=(), *, with_device: bool = True) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org")
    if role:
        user.groups.set(Group.objects.filter(name=role))
        user.centres.set(Centre.objects.filter(slug__in=centres))
        if with_device:
            TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return User.objects.get(pk=user.pk)


def make_staff() -> dict[str, User]:
    users = {}
    for prefix, role in PER_CENTRE.items():
        for centre in CENTRES:
            users[f"{prefix}.{centre}"] = make_user(f"{prefix}.{centre}", role, [centre])
    for username, role in NETWORK.items():
        users[username] = make_user(username, role)
    users["member"] = make_user("member")
    return users


def staff_users() -> dict[str, User]:
    """The users make_staff() made, read again: staff["consultant.sofia"] …"""
    names = [f"{prefix}.{centre}" for prefix in PER_CENTRE for centre in CENTRES] + [*NETWORK, "member"]
    users = User.objects.in_bulk(names, field_name="username")
    return {name: users[name] for name in names}


def signed_in(client, user: User):
    """Sign the client in as the user, past two-factor for staff."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
