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
from phonenumber_field.modelfields import PhoneNumberField

from integra.clients.models import AgeBand, Gender, new_reference
from integra.core.i18n import pick

REFERENCE_PREFIX = "EV"


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
        return self.select_related("centre", "place").prefetch_related("topics")


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
        """People registered (adults and children), from the database."""
        total = self.registrations.aggregate(n=Coalesce(Sum(F("adults") + F("children")), 0))["n"]
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
    """One registration: a person (name or initials) and those who come with them."""

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
    arrived_at = models.DateTimeField(_("arrived"), null=True, blank=True)
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


class TallyCount(models.Model):
    """Walk-ins counted at the door: one counter per sex and age band, changed only by F() updates."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tally", verbose_name=_("event"))
    gender = models.CharField(_("sex"), max_length=16, choices=Gender.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["event", "gender", "age_band"]
        verbose_name = _("door tally")
        verbose_name_plural = _("door tallies")
        constraints = [
            models.UniqueConstraint(fields=["event", "gender", "age_band"], name="tally_one_counter_per_cell"),
            models.CheckConstraint(condition=Q(count__gte=0), name="tally_never_below_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.gender} {self.age_band or '?'}: {self.count}"
