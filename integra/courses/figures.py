"""The courses' figures (issue 14 item 8), counted from the enrolments and the registers, never typed in twice.

For the groups of the user's centres that ran at some time in the period (coordinators: every centre):

- enrolled: learners who held a place (enrolled, completed, or left after being marked in a register);
- started: of them, those marked present or late at least once;
- completed: those who met the completion rule (a certificate that was not revoked);
- dropped out: those who left after being marked in a register (leaving the waiting list, or before the
  first session, is not dropping out);
- on the waiting list: waiting now;
- attendance rate: present or late among the marks of the period's sessions;
- CEFR progress: learners with an entry and an exit level, those who improved by at least one level, and
  the entry → exit table.

By course, centre, nationality, gender and age band. Two queries whatever the number of groups or learners
(one row per enrolment, added up here), pinned by a test; the figures app calls course_figures().
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from integra.clients.models import AgeBand, Gender
from integra.core.i18n import pick
from integra.courses.models import Attendance, Certificate, Enrolment, Group, Level

SMALL = 3  # counts below this are shown as "fewer than 3" to those who do not see the whole network


@dataclass
class Counts:
    enrolled: int = 0
    started: int = 0
    completed: int = 0
    dropped_out: int = 0
    waiting: int = 0
    attended: int = 0
    marked: int = 0
    assessed: int = 0
    improved: int = 0

    def add(self, row: dict) -> None:
        holds = row["status"] in (Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED) or (
            row["status"] == Enrolment.Status.LEFT and row["n_marked"]
        )
        if row["status"] == Enrolment.Status.WAITING:
            self.waiting += 1
        if not holds:
            return
        self.enrolled += 1
        self.started += bool(row["n_attended"])
        self.completed += bool(row["certified"])
        self.dropped_out += row["status"] == Enrolment.Status.LEFT
        self.attended += row["n_attended"]
        self.marked += row["n_marked"]
        entry, exit_ = Level.rank(row["entry_level"]), Level.rank(row["exit_level"])
        if entry is not None and exit_ is not None:
            self.assessed += 1
            self.improved += exit_ - entry >= 1

    @property
    def attendance_rate(self) -> int | None:
        """Per cent of the marks that are present or late (None without marks)."""
        return round(100 * self.attended / self.marked) if self.marked else None

    @property
    def improved_share(self) -> int | None:
        return round(100 * self.improved / self.assessed) if self.assessed else None


@dataclass
class Figures:
    date_from: date
    date_to: date
    groups: int = 0
    total: Counts = field(default_factory=Counts)
    by_course: list = field(default_factory=list)
    by_centre: list = field(default_factory=list)
    by_nationality: list = field(default_factory=list)
    by_gender: list = field(default_factory=list)
    by_age_band: list = field(default_factory=list)
    progress: list = field(default_factory=list)  # (entry level, exit level, learners)

    @property
    def breakdowns(self):
        return [
            (_("Course"), self.by_course),
            (_("Centre"), self.by_centre),
            (_("Nationality"), self.by_nationality),
            (_("Gender"), self.by_gender),
            (_("Age band"), self.by_age_band),
        ]


def _period(date_from: date, date_to: date):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), tz)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), tz)
    return start, end


def course_figures(*, user, date_from: date, date_to: date, centre=None) -> Figures:
    """The figures of the groups the user may see that ran at some time between date_from and date_to."""
    start, end = _period(date_from, date_to)
    groups = Group.objects.for_user(user).filter(start_date__lte=date_to, end_date__gte=date_from)
    if centre is not None:
        groups = groups.filter(centre=centre)
    in_period = Q(attendance__session__start__gte=start, attendance__session__start__lt=end)
    in_period &= Q(attendance__session__cancelled=False)
    rows = (
        Enrolment.objects.filter(group__in=groups)
        .annotate(
            n_marked=Count("attendance", filter=in_period),
            n_attended=Count("attendance", filter=in_period & Q(attendance__mark__in=Attendance.ATTENDED)),
            certified=Exists(Certificate.objects.filter(enrolment=OuterRef("pk"), revoked_at__isnull=True)),
        )
        .values(
            "status",
            "n_marked",
            "n_attended",
            "certified",
            "entry_level",
            "exit_level",
            "nationality",
            "gender",
            "age_band",
            "group__course__slug",
            "group__course__title",
            "group__centre__slug",
            "group__centre__name",
        )
        .order_by()
    )
    result = Figures(date_from=date_from, date_to=date_to)
    result.groups = groups.count()
    dimensions = {name: defaultdict(Counts) for name in ("course", "centre", "nationality", "gender", "age_band")}
    labels = {"course": {}, "centre": {}}
    progress = Counter()
    for row in rows:
        result.total.add(row)
        labels["course"][row["group__course__slug"]] = pick(row["group__course__title"]) or row["group__course__slug"]
        labels["centre"][row["group__centre__slug"]] = pick(row["group__centre__name"]) or row["group__centre__slug"]
        dimensions["course"][row["group__course__slug"]].add(row)
        dimensions["centre"][row["group__centre__slug"]].add(row)
        dimensions["nationality"][row["nationality"] or ""].add(row)
        dimensions["gender"][row["gender"] or Gender.UNDISCLOSED].add(row)
        dimensions["age_band"][row["age_band"] or ""].add(row)
        if row["entry_level"] and row["exit_level"] and row["status"] != Enrolment.Status.WAITING:
            progress[(row["entry_level"], row["exit_level"])] += 1

    def ordered(counts: dict, label) -> list:
        shown = ((label(key), value) for key, value in counts.items() if value.enrolled or value.waiting)
        return sorted(shown, key=lambda kv: (-kv[1].enrolled, kv[0]))

    unknown = _("Not known")
    result.by_course = ordered(dimensions["course"], labels["course"].get)
    result.by_centre = ordered(dimensions["centre"], labels["centre"].get)
    result.by_nationality = ordered(dimensions["nationality"], lambda code: countries.name(code) if code else unknown)
    genders, bands = dict(Gender.choices), dict(AgeBand.choices)
    result.by_gender = ordered(dimensions["gender"], lambda code: str(genders.get(code, unknown)))
    band_order = list(bands)
    result.by_age_band = [
        (str(bands.get(code) or unknown), dimensions["age_band"][code])
        for code in sorted(dimensions["age_band"], key=lambda code: band_order.index(code) if code in bands else 99)
        if dimensions["age_band"][code].enrolled or dimensions["age_band"][code].waiting
    ]
    levels = dict(Level.choices)
    result.progress = [
        (str(levels[entry]), str(levels[exit_]), progress[(entry, exit_)])
        for entry, exit_ in sorted(progress, key=lambda pair: (Level.rank(pair[0]), Level.rank(pair[1])))
    ]
    return result
