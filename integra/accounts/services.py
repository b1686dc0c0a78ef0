from datetime import datetime

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from integra.accounts import roles
from integra.accounts.models import ApiToken, User


def roles_sync() -> None:
    """Create the role groups and give each exactly the permissions roles.py lists (idempotent)."""
    for role, perm_names in roles.ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for name in perm_names:
            app_label, codename = name.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)


@transaction.atomic
def member_create(*, username: str, email: str, password: str, language: str = "") -> User:
    """A member account for an immigrant (no staff role, no centre)."""
    return User.objects.create_user(username=username, email=email, password=password, preferred_language=language)


@transaction.atomic
def staff_user_create(
    *, username: str, password: str, role_names: list[str], centres=(), email: str = "", **extra
) -> User:
    user = User.objects.create_user(username=username, email=email, password=password, **extra)
    user.groups.set(Group.objects.filter(name__in=role_names))
    user.centres.set(centres)
    return user


def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device a staff member is enrolling (a new secret each time it is restarted)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm an enrolling device with a code from it; logs the session in as verified."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    return True


def totp_verify(*, request, user: User, token: str) -> bool:
    """Check a code against the user's confirmed devices; a code is accepted only once."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            otp_login(request, device)
            return True
    return False


@transaction.atomic
def api_token_create(*, user: User, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new personal token; returns it and the key, which is shown once and never stored."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=ApiToken.hash_key(key), hint=key[:8], expires_at=expires_at
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_authenticate(key: str) -> User | None:
    """The active staff user behind a token key, or None."""
    if not key or not key.startswith(ApiToken.PREFIX):
        return None
    token = ApiToken.objects.active().select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
