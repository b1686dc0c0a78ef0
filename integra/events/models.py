"""Events: information days, multicultural meetings, concerts, workshops and community meetings (issue 15).

An event is organised by one centre and held either there or at an outreach place (a town without a
centre, with the address given on the event). People may register without an account; most come
without registering and are counted at the door by sex and age band only (`TallyCount`), never by name.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from integra.clients.models import AgeBand, Gender, new_reference
from integra.core.i18n import pick

REFERENCE_PREFIX = "EV"


class Series(models.Model):
    """Events made at once from a rule (e.g. a monthly information day). Each event is then its own:
    editing one does not change the others."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")

    frequency = models.CharField(_("repeats"), max_length=16, choices=Frequency.choices)
    until = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("how many times"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("series of events")
        verbose_name_plural = _("series of events")

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} #{self.pk}"


class EventQuerySet(models.QuerySet):
    def for_user(self, user):
        """Events organised by the user's centres (every centre for network-wide roles)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_wide:
            return self.all()
        return self.filter(centre__in=user.centres.values("pk"))

    def editable_by(self, user):
        if not user.has_perm("events.change_event"):
            return self.none()
        return self.for_user(user)

    def public(self):
        return self.filter(is_public=True, centre__is_active=True)

    def upcoming(self, now=None):
        """Not over yet (an event under way is still listed)."""
        return self.filter(end__gt=now or timezone.now())

    def with_details(self):
        return self.select_related("centre", "place", "series").prefetch_related("topics")


class Event(models.Model):
    class Kind(models.TextChoices):
        INFORMATION_DAY = "information_day", _("Information day")
        MULTICULTURAL_MEETING = "multicultural_meeting", _("Multicultural meeting")
        CONCERT = "concert", _("Concert")
        WORKSHOP = "workshop", _("Workshop")
        COMMUNITY_MEETING = "community_meeting", _("Community meeting")

    class Registration(models.TextChoices):
        REQUIRED = "required", _("Registration required")
        OPTIONAL = "optional", _("Registration welcome, not required")
        NONE = "none", _("No registration needed")

    kind = models.CharField(_("kind of event"), max_length=32, choices=Kind.choices, db_index=True)
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="events", verbose_name=_("organising centre")
    )
    place = models.ForeignKey(
        "centres.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("outreach place"),
        help_text=_("Leave empty when the event is held at the centre."),
    )
    address = models.JSONField(_("address of the outreach place"), default=dict, blank=True)
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"))
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    interpretation = models.BooleanField(_("interpretation offered"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("How many people fit; empty for no limit.")
    )
    registration = models.CharField(
        _("registration"), max_length=16, choices=Registration.choices, default=Registration.OPTIONAL
    )
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="events", verbose_name=_("topics"))
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("part of a series"),
        editable=False,
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown in the public calendar; an internal event is only for staff.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_ends_after_it_starts"),
        ]
        indexes = [models.Index(fields=["is_public", "end", "start"], name="event_public_upcoming")]

    def __str__(self) -> str:
        return pick(self.title) or f"#{self.pk}"

    def title_missing(self, language: str) -> bool:
        """The title is not written in this language (the page shows another one, with a notice)."""
        return not (self.title or {}).get(language)

    def is_over(self, now=None) -> bool:
        return self.end <= (now or timezone.now())

    def has_started(self, now=None) -> bool:
        return self.start <= (now or timezone.now())

    @property
    def takes_registrations(self) -> bool:
        return self.registration != self.Registration.NONE

    @property
    def place_name(self) -> str:
        return pick(self.place.name) if self.place_id else pick(self.centre.name)

    @property
    def place_address(self) -> str:
        return pick(self.address) if self.place_id else pick(self.centre.address)

    def registered_count(self) -> int:
        """People holding a place (registered, or offered one from the waiting list), from the database."""
        holding = self.registrations.filter(status__in=Registration.HOLDS_PLACE)
        total = holding.aggregate(n=Coalesce(Sum(F("adults") + F("children")), 0))["n"]
        return int(total)

    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered_count(), 0)


class RegistrationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(event__in=Event.objects.for_user(user))

    def matching(self, text: str):
        """Find by reference (with or without dashes) or by part of the name."""
        text = (text or "").strip()
        if not text:
            return self.none()
        compact = text.upper().replace(" ", "").replace("-", "")
        query = Q(name__icontains=text)
        if len(compact) >= 3:
            query |= Q(reference_compact__icontains=compact)
        return self.filter(query)


class Registration(models.Model):
    """One registration: a person (name or initials) and those who come with them.

    A full event keeps a waiting list (integra.core.waitlist, shared with courses): a cancelled place is
    offered to the first one waiting whose party fits, who accepts before a deadline."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Offered a place")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Offer not taken in time")

    HOLDS_PLACE = ("registered", "offered")
    ACTIVE = ("registered", "offered", "waiting")

    class Source(models.TextChoices):
        WEBSITE = "website", _("Website")
        DOOR = "door", _("At the door")
        STAFF = "staff", _("By staff")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    reference = models.CharField(_("reference"), max_length=16, unique=True, editable=False)
    reference_compact = models.CharField(max_length=16, db_index=True, editable=False)
    name = models.CharField(_("name or initials"), max_length=100)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    adults = models.PositiveSmallIntegerField(_("adults"), default=1)
    children = models.PositiveSmallIntegerField(_("children"), default=0)
    language = models.CharField(_("language"), max_length=8, blank=True)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    source = models.CharField(_("registered"), max_length=16, choices=Source.choices, default=Source.WEBSITE)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REGISTERED, db_index=True
    )
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    feedback_asked_at = models.DateTimeField(_("asked for feedback"), null=True, blank=True, editable=False)
    arrived_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    arrived_on_paper = models.BooleanField(
        _("arrival taken from the paper sign-in sheet"), default=False, editable=False
    )
    submission_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("member account"),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.CheckConstraint(condition=Q(adults__gt=0) | Q(children__gt=0), name="registration_someone_comes"),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_event_queue")]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference(REFERENCE_PREFIX)
        self.reference_compact = self.reference.replace("-", "")
        super().save(*args, **kwargs)

    @property
    def people(self) -> int:
        return self.adults + self.children

    @property
    def holds_place(self) -> bool:
        return self.status in self.HOLDS_PLACE

    @property
    def is_active(self) -> bool:
        """Registered, offered a place or waiting: the person can still cancel."""
        return self.status in self.ACTIVE


class TallyCount(models.Model):
    """Walk-ins counted at the door: one counter per sex, age band and (when the person gave it)
    nationality, changed only by F() updates."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tally", verbose_name=_("event"))
    gender = models.CharField(_("sex"), max_length=16, choices=Gender.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    nationality = CountryField(_("nationality"), blank=True, default="")
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["event", "gender", "age_band", "nationality"]
        verbose_name = _("door tally")
        verbose_name_plural = _("door tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "gender", "age_band", "nationality"], name="tally_one_counter_per_cell_nationality"
            ),
            models.CheckConstraint(condition=Q(count__gte=0), name="tally_never_below_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.gender} {self.age_band or '?'} {self.nationality or '?'}: {self.count}"


class PaperAttendance(models.Model):
    """How many signed the paper sign-in sheet, entered by staff after the event: one number per sex, age
    band and nationality (empty when the sheet does not say). No names: the sheet stays on paper."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="paper_attendance", verbose_name=_("event"))
    gender = models.CharField(_("sex"), max_length=16, choices=Gender.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    nationality = CountryField(_("nationality"), blank=True, default="")
    count = models.PositiveIntegerField(_("count"), default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    entered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["event", "gender", "age_band", "nationality"]
        verbose_name = _("attendance from the paper sheet")
        verbose_name_plural = _("attendance from paper sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "gender", "age_band", "nationality"], name="paper_attendance_one_cell"
            ),
            models.CheckConstraint(condition=Q(count__gte=0), name="paper_attendance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.gender} {self.age_band or '?'} {self.nationality or '?'}: {self.count}"


class Answer(models.TextChoices):
    """The three answers of the "was this useful for you?" card."""

    YES = "yes", _("Yes, useful")
    PARTLY = "partly", _("Partly")
    NO = "no", _("Not useful")


class Feedback(models.Model):
    """One online answer to the "was this useful for you?" card. Nothing identifies the person: an answer
    sent through a registration's link keeps only a keyed hash of it (`voter`), so that it counts once,
    and cannot be joined back to the name without the server's key."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("event"))
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)
    comment = models.TextField(_("comment"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    voter = models.CharField(max_length=64, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [models.UniqueConstraint(fields=["voter"], name="feedback_once_per_registration")]

    def __str__(self) -> str:
        return f"{self.event_id} {self.answer}"


class PaperFeedback(models.Model):
    """The paper cards' tally, entered by staff: how many ticked each answer."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="paper_feedback", verbose_name=_("event"))
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)
    count = models.PositiveIntegerField(_("count"), default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    entered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["event", "answer"]
        verbose_name = _("paper feedback cards")
        verbose_name_plural = _("paper feedback cards")
        constraints = [
            models.UniqueConstraint(fields=["event", "answer"], name="paper_feedback_one_count_per_answer"),
            models.CheckConstraint(condition=Q(count__gte=0), name="paper_feedback_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.answer}: {self.count}"
