"""The interpreting figures, counted from the requests, sessions and feedback (never typed in twice), in a
constant number of queries whatever the period or the number of requests. The figures app can call
interpreting_figures() as the back office's page does.

"Filled within target" (settings): a routine request confirmed at least INTERPRETING_TARGET_HOURS_BEFORE
hours before it starts, an urgent one confirmed within INTERPRETING_URGENT_TARGET_MINUTES minutes of being
asked. Requests the institution withdrew before anyone was confirmed are not counted either way.

For anyone who does not see the whole network (a centre manager), a count of 1 or 2 is shown as
"fewer than 3", so that a small group cannot be picked out.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core.i18n import pick
from integra.interpreting.models import DIALECT_LABELS, LANGUAGES, Feedback, Mode, Request, Session

SMALL = 3


@dataclass
class Count_:
    """A count with what is shown for it: the number, or "fewer than 3" when it must not be shown."""

    value: int
    shown: str

    def __str__(self) -> str:
        return self.shown


@dataclass
class Figures:
    date_from: date
    date_to: date
    suppress_small: bool
    total: Count_ | None = None
    by_institution: list = field(default_factory=list)  # (label, Count_)
    by_language: list = field(default_factory=list)
    by_mode: list = field(default_factory=list)
    by_subject: list = field(default_factory=list)
    target_counted: int = 0
    target_met: int = 0
    median_to_confirm: timedelta | None = None
    confirmed: int = 0
    closures: list = field(default_factory=list)  # (institution, side, cancelled, late, no-shows)
    hours: list = field(default_factory=list)  # (mediator, code, sessions, hours)
    feedback: list = field(default_factory=list)  # (side, yes, partly, no, total, share understood)

    @property
    def target_share(self) -> str:
        return share(self.target_met, self.target_counted)

    @property
    def median_to_confirm_hours(self) -> str:
        if self.median_to_confirm is None:
            return "–"
        return f"{self.median_to_confirm.total_seconds() / 3600:.1f}"


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def _period(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), zone)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), zone)
    return start, end


def interpreting_figures(*, user, date_from: date, date_to: date) -> Figures:
    """The requests whose appointment falls in the period and that the user may see (a coordinator every
    one, a centre manager their centres'), counted by institution, language and dialect, mode and subject;
    the share filled within target; the median time to confirm; cancellations, late cancellations and
    no-shows per institution and side; hours interpreted per mediator; the feedback of each side."""
    suppress = not user.is_network_wide
    fewer = _("fewer than 3")

    def counted(n: int) -> Count_:
        return Count_(n, fewer if suppress and 0 < n < SMALL else str(n))

    start, end = _period(date_from, date_to)
    requests = Request.objects.for_user(user).filter(starts_at__gte=start, starts_at__lt=end)
    result = Figures(date_from=date_from, date_to=date_to, suppress_small=suppress)
    own = _("The centres' own requests")

    def grouped(*fields):
        return requests.values_list(*fields).annotate(n=Count("pk", distinct=True)).order_by("-n", *fields)

    result.by_institution = [(pick(name) or own, counted(n)) for name, n in grouped("institution__name")]
    result.by_language = [
        (LANGUAGES.get(code, code) + (f" ({DIALECT_LABELS[dialect]})" if dialect in DIALECT_LABELS else ""), counted(n))
        for code, dialect, n in grouped("language", "dialect")
    ]
    result.by_mode = [(Mode(code).label, counted(n)) for code, n in grouped("mode")]
    result.by_subject = [(Request.Subject(code).label, counted(n)) for code, n in grouped("subject")]

    withdrawn = Q(status=Request.Status.CANCELLED, closed_side=Request.Side.REQUESTER, confirmed_at__isnull=True)
    in_time = Q(
        urgency=Request.Urgency.ROUTINE,
        confirmed_at__lte=F("starts_at") - timedelta(hours=settings.INTERPRETING_TARGET_HOURS_BEFORE),
    ) | Q(
        urgency=Request.Urgency.URGENT,
        confirmed_at__lte=F("created_at") + timedelta(minutes=settings.INTERPRETING_URGENT_TARGET_MINUTES),
    )
    totals = requests.aggregate(
        total=Count("pk", distinct=True),
        counted=Count("pk", filter=~withdrawn, distinct=True),
        met=Count("pk", filter=in_time & Q(confirmed_at__isnull=False), distinct=True),
    )
    result.total = counted(totals["total"])
    result.target_counted, result.target_met = totals["counted"], totals["met"]

    waits = [
        confirmed - created
        for created, confirmed in requests.filter(confirmed_at__isnull=False).values_list("created_at", "confirmed_at")
    ]
    result.confirmed = len(waits)
    result.median_to_confirm = statistics.median(waits) if waits else None

    closed = requests.filter(status__in=[Request.Status.CANCELLED, Request.Status.NO_SHOW])
    sides = dict(Request.Side.choices)
    result.closures = [
        (pick(name) or own, sides.get(side, "–"), counted(cancelled), counted(late), counted(no_shows))
        for name, side, cancelled, late, no_shows in closed.values_list("institution__name", "closed_side")
        .annotate(
            cancelled=Count("pk", filter=Q(status=Request.Status.CANCELLED), distinct=True),
            late=Count("pk", filter=Q(late_cancellation=True), distinct=True),
            no_shows=Count("pk", filter=Q(status=Request.Status.NO_SHOW), distinct=True),
        )
        .order_by("institution__name", "closed_side")
    ]

    length = ExpressionWrapper(F("ended_at") - F("started_at"), output_field=DurationField())
    sessions = (
        Session.objects.filter(request__in=requests.values("pk"))
        .values_list("mediator_id", "mediator__name")
        .annotate(n=Count("pk"), spent=Sum(length))
        .order_by("mediator__name", "mediator_id")
    )
    result.hours = [
        (name, f"M-{pk:04d}", counted(n), f"{(spent or timedelta()).total_seconds() / 3600:.1f}")
        for pk, name, n, spent in sessions
    ]

    answers: dict[str, dict[str, int]] = {}
    rows = Feedback.objects.filter(request__in=requests.values("pk")).values_list("side", "understood")
    for side, understood, n in rows.annotate(n=Count("pk")).order_by():
        answers.setdefault(side, {})[understood] = n
    for side, label in Feedback.Side.choices:
        got = answers.get(side, {})
        yes, partly, no = (got.get(key, 0) for key in Feedback.Understood.values)
        whole = yes + partly + no
        result.feedback.append((label, counted(yes), counted(partly), counted(no), counted(whole), share(yes, whole)))
    return result
