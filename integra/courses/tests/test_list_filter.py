"""The groups list filtered to the groups running on the days asked for, by centre, kind and course, and the
"Course groups held" figure's links to it: each shows as many groups as the figure counts, only to staff
who may open the list; bad filters are explained with what was typed kept."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from integra.accounts import roles
from integra.accounts.models import User
from integra.courses.models import Course
from integra.figures.tests.records import course_group, followed_links
from tests.base import make_user, signed_in

LIST = "/en/staff/courses/"
FIGURE = "/en/staff/figures/net.course_groups/"
Q1 = {"period": "quarter", "year": "2026", "quarter": "1"}


@pytest.fixture
def groups(staff):
    course_group(Course.Kind.LANGUAGE, start=date(2026, 2, 1), end=date(2026, 5, 31))
    course_group(Course.Kind.COMPUTER, start=date(2025, 11, 1), end=date(2026, 1, 15))  # began before Q1
    course_group(Course.Kind.CIVIC, slug="plovdiv", start=date(2026, 3, 31), end=date(2026, 4, 30))
    course_group(Course.Kind.LANGUAGE, slug="plovdiv", start=date(2026, 4, 1), end=date(2026, 6, 30))


def _shown(response) -> int:
    return len(response.context["page"].object_list)


def test_every_link_of_the_groups_figure_shows_as_many_groups_as_it_counts(client, staff, groups):
    signed_in(client, staff["coordinator"])
    for params in (Q1, {"period": "month", "year": "2026", "month": "4"}, {**Q1, "centre": "plovdiv"}):
        followed = followed_links(client, "net.course_groups", params, _shown)
        assert followed and [f for f in followed if f[1] != f[2]] == []
    assert len(followed_links(client, "net.course_groups", Q1, _shown)) == 6  # the figure, 2 centres, 3 courses
    with translation.override("en"):
        body = client.get(FIGURE, Q1).content.decode()
    base = "/en/staff/courses/?date_from=2026-01-01&amp;date_to=2026-03-31"
    assert f'<a href="{base}">See the records</a>' in body
    assert f'href="{base}&amp;centre=plovdiv"' in body and f'href="{base}&amp;course=test-computer"' in body
    assert "/en/staff/courses/?date_from=2026-03-01" not in body  # month rows count by first day: no link
    language = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-12-31", "kind": "language"})
    assert _shown(language) == 2


def test_a_manager_s_links_and_list_stay_within_their_centre(client, staff, groups):
    signed_in(client, staff["manager.plovdiv"])
    with translation.override("en"):
        body = client.get(FIGURE, Q1).content.decode()
    assert 'href="/en/staff/courses/?date_from=2026-01-01&amp;date_to=2026-03-31&amp;centre=plovdiv"' in body
    assert "centre=sofia" not in body
    sofia = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-12-31", "centre": "sofia"})
    assert {g.centre.slug for g in sofia.context["page"]} == {"plovdiv"} and _shown(sofia) == 2


def test_staff_who_may_not_open_the_list_get_no_link_and_a_403_at_the_list(client, staff, groups):
    analyst = make_user("analyst", roles.MODERATOR)  # network-wide, may see figures here, not the groups
    analyst.user_permissions.add(Permission.objects.get(codename="view_figures"))
    signed_in(client, analyst)
    with translation.override("en"):
        body = client.get(FIGURE, Q1).content.decode()
    assert "See the records" not in body and "/en/staff/courses/?" not in body
    assert client.get(LIST, {"date_from": "2026-01-01"}).status_code == 403
    analyst.user_permissions.add(Permission.objects.get(codename="view_group", content_type__app_label="courses"))
    signed_in(client, User.objects.get(pk=analyst.pk))
    with translation.override("en"):
        assert "See the records" in client.get(FIGURE, Q1).content.decode()
    signed_in(client, staff["partner.sofia"])
    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-03-31", "date_to": "2026-01-01"}, "The last day is before the first day"),
        ({"date_from": "1.1."}, "Enter the first day as a date, for example 2026-03-01."),
        ({"date_to": "2026-02-30"}, "Enter the last day as a date, for example 2026-03-31."),
        ({"course": "no-such-course"}, "Select a valid choice."),
    ],
)
def test_bad_filters_are_explained_with_what_was_typed_kept_and_no_group_shown(client, staff, groups, params, message):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        response = client.get(LIST, params)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and _shown(response) == 0
    if "date_from" in params or "date_to" in params:
        assert all(f'value="{value}"' in body for value in params.values())


def test_the_filtered_list_costs_the_same_queries_for_one_group_or_many(client, staff, django_assert_num_queries):
    signed_in(client, staff["coordinator"])
    wanted = {"date_from": "2026-01-01", "date_to": "2026-12-31", "kind": "computer"}
    course_group(Course.Kind.COMPUTER, start=date(2026, 2, 1), end=date(2026, 3, 1))
    client.get(LIST, wanted)  # warm up the session
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 1
    for month in range(2, 12):
        course_group(Course.Kind.COMPUTER, slug="burgas", start=date(2026, month, 1), end=date(2026, month, 20))
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 11


QUERIES = 13
