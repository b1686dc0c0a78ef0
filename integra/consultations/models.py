from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from integra.clients.models import CASE_ROLES, NETWORK_CASE_ROLES, AgeBand, Gender, new_reference
from integra.core.crypto import EncryptedTextField


def _case_centres(user):
    """None for every centre, else a queryset of the centre ids the user works with cases in."""
    # A superuser is no way around this: break-glass accounts get no client data (issue 9).
    if user.has_role(*NETWORK_CASE_ROLES):
        return None
    if not user.has_role(*CASE_ROLES):
        return []
    # A list, not a subquery: PostgreSQL then walks the (centre, date) index in order for a page.
    return list(user.centres.values_list("pk", flat=True))


class Rota(models.Model):
    """How a centre offers consultations to book: slot length and how many consultants at a time.

    Slots are cut from the centre's opening hours (centres.OpeningHours), minus its closed days.
    """

    centre = models.OneToOneField("centres.Centre", on_delete=models.CASCADE, related_name="rota")
    slot_minutes = models.PositiveSmallIntegerField(
        _("length of a consultation (minutes)"), default=30, help_text=_("Between 10 and 120 minutes.")
    )
    is_bookable = models.BooleanField(_("open for online booking"), default=True)

    class Meta:
        verbose_name = _("consultation rota")
        verbose_name_plural = _("consultation rotas")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=10, slot_minutes__lte=120), name="rota_slot_minutes_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.centre.slug} ({self.slot_minutes} min)"


class ClosedDay(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        constraints = [models.UniqueConstraint(fields=["centre", "date"], name="closed_day_once")]

    def __str__(self) -> str:
        return f"{self.centre.slug} {self.date}"


class AppointmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Appointment.ACTIVE)

    def for_user(self, user):
        centres = _case_centres(user)
        return self if centres is None else self.filter(centre__in=centres)


class Appointment(models.Model):
    """A consultation booked by a visitor. One active booking per centre and start time (database constraint)."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        ATTENDED = "attended", _("Attended")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not come")

    ACTIVE = (Status.BOOKED, Status.ATTENDED)

    reference = models.CharField(_("reference"), max_length=16, unique=True, editable=False)
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="appointments")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    topic = models.ForeignKey("topics.Topic", on_delete=models.PROTECT, related_name="+", verbose_name=_("topic"))
    language = models.CharField(_("language"), max_length=8)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    name = models.CharField(_("name"), max_length=150)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.BOOKED)
    submission_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="appointments"
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            # The race guard: two requests for the same slot, exactly one wins, on SQLite and PostgreSQL.
            models.UniqueConstraint(
                fields=["centre", "start"], condition=Q(status__in=["booked", "attended"]), name="one_booking_per_slot"
            )
        ]
        indexes = [models.Index(fields=["status", "start"])]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference("B")
        super().save(*args, **kwargs)

    @property
    def can_change(self) -> bool:
        return self.status == self.Status.BOOKED and self.start > timezone.now()


class ConsultationQuerySet(models.QuerySet):
    def for_user(self, user):
        centres = _case_centres(user)
        return self if centres is None else self.filter(centre__in=centres)

    def for_list(self):
        return self.select_related("centre", "consultant", "client", "mediator").prefetch_related("topics")

    def filtered(self, *, date_from=None, date_to=None, topic_slug=None, consultant_id=None, channel=None):
        """The list filters of the back office and the API (unknown values simply match nothing)."""
        queryset = self
        if date_from:
            queryset = queryset.filter(held_on__gte=date_from)
        if date_to:
            queryset = queryset.filter(held_on__lte=date_to)
        if topic_slug:
            queryset = queryset.filter(topics__slug=topic_slug)
        if consultant_id:
            queryset = queryset.filter(consultant_id=consultant_id)
        if channel:
            queryset = queryset.filter(channel=channel)
        return queryset


class Consultation(models.Model):
    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("By phone")
        ONLINE = "online", _("Online")
        OUTREACH = "outreach", _("Outreach")

    class Interpreting(models.TextChoices):
        NONE = "none", _("No")
        INTERPRETER = "interpreter", _("Interpreter")
        MEDIATOR = "mediator", _("Cultural mediator")

    class Outcome(models.TextChoices):
        INFORMED = "informed", _("Information given")
        ASSISTED = "assisted", _("Assisted with documents or a procedure")
        REFERRED = "referred", _("Referred to an institution")
        FOLLOW_UP = "follow_up", _("Follow-up needed")
        RESOLVED = "resolved", _("Resolved")

    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="consultations", verbose_name=_("centre")
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("consultant"),
    )
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("client file"),
    )
    appointment = models.OneToOneField(
        Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultation"
    )
    held_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.IN_PERSON)
    topics = models.ManyToManyField("topics.Topic", related_name="consultations", verbose_name=_("topics"))
    language = models.CharField(_("language used"), max_length=8)
    interpreting = models.CharField(
        _("interpreter or mediator"), max_length=16, choices=Interpreting.choices, default=Interpreting.NONE
    )
    interpreter_name = models.CharField(_("who interpreted"), max_length=150, blank=True)
    mediator = models.ForeignKey(
        "interpreting.Mediator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("interpreter from the registry"),
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.INFORMED)
    notes = EncryptedTextField(_("notes"), blank=True, help_text=_("Encrypted; only staff of the centre read them."))
    # Demographics without identity: copied from the client file, or given for an anonymous walk-in.
    nationality = CountryField(_("nationality"), blank=True)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, default=Gender.UNDISCLOSED)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, default="", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        # The list pages read newest first, for some centres or for all: a page costs the same at any table size.
        indexes = [
            models.Index(fields=["centre", "-held_on", "-id"], name="consultation_centre_date"),
            models.Index(fields=["-held_on", "-id"], name="consultation_date"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.held_on}"

    @property
    def is_anonymous(self) -> bool:
        return self.client_id is None


class Referral(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        RESOLVED = "resolved", _("Resolved")
        NO_ANSWER = "no_answer", _("No answer")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="referrals")
    institution = models.ForeignKey(
        "centres.Institution", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("institution")
    )
    reason = models.TextField(_("reason"))
    sent_on = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SENT)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"#{self.pk} → {self.institution}"


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def due_for(self, user, within_days: int = 7):
        horizon = timezone.localdate() + timedelta(days=within_days)
        return (
            self.open()
            .filter(assigned_to=user, due_on__lte=horizon)
            .select_related("consultation__centre", "consultation__client")
            .order_by("due_on", "pk")
        )


class FollowUp(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="follow_ups")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("assigned to")
    )
    task = models.CharField(_("what to do"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.task} ({self.due_on})"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()
