"""Courses: Bulgarian language, computer literacy and civic orientation (issue 14).

A course (Bulgarian A1, computer literacy, …) runs in groups: each at a centre or an outreach place,
with a trainer, a room, a capacity, its sessions and an enrolment window. People enrol without an
account; a full group keeps a waiting list in order, and a freed place is offered to the first on it
with a deadline. Attendance is one mark per learner and session; a learner who meets the course's
completion rule gets a certificate anyone can verify by its code.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, IntegerField, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from integra.clients.models import AgeBand, Gender, new_reference
from integra.core.i18n import pick

REFERENCE_PREFIX = "CR"
CERTIFICATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper


class Level(models.TextChoices):
    """CEFR levels: entry and exit levels of language learners."""

    PRE_A1 = "pre-a1", _("Pre-A1 (first steps)")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"

    @classmethod
    def rank(cls, value: str) -> int | None:
        values = list(cls.values)
        return values.index(value) if value in values else None


class CourseQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Course(models.Model):
    class Kind(models.TextChoices):
        LANGUAGE = "language", _("Bulgarian language")
        COMPUTER = "computer", _("Computer literacy")
        CIVIC = "civic", _("Civic orientation")

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(_("kind of course"), max_length=16, choices=Kind.choices, db_index=True)
    level = models.CharField(
        _("level"),
        max_length=8,
        choices=Level.choices,
        blank=True,
        help_text=_("For language courses: the CEFR level."),
    )
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    what_to_bring = models.JSONField(_("what to bring"), default=dict, blank=True)
    completion_attendance = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"), default=75, help_text=_("Share of the sessions a learner must attend.")
    )
    completion_needs_exit_level = models.BooleanField(
        _("exit assessment needed to complete"), default=True, help_text=_("The trainer records an exit level first.")
    )
    is_active = models.BooleanField(_("offered"), default=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "level", "slug"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(condition=Q(completion_attendance__lte=100), name="course_attendance_at_most_100"),
        ]

    def __str__(self) -> str:
        return pick(self.title) or self.slug

    def title_missing(self, language: str) -> bool:
        return not (self.title or {}).get(language)


class GroupQuerySet(models.QuerySet):
    def for_user(self, user):
        """Groups of the user's centres (every centre for network-wide roles); a trainer sees their own too."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_wide:
            return self.all()
        return self.filter(Q(centre__in=user.centres.values("pk")) | Q(trainer=user)).distinct()

    def public(self):
        return self.filter(is_public=True, course__is_active=True, centre__is_active=True)

    def not_over(self, today=None):
        return self.filter(end_date__gte=today or timezone.localdate())

    def with_details(self):
        return self.select_related("course", "centre", "place", "trainer")

    def with_counts(self):
        """Enrolled (and offered) places and the waiting list, counted in the same query."""
        return self.annotate(
            taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.HOLDS_PLACE)),
            waiting=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITING)),
        )


class Group(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="groups", verbose_name=_("course"))
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="course_groups", verbose_name=_("centre")
    )
    place = models.ForeignKey(
        "centres.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="course_groups",
        verbose_name=_("outreach place"),
        help_text=_("Leave empty when the group meets at the centre."),
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_groups",
        verbose_name=_("trainer"),
    )
    room = models.CharField(_("room"), max_length=100, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    languages = models.JSONField(
        _("languages of support"), default=list, blank=True, help_text=_("Languages the trainer can explain in.")
    )
    schedule_note = models.JSONField(_("when it meets"), default=dict, blank=True)
    start_date = models.DateField(_("first session"))
    end_date = models.DateField(_("last session"))
    enrolment_opens = models.DateField(_("enrolment opens"))
    enrolment_closes = models.DateField(_("enrolment closes"))
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="group_ends_after_it_starts"),
            models.CheckConstraint(
                condition=Q(enrolment_closes__gte=F("enrolment_opens")), name="group_enrolment_window_in_order"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="group_has_places"),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {pick(self.centre.name)} · {self.start_date:%Y-%m-%d}"

    def enrolment_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.enrolment_opens <= today <= self.enrolment_closes and today <= self.end_date

    @property
    def place_name(self) -> str:
        return pick(self.place.name) if self.place_id else pick(self.centre.name)

    def places_left(self) -> int:
        taken = getattr(self, "taken", None)
        if taken is None:
            taken = self.enrolments.filter(status__in=Enrolment.HOLDS_PLACE).count()
        return max(self.capacity - taken, 0)


class Session(models.Model):
    """One meeting of a group. A holiday is a cancelled session: kept, so the register shows it."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("group"))
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="course_session_ends_after_it_starts"),
            models.UniqueConstraint(fields=["group", "start"], name="course_session_once_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} {self.start:%Y-%m-%d %H:%M}"

    def has_started(self, now=None) -> bool:
        return self.start <= (now or timezone.now())


class EnrolmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(group__in=Group.objects.for_user(user))

    def holding_place(self):
        return self.filter(status__in=Enrolment.HOLDS_PLACE)

    def improved(self):
        """The enrolments whose exit level is at least one CEFR level above the entry level (both known)."""

        def rank(field: str) -> Case:
            steps = (When(**{field: value}, then=i) for i, value in enumerate(Level.values))
            return Case(*steps, output_field=IntegerField())

        return (
            self.exclude(Q(entry_level="") | Q(exit_level=""))
            .annotate(entry_rank=rank("entry_level"), exit_rank=rank("exit_level"))
            .filter(exit_rank__gt=F("entry_rank"))
        )


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Offered a place")
        LEFT = "left", _("Left the course")
        EXPIRED = "expired", _("Offer not taken in time")
        COMPLETED = "completed", _("Completed")

    class Source(models.TextChoices):
        WEBSITE = "website", _("Website")
        STAFF = "staff", _("By staff")

    HOLDS_PLACE = ("enrolled", "offered", "completed")
    # Who took part (the figures' participants): enrolled, completed, or enrolled and left.
    TOOK_PART = ("enrolled", "completed", "left")
    ACTIVE = ("enrolled", "offered", "waiting")

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("group"))
    reference = models.CharField(_("reference"), max_length=16, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    gender = models.CharField(_("sex"), max_length=16, choices=Gender.choices, default=Gender.UNDISCLOSED)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("member account"),
    )
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("client file"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    source = models.CharField(_("enrolled"), max_length=16, choices=Source.choices, default=Source.WEBSITE)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    entry_level = models.CharField(_("entry level"), max_length=8, choices=Level.choices, blank=True)
    entry_score = models.PositiveSmallIntegerField(_("placement test score"), null=True, blank=True)
    exit_level = models.CharField(_("exit level"), max_length=8, choices=Level.choices, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    submission_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        indexes = [models.Index(fields=["group", "status", "created_at"], name="enrolment_group_queue")]
        permissions = [("view_course_figures", "Can see the course figures")]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference(REFERENCE_PREFIX)
        super().save(*args, **kwargs)

    @property
    def holds_place(self) -> bool:
        return self.status in self.HOLDS_PLACE

    @property
    def is_active(self) -> bool:
        """Enrolled, offered a place or waiting: the person can still leave."""
        return self.status in self.ACTIVE

    def levels_gained(self) -> int | None:
        """CEFR levels between entry and exit (None until both are known)."""
        entry, exit_ = Level.rank(self.entry_level), Level.rank(self.exit_level)
        if entry is None or exit_ is None:
            return None
        return exit_ - entry


class Attendance(models.Model):
    class Mark(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", pgettext_lazy("attendance mark", "Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    ATTENDED = ("present", "late")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    mark = models.CharField(_("attendance"), max_length=16, choices=Mark.choices)
    remark = models.CharField(_("remark"), max_length=200, blank=True)
    from_paper = models.BooleanField(_("entered from a paper register"), default=False)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "enrolment"]
        verbose_name = _("attendance mark")
        verbose_name_plural = _("attendance marks")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_one_mark_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.enrolment_id}: {self.mark}"


def new_certificate_code() -> str:
    code = "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(10))
    return f"{code[:5]}-{code[5:]}"


class Certificate(models.Model):
    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(_("code"), max_length=11, unique=True, default=new_certificate_code, editable=False)
    name_as_printed = models.CharField(_("name as printed"), max_length=150)
    language = models.CharField(_("second language of the certificate"), max_length=8, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("why it was revoked"), max_length=200, blank=True)

    class Meta:
        ordering = ["-issued_at", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
