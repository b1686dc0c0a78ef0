"""The hotline: calls (with non-data calls counted), call-backs and their attempts, the line's hours.

No caller's number is ever stored in clear in the call log: `Call.caller_hash` is an HMAC of the
E.164 number under a server key (see `integra.hotline.callers`). A call-back keeps the number,
encrypted at rest, only while it is open; closing it empties the number.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from integra.clients.models import AgeBand, Gender, new_reference
from integra.core.crypto import EncryptedTextField

# Who works the hotline: consultants, mediators on duty and managers of a centre; coordinators all.
NETWORK_HOTLINE_ROLES = ("coordinator",)


def _hotline_centres(user):
    """None for every centre, else the list of centre ids the user answers the hotline for."""
    if user.has_role(*NETWORK_HOTLINE_ROLES):  # a superuser is no way around it (issue 9)
        return None
    return list(user.centres.values_list("pk", flat=True))


class CallQuerySet(models.QuerySet):
    def for_user(self, user):
        """Calls of the user's centres, and calls the phone system logged that nobody has completed yet."""
        centres = _hotline_centres(user)
        if centres is None:
            return self
        return self.filter(Q(centre__in=centres) | Q(centre__isnull=True, operator__isnull=True))

    def awaiting_details(self, *, since):
        """Logged by the phone system, answered, and not yet completed by an operator."""
        return self.filter(
            operator__isnull=True, provider_call_id__isnull=False, status=Call.Status.ENDED, started_at__gte=since
        )

    def for_list(self):
        return self.select_related("hotline", "centre", "operator").prefetch_related("topics")

    def non_data(self):
        return self.exclude(kind=Call.Kind.CONVERSATION)

    def from_caller(self, caller_hash: str, *, days: int = 30, now=None):
        if not caller_hash:
            return self.none()
        since = (now or timezone.now()) - timedelta(days=days)
        return self.filter(caller_hash=caller_hash, started_at__gte=since)


class Call(models.Model):
    class Direction(models.TextChoices):
        INCOMING = "incoming", _("Incoming")
        OUTGOING = "outgoing", _("Outgoing")
        CALL_BACK = "call_back", _("Call-back")

    class Kind(models.TextChoices):
        CONVERSATION = "conversation", _("Conversation")
        SILENT = "silent", _("Silent call")
        HANG_UP = "hang_up", _("Hung up")
        WRONG_NUMBER = "wrong_number", _("Wrong number")
        TEST = "test", _("Test call")
        ABUSIVE = "abusive", _("Abusive call")

    NON_DATA = (Kind.SILENT, Kind.HANG_UP, Kind.WRONG_NUMBER, Kind.TEST, Kind.ABUSIVE)

    class Outcome(models.TextChoices):
        INFORMED = "informed", _("Information given")
        REFERRED_CENTRE = "referred_centre", _("Referred to a centre")
        CONSULTATION_BOOKED = "consultation_booked", _("Consultation booked")
        REFERRED_INSTITUTION = "referred_institution", _("Referred to an institution")
        CALL_BACK_PROMISED = "call_back_promised", _("Call-back promised")
        INTERPRETER_ARRANGED = "interpreter_arranged", _("Interpreter arranged")

    class Status(models.TextChoices):
        """Where a call is in its life; telephony events move it from ringing to ended."""

        RINGING = "ringing", _("Ringing")
        ANSWERED = "answered", _("Answered")
        ENDED = "ended", _("Ended")
        MISSED = "missed", _("Not answered")

    hotline = models.ForeignKey(
        "centres.Hotline", on_delete=models.PROTECT, related_name="calls", verbose_name=_("line")
    )
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_calls",
        verbose_name=_("centre"),
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_calls",
        verbose_name=_("operator"),
    )
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices, default=Direction.INCOMING)
    kind = models.CharField(_("kind of call"), max_length=16, choices=Kind.choices, default=Kind.CONVERSATION)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ENDED)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), default=0)
    language = models.CharField(_("language of the call"), max_length=8, blank=True)
    interpreter_joined = models.BooleanField(_("an interpreter joined"), default=False)
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="hotline_calls", verbose_name=_("topics"))
    # Demographics without identity, the same choices as consultations so that the figures agree.
    nationality = CountryField(_("nationality"), blank=True)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, default=Gender.UNDISCLOSED)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, default="", blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True)
    note = EncryptedTextField(_("short note"), blank=True, help_text=_("Encrypted; no names or numbers, please."))
    caller_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # What the call led to, set from the call's page in one step each (issue 12 item 3). A client file
    # is linked only with the caller's consent; the call then shows on that file's history.
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hotline_calls",
        verbose_name=_("client file"),
    )
    client_consent_at = models.DateTimeField(_("caller agreed to the link"), null=True, blank=True, editable=False)
    appointment = models.ForeignKey(
        "consultations.Appointment", on_delete=models.SET_NULL, null=True, blank=True, related_name="hotline_calls"
    )
    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.SET_NULL, null=True, blank=True, related_name="hotline_calls"
    )
    provider_call_id = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        indexes = [models.Index(fields=["centre", "-started_at"], name="call_centre_started")]
        permissions = [("view_hotline_figures", "Can see the hotline figures")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"

    @property
    def is_non_data(self) -> bool:
        return self.kind in self.NON_DATA

    @property
    def duration_minutes(self) -> int:
        return (self.duration_seconds + 59) // 60


class CallBackQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=CallBack.OPEN_STATUSES)

    def for_user(self, user):
        """The queues a user works: their centres' and the network's (no centre); everything for network roles."""
        centres = _hotline_centres(user)
        return self if centres is None else self.filter(Q(centre__isnull=True) | Q(centre__in=centres))

    def for_queue(self):
        return self.select_related("centre", "topic", "taken_by", "hotline").order_by("due_at", "pk")


class CallBack(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting")
        TAKEN = "taken", _("Taken")
        DONE = "done", _("Called back")
        UNREACHABLE = "unreachable", _("Unreachable")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.TAKEN)
    MAX_ATTEMPTS = 3
    # Made on time: called back before the time promised to the caller.
    ON_TIME = Q(status=Status.DONE, closed_at__lte=F("due_at"))

    class Source(models.TextChoices):
        WEBSITE = "website", _("Website")
        OPERATOR = "operator", _("Operator")
        PHONE_MENU = "phone_menu", _("Phone menu")

    reference = models.CharField(_("reference"), max_length=16, unique=True, editable=False)
    hotline = models.ForeignKey(
        "centres.Hotline", on_delete=models.PROTECT, null=True, blank=True, related_name="call_backs"
    )
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="call_backs",
        verbose_name=_("centre"),
        help_text=_("Empty: the network's queue."),
    )
    call = models.ForeignKey(Call, on_delete=models.SET_NULL, null=True, blank=True, related_name="call_backs")
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.WEBSITE)
    # Personal data, kept only while the call-back is open (emptied on closing), encrypted at rest.
    phone = EncryptedTextField(_("phone"), blank=True)
    first_name = EncryptedTextField(_("first name"), blank=True)
    caller_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    language = models.CharField(_("language"), max_length=8)
    topic = models.ForeignKey(
        "topics.Topic", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("topic")
    )
    windows = models.JSONField(_("preferred times"), default=list, blank=True)
    due_at = models.DateTimeField(_("to call by"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taken_at = models.DateTimeField(null=True, blank=True)
    attempt_count = models.PositiveSmallIntegerField(_("attempts"), default=0)
    submission_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="call_backs",
        verbose_name=_("member account"),
    )

    objects = CallBackQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("call-back")
        verbose_name_plural = _("call-backs")
        indexes = [models.Index(fields=["status", "due_at"], name="callback_status_due")]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference("R")
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, now=None) -> bool:
        return self.is_open and (now or timezone.now()) > self.due_at

    def window_ranges(self):
        """[(start, end) …] as aware datetimes, from the stored "start/end" ISO strings."""
        from integra.hotline.hours import parse_window

        return [w for w in (parse_window(value) for value in self.windows) if w is not None]


class CallBackAttempt(models.Model):
    class Result(models.TextChoices):
        ANSWERED = "answered", _("Answered: helped")
        NO_ANSWER = "no_answer", _("No answer")
        BUSY = "busy", _("Busy")
        VOICEMAIL = "voicemail", _("Voicemail, no message left")
        WRONG_NUMBER = "wrong_number", _("Wrong number")

    UNANSWERED = (Result.NO_ANSWER, Result.BUSY, Result.VOICEMAIL)

    call_back = models.ForeignKey(CallBack, on_delete=models.CASCADE, related_name="attempts")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    call = models.OneToOneField(Call, on_delete=models.SET_NULL, null=True, blank=True, related_name="attempt")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("call-back attempt")
        verbose_name_plural = _("call-back attempts")

    def __str__(self) -> str:
        return f"{self.call_back} {self.get_result_display()}"


class LineHours(models.Model):
    """The line's regular weekly hours (Monday = 0). Bulgarian public holidays close it unless a LineDay opens it."""

    hotline = models.ForeignKey("centres.Hotline", on_delete=models.CASCADE, related_name="line_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=[(i, str(i)) for i in range(7)])
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("line hours")
        verbose_name_plural = _("line hours")
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="line_hours_close_after_open"),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens:%H:%M}–{self.closes:%H:%M}"


class LineDay(models.Model):
    """An exception for one date: closed, or open at other hours (also on a public holiday)."""

    hotline = models.ForeignKey("centres.Hotline", on_delete=models.CASCADE, related_name="line_days")
    date = models.DateField(_("date"))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("line exception")
        verbose_name_plural = _("line exceptions")
        constraints = [
            models.UniqueConstraint(fields=["hotline", "date"], name="line_day_once"),
            models.CheckConstraint(
                condition=Q(opens__isnull=True, closes__isnull=True)
                | Q(opens__isnull=False, closes__isnull=False, closes__gt=models.F("opens")),
                name="line_day_hours_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}"

    @property
    def is_closed(self) -> bool:
        return self.opens is None
