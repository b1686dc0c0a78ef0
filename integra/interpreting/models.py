"""Interpreting and cultural mediation (issue 13): the registry of mediators and interpreters, requests
from partner institutions and consultants, offers sent to mediators' phones, session logs and feedback.

A mediator is a staff account with the mediator role or an external freelancer without a login. A
request never holds a client's full name: the requester gives initials or their own reference.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from integra.accounts import roles
from integra.centres.models import WEEKDAYS, Centre
from integra.core.languages import SPOKEN_LANGUAGES

# The languages people ask interpreters for: wider than the centres' (Tigrinya, Somali, Dari…).
LANGUAGES: dict[str, str] = {**SPOKEN_LANGUAGES, "ti": "ትግርኛ", "so": "Soomaali", "am": "አማርኛ"}
LANGUAGES.pop("bg")
DIALECTS: dict[str, list[tuple[str, str]]] = {
    "ar": [
        ("levantine", _("Levantine (Syria, Lebanon, Jordan, Palestine)")),
        ("iraqi", _("Iraqi")),
        ("sudanese", _("Sudanese")),
        ("egyptian", _("Egyptian")),
        ("maghrebi", _("Maghrebi (Morocco, Algeria, Tunisia)")),
        ("gulf", _("Gulf")),
    ],
    "fa": [("farsi", _("Farsi (Iran)")), ("dari", _("Dari (Afghanistan)"))],
    "ku": [("kurmanji", _("Kurmanji")), ("sorani", _("Sorani"))],
}
DIALECT_LABELS = {code: label for dialects in DIALECTS.values() for code, label in dialects}
DIALECT_CHOICES = [("", _("Any or not known")), *DIALECT_LABELS.items()]
JOB_PREFIX = "INT"


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video")


class Direction(models.TextChoices):
    BULGARIAN = "bg", _("To and from Bulgarian")
    ENGLISH = "en", _("To and from English")


class InterpreterGender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PartnerAccount(models.Model):
    """Ties a partner's account to the institution of the directory it asks for (one institution per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_account", verbose_name=_("user")
    )
    institution = models.ForeignKey(
        "centres.Institution", on_delete=models.PROTECT, related_name="partner_accounts", verbose_name=_("institution")
    )

    class Meta:
        verbose_name = _("partner account")
        verbose_name_plural = _("partner accounts")

    def __str__(self) -> str:
        return f"{self.user} → {self.institution}"


class MediatorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_user(self, user):
        """The registry: every mediator for coordinators, those covering the user's centres for managers."""
        if not user.is_authenticated or not user.has_perm("interpreting.view_mediator"):
            return self.none()
        if user.is_network_wide:
            return self.all()
        return self.filter(Q(centres__in=user.centres.values("pk")) | Q(centres=None)).distinct()

    def with_details(self):
        return self.select_related("user").prefetch_related("languages", "centres")

    def available_to(self, user, *, centre=None, keep: int | None = None):
        """The active mediators a centre's staff can name on a consultation: those covering the given centre
        (or the user's centres), and those not tied to a city; `keep` (the one already named) stays listed."""
        centres = [centre.pk] if centre is not None else Centre.objects.for_user(user).values("pk")
        scope = Q(is_active=True) & (Q(centres__in=centres) | Q(centres=None))
        if keep:
            scope |= Q(pk=keep)
        return self.filter(scope).distinct().order_by("name", "pk")


class Mediator(models.Model):
    class Credential(models.TextChoices):
        TRAINED_MEDICAL = "trained_medical", _("Trained medical interpreter")
        COMMUNITY = "community", _("Community interpreter")
        CULTURAL_MEDIATOR = "cultural_mediator", _("Cultural mediator")
        VOLUNTEER = "volunteer", _("Volunteer")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mediator",
        limit_choices_to={"groups__name": roles.MEDIATOR},
        verbose_name=_("account"),
        help_text=_("Empty for an external interpreter without a login."),
    )
    name = models.CharField(_("name"), max_length=150)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    credential = models.CharField(_("credential"), max_length=24, choices=Credential.choices)
    credential_checked_on = models.DateField(_("credential checked on"), null=True, blank=True)
    directions = models.JSONField(_("works to and from"), default=list)
    modes = models.JSONField(_("modes"), default=list)
    centres = models.ManyToManyField(
        "centres.Centre", blank=True, related_name="mediators", verbose_name=_("cities covered")
    )
    outreach_towns = models.CharField(
        _("outreach towns"), max_length=300, blank=True, help_text=_("Other towns they go to, separated by commas.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MediatorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("mediator or interpreter")
        verbose_name_plural = _("mediators and interpreters")
        permissions = [("edit_own_availability", _("Can change their own availability"))]

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        """The ID an institution sees next to the name."""
        return f"M-{self.pk:04d}"

    def covers(self, centre) -> bool:
        """Works for this centre (a mediator tied to no city works for all of them)."""
        ids = {c.pk for c in self.centres.all()}
        return not ids or centre.pk in ids

    @property
    def town_list(self) -> list[str]:
        return [town.strip() for town in self.outreach_towns.split(",") if town.strip()]


class MediatorLanguage(models.Model):
    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=8, choices=list(LANGUAGES.items()))
    dialect = models.CharField(_("dialect"), max_length=24, blank=True, choices=DIALECT_CHOICES)

    class Meta:
        ordering = ["language", "dialect"]
        constraints = [
            models.UniqueConstraint(fields=["mediator", "language", "dialect"], name="mediator_language_once"),
        ]

    def __str__(self) -> str:
        return f"{self.language}-{self.dialect}" if self.dialect else self.language

    @property
    def label(self) -> str:
        name = LANGUAGES.get(self.language, self.language)
        return f"{name} ({DIALECT_LABELS[self.dialect]})" if self.dialect in DIALECT_LABELS else name


class Availability(models.Model):
    """A weekly time when the mediator can usually take work."""

    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "starts"]
        verbose_name = _("weekly availability")
        constraints = [models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="availability_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class AvailabilityException(models.Model):
    """One day that differs from the weekly pattern: away (the whole day) or available at other hours."""

    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    available = models.BooleanField(_("available that day"), default=False)
    starts = models.TimeField(_("from"), null=True, blank=True)
    ends = models.TimeField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("availability exception")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts__isnull=True) | Q(ends__gt=F("starts")), name="exception_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {'+' if self.available else '-'}"


class DoNotSend(models.Model):
    """A mediator never to be sent to this client: the client asked, or they know each other."""

    class Reason(models.TextChoices):
        CLIENT_ASKED = "client_asked", _("The client asked")
        KNOW_EACH_OTHER = "know_each_other", _("They know each other")
        OTHER = "other", _("Another reason")

    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="blocks")
    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("not to be sent to")
        constraints = [models.UniqueConstraint(fields=["mediator", "client"], name="do_not_send_once")]

    def __str__(self) -> str:
        return f"{self.mediator_id} ✕ {self.client_id}"


class RequestQuerySet(models.QuerySet):
    def for_user(self, user):
        """A partner sees its institution's requests, a mediator the jobs offered to or taken by them,
        centre staff their centres' requests, coordinators every request."""
        if not user.is_authenticated or not user.has_perm("interpreting.view_request"):
            return self.none()
        if user.is_network_wide:
            return self.all()
        if user.has_role(roles.PARTNER):
            account = PartnerAccount.objects.filter(user=user).values("institution")
            return self.filter(institution__in=account)
        scope = Q(pk__in=[])
        if user.has_role(roles.CONSULTANT, roles.CENTRE_MANAGER):
            scope = Q(centre__in=user.centres.values("pk"))
        if user.has_role(roles.MEDIATOR):
            scope |= Q(mediator__user=user) | Q(offers__mediator__user=user)
        return self.filter(scope).distinct()

    def with_details(self):
        return self.select_related("institution", "centre", "mediator", "requested_by")

    def asked(self):
        """Requests that needed an interpreter: those the requester cancelled themselves are left out."""
        return self.exclude(status=Request.Status.CANCELLED, closed_side=Request.Side.REQUESTER)

    def filled(self):
        """Requests for which an interpreter was confirmed (whatever happened at the appointment)."""
        return self.filter(status__in=Request.FILLED)


class Request(models.Model):
    class Subject(models.TextChoices):
        MEDICAL = "medical", _("Medical")
        MENTAL_HEALTH = "mental_health", _("Mental health")
        SCHOOL = "school", _("School and children")
        SOCIAL_SERVICES = "social_services", _("Social services")
        LEGAL = "legal", _("Legal")
        OTHER = "other", _("Other")

    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("Routine")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        OFFERED = "offered", _("Offered to interpreters")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("No-show")
        DONE = "done", _("Done")

    class Side(models.TextChoices):
        REQUESTER = "requester", _("The institution or the client")
        INTERPRETER = "interpreter", _("The interpreter")
        SERVICE = "service", _("The interpreting service")

    OPEN = (Status.REQUESTED, Status.OFFERED)
    FILLED = (Status.CONFIRMED, Status.DONE, Status.NO_SHOW)  # an interpreter was confirmed

    job_number = models.CharField(_("job number"), max_length=20, unique=True, editable=False)
    institution = models.ForeignKey(
        "centres.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interpreting_requests",
        verbose_name=_("institution"),
    )
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="interpreting_requests", verbose_name=_("city")
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    language = models.CharField(_("language"), max_length=8, choices=list(LANGUAGES.items()))
    dialect = models.CharField(_("dialect"), max_length=24, blank=True, choices=DIALECT_CHOICES)
    direction = models.CharField(_("to and from"), max_length=2, choices=Direction.choices, default=Direction.BULGARIAN)
    interpreter_gender = models.CharField(
        _("interpreter's gender"), max_length=8, blank=True, choices=InterpreterGender.choices
    )
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices)
    suggested_mode = models.CharField(_("suggested mode"), max_length=16, choices=Mode.choices, editable=False)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("expected duration (minutes)"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    subject = models.CharField(_("subject area"), max_length=24, choices=Subject.choices)
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices, default=Urgency.ROUTINE)
    bad_news = models.BooleanField(_("difficult news will be given"), default=False)
    children = models.BooleanField(_("about a child or with children"), default=False)
    client_label = models.CharField(_("client's initials or your reference"), max_length=30, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    flagged_no_speaker = models.BooleanField(_("nobody in the registry speaks this language"), default=False)
    mediator = models.ForeignKey(
        Mediator, on_delete=models.PROTECT, null=True, blank=True, related_name="jobs", verbose_name=_("interpreter")
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    closed_side = models.CharField(_("by"), max_length=16, blank=True, choices=Side.choices)
    closed_reason = models.CharField(_("why"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("when"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    late_cancellation = models.BooleanField(_("late cancellation"), default=False)
    # The client's feedback link: a random token given by SMS or on paper; only its hash is kept.
    client_feedback_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    submission_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("interpreting request")
        verbose_name_plural = _("interpreting requests")
        permissions = [
            ("confirm_request", _("Can confirm an interpreter or send offers")),
            ("cancel_request", _("Can cancel an interpreting request")),
            ("view_interpreting_figures", _("Can see the interpreting figures")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="request_duration_positive"),
        ]

    def __str__(self) -> str:
        return self.job_number

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def language_label(self) -> str:
        name = LANGUAGES.get(self.language, self.language)
        return f"{name} ({DIALECT_LABELS[self.dialect]})" if self.dialect in DIALECT_LABELS else name


class Offer(models.Model):
    """A job offered to one mediator, answered from the link in their SMS or e-mail."""

    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Taken by someone else or withdrawn")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="offers")
    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="offers")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.SENT)
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("offer")
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=Q(state="accepted"), name="one_accepted_offer_per_request"
            ),
            models.UniqueConstraint(fields=["request", "mediator"], name="one_offer_per_mediator"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.mediator_id}: {self.state}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)


class Session(models.Model):
    """What happened, logged by the interpreter (or staff) after the job."""

    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("Completed")
        PARTLY = "partly", _("Partly done (cut short)")
        CLIENT_ABSENT = "client_absent", _("The client did not come")

    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="session")
    mediator = models.ForeignKey(Mediator, on_delete=models.PROTECT, related_name="sessions")
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"))
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("session")
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__gt=F("started_at")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def minutes(self) -> int:
        return int((self.ended_at - self.started_at).total_seconds() // 60)


class Feedback(models.Model):
    class Side(models.TextChoices):
        INSTITUTION = "institution", _("The institution")
        INTERPRETER = "interpreter", _("The interpreter")
        CLIENT = "client", _("The client")

    class Understood(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="feedback")
    side = models.CharField(_("from"), max_length=16, choices=Side.choices)
    understood = models.CharField(_("was the interpreting understood?"), max_length=8, choices=Understood.choices)
    problem = models.CharField(_("any problem"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True, help_text=_("The page's language."))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("feedback")
        constraints = [models.UniqueConstraint(fields=["request", "side"], name="feedback_once_per_side")]

    def __str__(self) -> str:
        return f"{self.request_id} {self.side}: {self.understood}"


from integra.interpreting.phone_models import PhoneAttempt, PhoneCall  # noqa: E402, F401 - phone interpretation
