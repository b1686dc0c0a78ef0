"""The hotline's figures, counted from the call records (never typed in twice); a constant number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils import timezone

from integra.core.i18n import pick
from integra.core.languages import endonym
from integra.hotline.models import Call, CallBack


@dataclass
class Figures:
    total: int = 0
    non_data: int = 0
    conversations: int = 0
    by_line: list = field(default_factory=list)
    by_hour: list = field(default_factory=list)
    by_weekday: list = field(default_factory=list)
    by_language: list = field(default_factory=list)
    by_topic: list = field(default_factory=list)
    by_outcome: list = field(default_factory=list)
    by_kind: list = field(default_factory=list)
    answered: int = 0
    missed: int = 0
    with_number: int = 0
    repeat_calls: int = 0
    call_backs: int = 0
    call_backs_kept: int = 0
    call_backs_unreachable: int = 0
    call_backs_open: int = 0

    def share(self, part: int, whole: int) -> str:
        return f"{round(100 * part / whole)} %" if whole else "–"

    @property
    def non_data_share(self):
        return self.share(self.non_data, self.total)

    @property
    def answered_share(self):
        return self.share(self.answered, self.answered + self.missed)

    @property
    def repeat_share(self):
        return self.share(self.repeat_calls, self.with_number)

    @property
    def kept_share(self):
        return self.share(self.call_backs_kept, self.call_backs)


WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def hotline_figures(*, user, date_from: date, date_to: date) -> Figures:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), tz)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), tz)
    calls = Call.objects.for_user(user).filter(started_at__gte=start, started_at__lt=end)
    result = Figures()
    kinds = dict(calls.values_list("kind").annotate(n=Count("pk")).order_by())
    result.total = sum(kinds.values())
    result.conversations = kinds.get(Call.Kind.CONVERSATION, 0)
    result.non_data = result.total - result.conversations
    result.by_kind = [(Call.Kind(k).label, n) for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])]
    talks = calls.filter(kind=Call.Kind.CONVERSATION)
    result.by_line = list(
        calls.values("hotline__phone").annotate(n=Count("pk")).order_by("-n").values_list("hotline__phone", "n")
    )
    hours = dict(
        calls.annotate(h=ExtractHour("started_at", tzinfo=tz)).values_list("h").annotate(n=Count("pk")).order_by()
    )
    result.by_hour = [(f"{h:02d}:00", hours.get(h, 0)) for h in range(24) if hours.get(h)]
    days = dict(
        calls.annotate(d=ExtractIsoWeekDay("started_at", tzinfo=tz)).values_list("d").annotate(n=Count("pk")).order_by()
    )
    result.by_weekday = [(d, days.get(d, 0)) for d in range(1, 8)]
    result.by_language = [
        (endonym(code) if code else "–", n)
        for code, n in talks.values_list("language").annotate(n=Count("pk")).order_by("-n")
    ]
    topic_rows = talks.filter(topics__isnull=False).values_list("topics__slug", "topics__name")
    result.by_topic = sorted(
        ((pick(name) or slug, n) for slug, name, n in topic_rows.annotate(n=Count("pk")).order_by()),
        key=lambda row: -row[1],
    )
    outcome_labels = dict(Call.Outcome.choices)
    result.by_outcome = [
        (outcome_labels.get(o, "–"), n) for o, n in talks.values_list("outcome").annotate(n=Count("pk")).order_by("-n")
    ]
    statuses = dict(
        calls.filter(provider_call_id__isnull=False)
        .exclude(provider_call_id__startswith="DEMO")
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result.answered = statuses.get(Call.Status.ENDED, 0) + statuses.get(Call.Status.ANSWERED, 0)
    result.missed = statuses.get(Call.Status.MISSED, 0)
    hashed = talks.exclude(caller_hash="")
    per_number = hashed.values("caller_hash").annotate(n=Count("pk")).order_by()
    counts = [row["n"] for row in per_number]
    result.with_number = sum(counts)
    result.repeat_calls = sum(n for n in counts if n > 1)
    call_backs = CallBack.objects.for_user(user).filter(created_at__gte=start, created_at__lt=end)
    cb = call_backs.aggregate(
        total=Count("pk"),
        kept=Count("pk", filter=Q(status=CallBack.Status.DONE, closed_at__lte=F("due_at"))),
        unreachable=Count("pk", filter=Q(status=CallBack.Status.UNREACHABLE)),
        open=Count("pk", filter=Q(status__in=CallBack.OPEN_STATUSES)),
    )
    result.call_backs, result.call_backs_kept = cb["total"], cb["kept"]
    result.call_backs_unreachable, result.call_backs_open = cb["unreachable"], cb["open"]
    return result
