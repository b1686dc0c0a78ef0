from dataclasses import dataclass
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from integra.core.i18n import pick

HOTLINES_CACHE_KEY = "centres:footer-hotlines"

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def national_format(phone) -> str:
    try:
        return phone.as_international
    except AttributeError:
        return str(phone or "")


@dataclass(frozen=True)
class CentreStatus:
    """Whether a centre is open at a moment, its hours that day and when it opens next (within a week)."""

    is_open: bool
    closes_at: datetime | None
    next_opening: datetime | None
    today: list[tuple[time, time]]
    closed_today: bool  # a closed day (holiday, training …) although the week's hours say otherwise


class Service(models.Model):
    """Something a centre offers (consultations, Bulgarian courses, interpreting …)."""

    slug = models.SlugField(_("code"), unique=True)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    modified_at = models.DateTimeField(_("last modified"), auto_now=True)  # HSDS modified_after

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return pick(self.name) or self.slug


class CentreQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_details(self):
        return self.prefetch_related("opening_hours", "services")

    def for_user(self, user):
        """The centres a staff member works for (all of them for network-wide roles)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_wide:
            return self.all()
        return self.filter(pk__in=user.centres.values("pk"))

    def editable_by(self, user):
        if not user.has_perm("centres.change_centre"):
            return self.none()
        return self.for_user(user)


class Centre(models.Model):
    slug = models.SlugField(_("code"), unique=True)
    name = models.JSONField(_("name"), default=dict)
    city = models.JSONField(_("city"), default=dict)
    address = models.JSONField(_("address"), default=dict)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    description = models.JSONField(_("description"), default=dict, blank=True)
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("Language codes, e.g. bg, en, ar.")
    )
    services = models.ManyToManyField(Service, blank=True, related_name="centres", verbose_name=_("services"))
    transport = models.JSONField(
        _("nearest public transport"),
        default=dict,
        blank=True,
        help_text=_("Stops and lines near the centre, in each language."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    modified_at = models.DateTimeField(_("last modified"), auto_now=True)  # HSDS modified_after

    objects = CentreQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self) -> str:
        return pick(self.name) or self.slug

    @property
    def display_phone(self) -> str:
        return national_format(self.phone)

    def hours_by_day(self) -> list[tuple[str, list]]:
        """[(weekday name, [OpeningHours …]) …] Monday to Sunday; uses prefetched hours."""
        by_day: dict[int, list] = {day: [] for day, _label in WEEKDAYS}
        for hours in self.opening_hours.all():
            by_day[hours.weekday].append(hours)
        return [(label, by_day[day]) for day, label in WEEKDAYS]

    def status_at(self, at: datetime) -> CentreStatus:
        """Open now? Today's hours and the next opening, from the weekly hours (prefetched) and the closed days
        the centre's rota records (one query), in the site's time zone."""
        zone = timezone.get_current_timezone()
        local = timezone.localtime(at, zone)
        first = local.date()
        closed = set(
            self.closed_days.filter(date__gte=first, date__lte=first + timedelta(days=7)).values_list("date", flat=True)
        )
        weekly: dict[int, list[tuple[time, time]]] = {}
        for hours in self.opening_hours.all():
            weekly.setdefault(hours.weekday, []).append((hours.opens, hours.closes))
        closed_today = first in closed and bool(weekly.get(first.weekday()))
        today = [] if first in closed else sorted(weekly.get(first.weekday(), []))
        for offset in range(8):
            day = first + timedelta(days=offset)
            if day in closed:
                continue
            for opens, closes in sorted(weekly.get(day.weekday(), [])):
                begin = timezone.make_aware(datetime.combine(day, opens), zone)
                end = timezone.make_aware(datetime.combine(day, closes), zone)
                if end <= at:
                    continue
                if begin <= at:
                    return CentreStatus(True, end, None, today, closed_today)
                return CentreStatus(False, None, begin, today, closed_today)
        return CentreStatus(False, None, None, today, closed_today)

    def map_url(self) -> str:
        """OpenStreetMap at the centre's point, or a search for its address when no point is recorded."""
        if self.latitude is not None and self.longitude is not None:
            return (
                "https://www.openstreetmap.org/?"
                + urlencode({"mlat": f"{self.latitude:f}", "mlon": f"{self.longitude:f}"})
                + f"#map=18/{self.latitude:f}/{self.longitude:f}"
            )
        # The map's street names are Bulgarian: search with the Bulgarian address when there is one.
        address = self.address.get("bg") or pick(self.address)
        query = ", ".join(part for part in (address, self.postcode, "България") if part)
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})


class OpeningHours(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="hours_close_after_open"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Hotline(models.Model):
    name = models.JSONField(_("name"), default=dict)
    phone = PhoneNumberField(_("phone"))
    hours = models.JSONField(_("hours"), default=dict, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")

    def __str__(self) -> str:
        return pick(self.name)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(HOTLINES_CACHE_KEY)

    @property
    def display_phone(self) -> str:
        return national_format(self.phone)


class Place(models.Model):
    """A town where the network holds events and information days outside its centres."""

    slug = models.SlugField(_("code"), unique=True)
    name = models.JSONField(_("name"), default=dict)
    is_outreach = models.BooleanField(_("outreach place"), default=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return pick(self.name) or self.slug


class Institution(models.Model):
    """An office, fund, hospital or school that clients are referred to."""

    class Kind(models.TextChoices):
        HEALTH_INSURANCE = "health_insurance", _("Health insurance")
        SOCIAL_SECURITY = "social_security", _("Social security")
        EMPLOYMENT = "employment", _("Employment")
        MIGRATION = "migration", _("Migration and residence")
        REFUGEES = "refugees", _("Refugees and asylum")
        EDUCATION = "education", _("Education")
        HEALTHCARE = "healthcare", _("Hospital or health care")
        SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
        OMBUDSMAN = "ombudsman", _("Ombudsman and equality")
        MUNICIPALITY = "municipality", _("Municipality")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("code"), unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    name = models.JSONField(_("name"), default=dict)
    city = models.JSONField(_("city"), default=dict)
    address = models.JSONField(_("address"), default=dict, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="institutions", verbose_name=_("topics"))
    modified_at = models.DateTimeField(_("last modified"), auto_now=True)  # HSDS modified_after

    class Meta:
        ordering = ["kind", "slug"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return pick(self.name) or self.slug

    @property
    def display_phone(self) -> str:
        return national_format(self.phone)
