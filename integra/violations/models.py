"""Violation reports: metadata in the clear (for triage and statistics), content encrypted.

Nothing here holds a network address, a user agent or a precise time of a reporter's
action: reports and messages carry only the day. Content (what happened, where, the
reporter's contact details and name, messages, notes, files) is encrypted with the
report's own key; see integra/violations/crypto.py and docs/violations.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from integra.centres.models import Institution


class City(models.TextChoices):
    """Where it happened, for statistics: Bulgaria's regional centres, or elsewhere."""

    SOFIA = "sofia", _("Sofia")
    PLOVDIV = "plovdiv", _("Plovdiv")
    VARNA = "varna", _("Varna")
    BURGAS = "burgas", _("Burgas")
    RUSE = "ruse", _("Ruse")
    STARA_ZAGORA = "stara_zagora", _("Stara Zagora")
    PLEVEN = "pleven", _("Pleven")
    SLIVEN = "sliven", _("Sliven")
    DOBRICH = "dobrich", _("Dobrich")
    SHUMEN = "shumen", _("Shumen")
    PERNIK = "pernik", _("Pernik")
    HASKOVO = "haskovo", _("Haskovo")
    YAMBOL = "yambol", _("Yambol")
    PAZARDZHIK = "pazardzhik", _("Pazardzhik")
    BLAGOEVGRAD = "blagoevgrad", _("Blagoevgrad")
    VELIKO_TARNOVO = "veliko_tarnovo", _("Veliko Tarnovo")
    VRATSA = "vratsa", _("Vratsa")
    GABROVO = "gabrovo", _("Gabrovo")
    VIDIN = "vidin", _("Vidin")
    KARDZHALI = "kardzhali", _("Kardzhali")
    KYUSTENDIL = "kyustendil", _("Kyustendil")
    LOVECH = "lovech", _("Lovech")
    MONTANA = "montana", _("Montana")
    RAZGRAD = "razgrad", _("Razgrad")
    SILISTRA = "silistra", _("Silistra")
    SMOLYAN = "smolyan", _("Smolyan")
    TARGOVISHTE = "targovishte", _("Targovishte")
    ELSEWHERE = "elsewhere", _("Somewhere else")


class OfficerKey(models.Model):
    """A rights officer's key pair. The private key is stored only encrypted: under a key derived
    from their password (Argon2id) and, separately, under their recovery key."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="violations_key", verbose_name=_("user")
    )
    public_key = models.BinaryField(_("public key"))
    private_key_by_password = models.BinaryField()
    password_salt = models.BinaryField()
    private_key_by_recovery = models.BinaryField()
    recovery_salt = models.BinaryField()
    kdf = models.JSONField(default=dict)  # Argon2id parameters used for both derivations
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rights officer key")
        verbose_name_plural = _("rights officer keys")

    def __str__(self):
        return f"key of {self.user_id}"


class ReportQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("referred_to").annotate(message_count=models.Count("messages")).order_by("-pk")


class Report(models.Model):
    class Category(models.TextChoices):
        REFUSED_SERVICE = "refused_service", _("Refused service")
        DISCRIMINATION = "discrimination", _("Discrimination")
        LABOUR = "labour_exploitation", _("Labour exploitation")
        AUTHORITY = "authority_conduct", _("Conduct of the police or an authority")
        HEALTHCARE = "healthcare", _("Access to healthcare")
        EDUCATION = "education", _("Access to education")
        HOUSING = "housing", _("Housing")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        UNDER_REVIEW = "under_review", _("Under review")
        REFERRED = "referred", _("Referred")
        CLOSED = "closed", pgettext_lazy("report status", "Closed")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online form")
        PHONE = "phone", _("By phone")
        IN_PERSON = "in_person", _("In person")

    class Contact(models.TextChoices):
        NONE = "none", _("Do not contact me")
        CHANNEL = "channel", _("Only here, with my receipt")
        PHONE = "phone", _("By phone")
        EMAIL = "email", _("By e-mail")

    reference = models.CharField(_("reference"), max_length=16, unique=True)
    category = models.CharField(_("what happened"), max_length=32, choices=Category.choices, db_index=True)
    city = models.CharField(_("city"), max_length=32, choices=City.choices, db_index=True)
    institution_kind = models.CharField(
        _("kind of institution"), max_length=32, choices=Institution.Kind.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    contact_by = models.CharField(_("contact"), max_length=16, choices=Contact.choices, default=Contact.NONE)
    referred_to = models.ForeignKey(
        Institution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("referred to")
    )
    submitted_on = models.DateField(_("submitted on"))  # the day only: no time to match against other logs
    closed_on = models.DateField(_("closed on"), null=True, blank=True, db_index=True)
    # One report per wizard submission key (a double "Send" makes one report).
    submission_hash = models.CharField(max_length=64, unique=True)
    # The receipt: a truncated keyed hash to find the row, an Argon2id hash to verify it.
    receipt_tag = models.CharField(max_length=16, db_index=True)
    receipt_hash = models.CharField(max_length=200)
    # The report key, encrypted under a key derived from the receipt (for the reporter).
    receipt_salt = models.BinaryField()
    receipt_kdf = models.JSONField(default=dict)  # Argon2id parameters of that derivation
    key_for_reporter = models.BinaryField()
    content = models.BinaryField()  # encrypted JSON: place, when, description, contact details, name

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("violation report")
        verbose_name_plural = _("violation reports")
        permissions = [("view_report_statistics", "Can see violation report statistics (no content)")]

    def __str__(self):
        return self.reference


class ReportKey(models.Model):
    """The report key sealed to one rights officer's public key."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sealed_keys")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sealed_key = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "officer"], name="violations_one_key_per_officer")]

    def __str__(self):
        return f"key of report {self.report_id} for {self.officer_id}"


class Message(models.Model):
    class Kind(models.TextChoices):
        REPORTER = "reporter", _("From the reporter")
        OFFICER = "officer", _("To the reporter")
        NOTE = "note", _("Internal note")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.BinaryField()  # encrypted text
    created_on = models.DateField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


def attachment_path(instance, filename):
    return f"violations/{filename}"


class Attachment(models.Model):
    """An uploaded file, stored encrypted with the report key under a random name."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    blob = models.FileField(upload_to=attachment_path, max_length=200)
    meta = models.BinaryField()  # encrypted JSON: original name, content type
    size = models.PositiveIntegerField()
    from_reporter = models.BooleanField(default=True)
    created_on = models.DateField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"attachment #{self.pk}"


class RetentionRun(models.Model):
    """That closed reports were deleted, and how many, without anything of their content."""

    ran_at = models.DateTimeField(auto_now_add=True)
    reports_deleted = models.PositiveIntegerField(default=0)
    files_deleted = models.PositiveIntegerField(default=0)
    retention_days = models.PositiveIntegerField()

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self):
        return f"{self.ran_at:%Y-%m-%d}: {self.reports_deleted}"
