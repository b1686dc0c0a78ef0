"""The courses' indicators for the figures app: participants in language and civic orientation courses,
CEFR levels gained, groups running. Only enrolment status, levels and dates are read."""

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.clients.models import Gender
from integra.courses.forms import EnrolmentListFilterForm
from integra.courses.models import Course, Enrolment, Group
from integra.figures import records
from integra.figures.counting import Scope, count, in_scope, people_records
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group as IndicatorGroup
from integra.figures.registry import Unit, quality_check, records_link, register

DEMOGRAPHICS = {B.NATIONALITY: "nationality", B.SEX: "gender", B.AGE_BAND: "age_band", B.LANGUAGE: "language"}
BREAKDOWNS = {**DEMOGRAPHICS, B.COURSE: "group__course_id"}
TIME = (B.CENTRE, B.MONTH, B.QUARTER, B.YEAR)
# Who took part: enrolled, completed, or enrolled and left (the waiting list and lapsed offers did not).
TOOK_PART = Enrolment.TOOK_PART


def _participants(scope: Scope, kind: str):
    return people_records(
        Enrolment.objects.filter(status__in=TOOK_PART, group__course__kind=kind),
        scope,
        date_field="group__start_date",
        until_field="group__end_date",
        centre_field="group__centre",
        client="client_id",
        member="member_id",
        phone="phone",
        breakdowns=BREAKDOWNS,
    )


@register(
    code="amif.language_courses",
    group=IndicatorGroup.FUNDER,
    unit=Unit.PEOPLE,
    name=_("Participants in language courses"),
    definition=_(
        "People enrolled in a Bulgarian language course group that ran during the period (those who left "
        "included, the waiting list not), each counted once by client file, account or phone number."
    ),
    source=_("Modelled on the AMIF common output indicator on participants in language courses."),
    breakdowns=(*TIME, *BREAKDOWNS),
    participants=True,
    order=20,
)
def language_courses(scope: Scope):
    return _participants(scope, Course.Kind.LANGUAGE)


@register(
    code="amif.civic_orientation",
    group=IndicatorGroup.FUNDER,
    unit=Unit.PEOPLE,
    name=_("Participants in civic orientation courses"),
    definition=_("People enrolled in a civic orientation course group that ran during the period, each counted once."),
    source=_("Modelled on the AMIF common output indicator on participants in civic orientation courses."),
    breakdowns=(*TIME, *BREAKDOWNS),
    participants=True,
    order=30,
)
def civic_orientation(scope: Scope):
    return _participants(scope, Course.Kind.CIVIC)


@register(
    code="net.computer_courses",
    group=IndicatorGroup.NETWORK,
    unit=Unit.PEOPLE,
    name=_("Participants in computer literacy courses"),
    definition=_("People enrolled in a computer literacy course group that ran during the period, each counted once."),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, *BREAKDOWNS),
    participants=True,
    order=60,
)
def computer_courses(scope: Scope):
    return _participants(scope, Course.Kind.COMPUTER)


@register(
    code="amif.cefr_improved",
    group=IndicatorGroup.FUNDER,
    unit=Unit.PEOPLE,
    name=_("Participants who improved by at least one CEFR level"),
    definition=_(
        "People whose exit level, assessed at the end of a language course group that ended in the period, "
        "is at least one CEFR level above their entry level."
    ),
    source=_(
        "Modelled on the AMIF common result indicator on participants who improved their language "
        "proficiency by at least one CEFR level."
    ),
    breakdowns=(*TIME, *BREAKDOWNS),
    order=60,
)
def cefr_improved(scope: Scope):
    improved = Enrolment.objects.filter(group__course__kind=Course.Kind.LANGUAGE).improved()
    return people_records(
        improved,
        scope,
        date_field="group__end_date",
        centre_field="group__centre",
        client="client_id",
        member="member_id",
        phone="phone",
        breakdowns=BREAKDOWNS,
    )


@register(
    code="net.course_groups",
    group=IndicatorGroup.NETWORK,
    unit=Unit.COUNT,
    name=_("Course groups held"),
    definition=_("Course groups (language, computer literacy, civic orientation) that ran during the period."),
    source=_("The network's own indicator."),
    breakdowns=(B.CENTRE, B.MONTH, B.QUARTER, B.YEAR, B.COURSE),
    public=True,
    order=61,
)
def course_groups(scope: Scope):
    return count(
        Group.objects.all(),
        scope,
        date_field="start_date",
        until_field="end_date",
        breakdowns={B.COURSE: "course_id"},
    )


# --- Data quality before reporting ------------------------------------------------------------------------


def _enrolment_row(enrolment):
    from django.urls import reverse

    return enrolment.reference, reverse("courses_staff:levels", args=[enrolment.pk])


@quality_check(
    code="courses.demographics",
    label=_("Course participants without nationality, sex or age band"),
    row=_enrolment_row,
    order=20,
)
def enrolments_without_demographics(scope: Scope):
    missing = Q(nationality="") | Q(age_band="") | Q(gender=Gender.UNDISCLOSED)
    return in_scope(
        Enrolment.objects.filter(missing, status__in=TOOK_PART),
        scope,
        date_field="group__start_date",
        until_field="group__end_date",
        centre_field="group__centre",
    ).only("pk", "reference")


@quality_check(
    code="courses.exit_level",
    label=_("Language learners of groups that have ended without an exit level"),
    row=_enrolment_row,
    order=21,
)
def enrolments_without_exit_level(scope: Scope):
    ended = Enrolment.objects.filter(
        group__course__kind=Course.Kind.LANGUAGE,
        status__in=(Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED),
        exit_level="",
        group__end_date__lt=timezone.localdate(),
    )
    return in_scope(ended, scope, date_field="group__end_date", centre_field="group__centre").only("pk", "reference")


# --- Links from the figures to the groups list (issue 18 item 4) ---------------------------------------------
# "Course groups held" links to the groups list filtered to the groups running on at least one day of the
# period, by centre and by course. Its month, quarter and year rows have no link: a group counts under the
# month it began (or the period's first month), which is not a filter of the list.
# The participants and the CEFR levels gained link to the enrolments list: the participants to the
# enrolments that took part in groups running on one of the days, by centre and course (a person counts under
# their first group's month: those rows have no link); the levels to the language enrolments that gained a
# level in groups that ended on one of the days, by centre, course, month, quarter and year. Nationality, sex,
# age band and language are not filters of the list.


def _course_slugs(keys) -> dict:
    ids = [int(k) for k in keys if str(k).isdigit()]
    return {str(pk): slug for pk, slug in Course.objects.filter(pk__in=ids).values_list("pk", "slug")}


@records_link(code="net.course_groups", permission="courses.view_group", breakdowns=(B.CENTRE, B.COURSE))
def group_list_urls(scope: Scope, keys) -> dict:
    return records.list_urls(
        scope, keys, url=reverse("courses_staff:list"), filters={B.COURSE: ("course", _course_slugs)}
    )


def _enrolment_list_urls(**fixed):
    def urls(scope: Scope, keys) -> dict:
        found = records.list_urls(
            scope,
            keys,
            url=reverse("courses_staff:enrolments"),
            filters={B.COURSE: ("course", _course_slugs), **records.DEMOGRAPHIC_FILTERS},
        )
        return {key: f"{url}&{urlencode(fixed)}" for key, url in found.items()}

    return urls


SEVERAL = _("See the enrolments (one person may have several enrolments)")
for _code, _kind in (
    ("amif.language_courses", Course.Kind.LANGUAGE),
    ("amif.civic_orientation", Course.Kind.CIVIC),
    ("net.computer_courses", Course.Kind.COMPUTER),
):
    records_link(
        code=_code, permission="courses.view_enrolment", breakdowns=(B.CENTRE, B.COURSE, *DEMOGRAPHICS), label=SEVERAL
    )(_enrolment_list_urls(kind=_kind, status=EnrolmentListFilterForm.TOOK_PART))
records_link(
    code="amif.cefr_improved",
    permission="courses.view_enrolment",
    breakdowns=(*TIME, B.COURSE, *DEMOGRAPHICS),
    label=SEVERAL,
)(
    _enrolment_list_urls(
        groups=EnrolmentListFilterForm.ENDED, kind=Course.Kind.LANGUAGE, improved=EnrolmentListFilterForm.YES
    )
)
