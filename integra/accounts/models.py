import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from integra.accounts import roles
from integra.core.crypto import EncryptedTextField


class User(AbstractUser):
    """A staff member (in one or more role groups) or a member (an immigrant with an account)."""

    centres = models.ManyToManyField(
        "centres.Centre",
        blank=True,
        related_name="staff",
        verbose_name=_("centres"),
        help_text=_("The centres this person works for. Coordinators and administrators see all centres."),
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)

    class Notify(models.TextChoices):
        SMS = "sms", _("By text message (SMS)")
        EMAIL = "email", _("By e-mail")
        NONE = "none", _("No messages")

    # A member's phone (E.164), set only once they confirmed a code sent to it (claiming their records).
    phone = PhoneNumberField(_("phone"), blank=True)
    notify_by = models.CharField(
        _("messages about my bookings and questions"), max_length=8, choices=Notify.choices, default=Notify.EMAIL
    )

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True)) & frozenset(roles.STAFF_ROLES)

    @cached_property
    def centre_slugs(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.centres.values_list("slug", flat=True))

    @property
    def is_staff_member(self) -> bool:
        return bool(self.roles) or self.is_superuser

    @property
    def is_network_wide(self) -> bool:
        return self.is_superuser or bool(self.roles & roles.NETWORK_ROLES)

    def has_role(self, *names: str) -> bool:
        return bool(self.roles & set(names))

    @property
    def role_labels(self) -> list[str]:
        return [str(roles.ROLE_LABELS[r]) for r in roles.STAFF_ROLES if r in self.roles]


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; it acts with its owner's roles and centres."""

    PREFIX = "itg_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def new_key(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())


class ClaimCode(models.Model):
    """A one-time code sent to a phone or e-mail a member says is theirs, to claim the records made with it
    without an account (issue 17). Only a keyed hash of the code is kept; single use; it expires."""

    class Channel(models.TextChoices):
        SMS = "sms", _("Text message")
        EMAIL = "email", _("E-mail")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="claim_codes")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    target = EncryptedTextField()  # the E.164 number or the e-mail address, encrypted at rest
    code_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("claim code")
        verbose_name_plural = _("claim codes")

    def __str__(self) -> str:
        return f"{self.user_id} {self.channel} {self.created_at:%Y-%m-%d %H:%M}"

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at
