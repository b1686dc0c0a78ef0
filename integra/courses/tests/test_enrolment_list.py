"""The enrolments list (every group of my centres) filtered by days, centre, kind, course, status and a CEFR
level gained, and the participants and CEFR figures' links to it: each shows as many enrolments as the figure
counts people (here one enrolment a person), only to staff who may see enrolments; pseudonymous rows; bad
filters are explained with what was typed kept."""

from datetime import date
from itertools import count

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from integra.accounts import roles
from integra.accounts.models import User
from integra.courses.models import Course, Enrolment
from integra.figures.tests.records import course_group, enrolment, followed_links
from tests.base import make_user, signed_in

LIST = "/en/staff/courses/enrolments/"
Q1 = {"period": "quarter", "year": "2026", "quarter": "1"}
Q2 = {"period": "quarter", "year": "2026", "quarter": "2"}
APRIL = {"period": "month", "year": "2026", "month": "4"}
PARTICIPANTS = ("amif.language_courses", "amif.civic_orientation", "net.computer_courses")
S = Enrolment.Status
_phones = (f"+35988123{n % 10000:04d}" for n in count())


def _learner(group, status=S.ENROLLED, **fields):
    return enrolment(group, phone=next(_phones), status=status, **fields)


@pytest.fixture
def enrolments(staff):
    language = course_group(Course.Kind.LANGUAGE, start=date(2026, 2, 1), end=date(2026, 5, 31))
    _learner(language, entry_level="A1", exit_level="A2")  # gained a level in May: Q2
    _learner(language, S.LEFT)
    _learner(language, S.WAITING)  # did not take part
    _learner(language, S.EXPIRED)  # did not take part
    ended = course_group(Course.Kind.LANGUAGE, start=date(2026, 1, 5), end=date(2026, 3, 31))  # the last day of Q1
    _learner(ended, S.COMPLETED, entry_level="A1", exit_level="A2")
    _learner(ended, S.COMPLETED, entry_level="A2", exit_level="A2")  # no level gained
    _learner(ended, S.COMPLETED, entry_level="A2")  # no exit level
    computer = course_group(Course.Kind.COMPUTER, start=date(2025, 11, 1), end=date(2026, 1, 15))
    _learner(computer, S.COMPLETED)
    civic = course_group(Course.Kind.CIVIC, slug="plovdiv", start=date(2026, 3, 31), end=date(2026, 4, 30))
    _learner(civic)
    _learner(civic, S.OFFERED)  # did not take part
    plovdiv = course_group(Course.Kind.LANGUAGE, slug="plovdiv", start=date(2026, 4, 1), end=date(2026, 6, 30))
    _learner(plovdiv, S.COMPLETED, entry_level="A1", exit_level="B1")
    _learner(plovdiv, S.COMPLETED, entry_level="B1", exit_level="A2")  # went down


def _shown(response) -> int:
    return len(response.context["page"].object_list)


@pytest.mark.parametrize("code", [*PARTICIPANTS, "amif.cefr_improved"])
def test_every_link_of_the_course_figures_shows_as_many_enrolments_as_it_counts(client, staff, enrolments, code):
    signed_in(client, staff["coordinator"])
    for params in (Q1, Q2, APRIL, {**Q1, "centre": "sofia"}, {**Q2, "centre": "plovdiv"}):
        followed = followed_links(client, code, params, _shown, whole=("total", "anonymous"))
        assert followed and [f for f in followed if f[1] != f[2]] == []
        assert sum(f[1] for f in followed) > 0 or code != "amif.language_courses"


def test_the_links_filter_by_days_centre_course_status_and_levels(client, staff, enrolments):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        body = client.get("/en/staff/figures/amif.language_courses/", Q1).content.decode()
        cefr = client.get("/en/staff/figures/amif.cefr_improved/", Q1).content.decode()
    base = "/en/staff/courses/enrolments/?date_from=2026-01-01&amp;date_to=2026-03-31"
    label = "See the enrolments (one person may have several enrolments)"
    assert f'<a href="{base}&amp;kind=language&amp;status=took_part">{label}</a>' in body
    assert f'href="{base}&amp;course=test-language&amp;kind=language&amp;status=took_part"' in body
    assert f'<a href="{base}&amp;groups=ended&amp;kind=language&amp;improved=yes">{label}</a>' in cefr
    assert 'href="/en/staff/courses/enrolments/?date_from=2026-03-01&amp;date_to=2026-03-31&amp;groups=ended' in cefr
    took_part = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31", "status": "took_part"})
    assert _shown(took_part) == 7
    every = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31"})
    assert _shown(every) == 10 and "Learner" not in every.content.decode()  # references, not names
    assert every.context["page"].object_list[0].reference in every.content.decode()
    improved = client.get(LIST, {"improved": "yes", "groups": "ended", "date_from": "2026-06-30"})
    assert _shown(improved) == 1


def test_the_rows_by_nationality_sex_and_age_band_link_to_the_enrolments_of_that_value(client, staff):
    group = course_group(start=date(2026, 2, 1), end=date(2026, 3, 20))
    _learner(group, nationality="SY", gender="female", age_band="25-34")
    _learner(group, nationality="SY", gender="male", language="ar")
    _learner(group, nationality="UA", gender="female")
    signed_in(client, staff["coordinator"])
    followed = followed_links(client, "amif.language_courses", Q1, _shown, whole=("total", "anonymous"))
    urls = [url for url, _figure, _rows in followed]
    for query in ("nationality=SY", "nationality=UA", "gender=female", "gender=male", "age_band=25-34", "language=ar"):
        assert any(query in url for url in urls), query
    assert [f for f in followed if f[1] != f[2]] == []
    syrians = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31", "nationality": "SY"})
    assert _shown(syrians) == 2


def test_one_person_in_two_groups_is_one_participant_and_two_enrolments(client, staff):
    signed_in(client, staff["coordinator"])
    for start in (date(2026, 1, 10), date(2026, 3, 1)):
        enrolment(course_group(start=start, end=start.replace(day=28)), phone="+359881234599")
    page = client.get("/en/staff/figures/amif.language_courses/", Q1)
    assert page.context["figure"].value.total == 1
    assert _shown(client.get(page.context["records_url"])) == 2


def test_a_manager_s_links_and_list_stay_within_their_centre(client, staff, enrolments):
    signed_in(client, staff["manager.plovdiv"])
    with translation.override("en"):
        body = client.get("/en/staff/figures/amif.civic_orientation/", Q2).content.decode()
    assert "/en/staff/courses/enrolments/?date_from=2026-04-01&amp;date_to=2026-06-30&amp;centre=plovdiv" in body
    assert "centre=sofia" not in body
    sofia = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-12-31", "centre": "sofia"})
    assert {e.group.centre.slug for e in sofia.context["page"]} == {"plovdiv"} and _shown(sofia) == 4


def test_staff_who_may_not_see_enrolments_get_no_link_and_a_403_at_the_list(client, staff, enrolments):
    analyst = make_user("analyst", roles.MODERATOR)  # network-wide, may see figures here, not the enrolments
    analyst.user_permissions.add(Permission.objects.get(codename="view_figures"))
    signed_in(client, analyst)
    for code in (*PARTICIPANTS, "amif.cefr_improved"):
        with translation.override("en"):
            body = client.get(f"/en/staff/figures/{code}/", Q1).content.decode()
        assert "See the enrolments" not in body and "/en/staff/courses/enrolments/?" not in body
    assert client.get(LIST, {"date_from": "2026-01-01"}).status_code == 403
    analyst.user_permissions.add(Permission.objects.get(codename="view_enrolment", content_type__app_label="courses"))
    signed_in(client, User.objects.get(pk=analyst.pk))
    with translation.override("en"):
        assert "See the enrolments" in client.get("/en/staff/figures/amif.cefr_improved/", Q1).content.decode()
    signed_in(client, staff["partner.sofia"])
    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-03-31", "date_to": "2026-01-01"}, "The last day is before the first day"),
        ({"date_from": "1.1."}, "Enter the first day as a date, for example 2026-03-01."),
        ({"date_to": "2026-02-30"}, "Enter the last day as a date, for example 2026-03-31."),
        ({"course": "no-such-course"}, "Select a valid choice."),
        ({"status": "dropped"}, "Select a valid choice."),
        ({"improved": "maybe"}, "Select a valid choice."),
    ],
)
def test_bad_filters_are_explained_with_what_was_typed_kept_and_no_enrolment_shown(
    client, staff, enrolments, params, message
):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        response = client.get(LIST, params)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and _shown(response) == 0
    if "date_from" in params or "date_to" in params:
        assert all(f'value="{value}"' in body for value in params.values())


def test_the_filtered_list_costs_the_same_queries_for_one_enrolment_or_many(
    client, staff, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_VERSION_SECONDS = 3600  # read once while warming up, not again after a slow second
    signed_in(client, staff["trainer.sofia"])
    wanted = {"date_from": "2026-01-01", "date_to": "2026-12-31", "kind": "computer", "status": "took_part"}
    _learner(course_group(Course.Kind.COMPUTER, start=date(2026, 2, 1), end=date(2026, 3, 1)))
    client.get(LIST, wanted)  # warm up the session
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 1
    for month in range(2, 12):
        group = course_group(Course.Kind.COMPUTER, start=date(2026, month, 1), end=date(2026, month, 20))
        _learner(group, S.COMPLETED, entry_level="A1", exit_level="A2")
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 11


QUERIES = 12
