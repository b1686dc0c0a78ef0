import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from integra.accounts import roles

# Roles that work with client files: staff of the file's centre, and coordinators network-wide.
CASE_ROLES = (roles.CONSULTANT, roles.CENTRE_MANAGER)
NETWORK_CASE_ROLES = (roles.COORDINATOR,)

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out on the phone


def new_reference(prefix: str, length: int = 6) -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length))
    return f"{prefix}-{code[: length // 2]}-{code[length // 2 :]}"


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNDISCLOSED = "undisclosed", _("Not said")


class AgeBand(models.TextChoices):
    UNDER_18 = "0-17", _("Under 18")
    YOUNG = "18-24", _("18–24")
    ADULT = "25-34", _("25–34")
    MIDDLE = "35-49", _("35–49")
    OLDER = "50-64", _("50–64")
    SENIOR = "65+", _("65 and over")
    UNKNOWN = "", _("Not known")

    @classmethod
    def for_age(cls, age: int | None) -> str:
        if age is None:
            return cls.UNKNOWN
        for band, upper in ((cls.UNDER_18, 17), (cls.YOUNG, 24), (cls.ADULT, 34), (cls.MIDDLE, 49), (cls.OLDER, 64)):
            if age <= upper:
                return band
        return cls.SENIOR


class ResidenceStatus(models.TextChoices):
    EU_CITIZEN = "eu_citizen", _("EU citizen or family member")
    LONG_TERM = "long_term", _("Long-term or permanent residence")
    CONTINUOUS = "continuous", _("Continuous (extended) residence")
    TEMPORARY = "temporary", _("Temporary residence")
    PROTECTION = "protection", _("Refugee or humanitarian status")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
    TEMPORARY_PROTECTION = "temporary_protection", _("Temporary protection")
    STATELESS = "stateless", _("Stateless person")
    NONE = "none", _("No residence permit")
    UNKNOWN = "unknown", _("Not known")


class ClientQuerySet(models.QuerySet):
    def for_user(self, user):
        """Files of the user's centres and files shared with them; every file for coordinators."""
        if not user.is_authenticated:
            return self.none()
        # A superuser is no way around this: break-glass accounts get no client data (issue 9).
        if user.has_role(*NETWORK_CASE_ROLES):
            return self.all()
        if not user.has_role(*CASE_ROLES):
            return self.none()
        centres = user.centres.values("pk")
        return self.filter(Q(centre__in=centres) | Q(shares__centre__in=centres)).distinct()

    def search(self, query: str):
        query = (query or "").strip()
        if not query:
            return self
        condition = Q(reference__iexact=query) | Q(name__icontains=query)
        digits = "".join(ch for ch in query if ch.isdigit())
        if len(digits) >= 6:
            # Match the number however it was typed: local (0888…) or international (+359 888…).
            condition |= Q(phone__endswith=digits.lstrip("0")[-9:])
        return self.filter(condition)


class Client(models.Model):
    """A person the centre works with, known by a pseudonymous reference; every other field is optional."""

    reference = models.CharField(_("reference"), max_length=16, unique=True, editable=False)
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="clients", verbose_name=_("centre")
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True, help_text=_("For example +359 88 123 4567."))
    email = models.EmailField(_("e-mail"), blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, default=Gender.UNDISCLOSED)
    year_of_birth = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    residence_status = models.CharField(
        _("residence status"), max_length=32, choices=ResidenceStatus.choices, default=ResidenceStatus.UNKNOWN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("client file")
        verbose_name_plural = _("client files")
        permissions = [
            ("override_sharing", _("Can share a client file without the client's consent")),
            ("export_client", _("Can export and erase a client file (data-subject rights)")),
        ]

    def __str__(self) -> str:
        # The reference only: this text is copied into audit entries, which are never erased.
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference("C")
        super().save(*args, **kwargs)

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def age_band(self) -> str:
        if not self.year_of_birth:
            return AgeBand.UNKNOWN
        return AgeBand.for_age(timezone.localdate().year - self.year_of_birth)

    def has_consent(self, purpose: str) -> bool:
        return any(c.purpose == purpose and c.is_active for c in self.consents.all())

    def withdrew_consent(self, purpose: str) -> bool:
        """A consent for this purpose was given and every one of them has been withdrawn since."""
        given = [c for c in self.consents.all() if c.purpose == purpose]
        return bool(given) and not any(c.is_active for c in given)


class Consent(models.Model):
    class Purpose(models.TextChoices):
        RECORDS = "records", _("Keeping a client file and consultation records")
        SHARING = "sharing", _("Sharing the file with another centre of the network")
        CONTACT = "contact", _("Being contacted by phone, SMS or e-mail")
        REFERRAL = "referral", _("Passing details to an institution when referred")
        LINKING = "linking", _("Bringing together on the file what they did through other channels")

    class Method(models.TextChoices):
        SIGNED = "signed", _("Signed on paper")
        ORAL = "oral", _("Given orally")
        ONLINE = "online", _("Given online")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    version = models.CharField(
        _("version of the consent text"), max_length=32, help_text=_("The version shown to the client, e.g. 2026-01.")
    )
    given_on = models.DateField(_("date given"))
    method = models.CharField(_("how it was given"), max_length=16, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.client.reference} {self.purpose} {self.version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class ClientShare(models.Model):
    """A client file made visible to another centre: with the client's consent or a manager's logged override."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="shares")
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+", verbose_name=_("centre"))
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)
    override_reason = models.TextField(
        _("reason for sharing without consent"),
        blank=True,
        help_text=_("Only a centre manager can share without consent."),
    )

    class Meta:
        verbose_name = _("shared client file")
        verbose_name_plural = _("shared client files")
        constraints = [models.UniqueConstraint(fields=["client", "centre"], name="client_share_once")]

    def __str__(self) -> str:
        return f"{self.client.reference} → {self.centre.slug}"


def mask_all(value: str) -> str:
    """Audit-log mask for identifying values: that they changed is logged, never what they were."""
    return "•••" if value else ""


class ClientLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(unlinked_at__isnull=True)


class ClientLink(models.Model):
    """A booking, question, event registration, course enrolment or call-back made through another channel,
    put on a client file with the client's consent to linking (issue 17 item 5). Unlinking keeps the row
    (who, when) so that both steps stay on record; linking again makes a new row."""

    class Kind(models.TextChoices):
        BOOKING = "booking", _("Booking")
        QUESTION = "question", _("Question")
        REGISTRATION = "registration", _("Event registration")
        ENROLMENT = "enrolment", _("Course enrolment")
        CALL_BACK = "call_back", _("Call-back")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)
    unlinked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unlinked_at = models.DateTimeField(null=True, blank=True)

    objects = ClientLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-linked_at", "-pk"]
        verbose_name = _("linked record")
        verbose_name_plural = _("linked records")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "kind", "object_id"],
                condition=models.Q(unlinked_at__isnull=True),
                name="client_link_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client.reference} {self.kind} {self.object_id}"
