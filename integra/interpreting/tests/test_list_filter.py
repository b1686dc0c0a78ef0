"""The requests list filtered by days, centre, language, institution, status and the sets the figures count,
and the interpreting figures' links to it: each link shows the requests behind the figure, only to staff
who may open the list; bad filters are explained with what was typed kept."""

from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone, translation

from integra.accounts import roles
from integra.accounts.models import User
from integra.figures.tests.records import followed_links
from integra.interpreting import services
from integra.interpreting.models import Request
from integra.interpreting.tests.conftest import _desk, make_mediator, make_request, tie
from tests.base import make_user, signed_in

LIST = "/en/staff/interpreting/"
Q1 = {"period": "quarter", "year": "2026", "quarter": "1"}


def _at(day: date, at=time(10)):
    return timezone.make_aware(datetime.combine(day, at))  # Sofia time


def _request(by, day: date, at=time(10), **fields) -> Request:
    return make_request(by, starts_at=_at(day, at), now=_at(day) - timedelta(days=10), **fields)


@pytest.fixture
def requests(staff, partner):
    layla = make_mediator("Layla", languages=(("ar", "levantine"), ("fa", "dari")), centres=("sofia", "plovdiv"))
    filled = _request(partner, date(2026, 3, 10))
    services.request_confirm(by=_desk(), request=filled, mediator=layla, now=_at(date(2026, 3, 1)))
    withdrawn = _request(partner, date(2026, 3, 20), language="fa", dialect="dari")
    services.request_cancel(by=partner, request=withdrawn, reason="Discharged", now=_at(date(2026, 3, 2)))
    _request(partner, date(2026, 2, 5), language="fa", dialect="dari")  # asked, never filled
    late = _request(staff["manager.plovdiv"], date(2026, 3, 31), time(23, 30), centre="plovdiv")  # March in Sofia
    services.request_confirm(by=_desk(), request=late, mediator=layla, now=_at(date(2026, 3, 20)))
    _request(partner, date(2026, 4, 1), time(0, 30))  # 22:30 UTC on 31 March, April in Sofia
    return filled, withdrawn


def _shown(response) -> int:
    return len(response.context["page"].object_list)


@pytest.mark.parametrize(
    ("code", "whole"),
    [("net.interpreting_filled", ("of",)), ("net.interpreting_people", ("total", "anonymous"))],
)
def test_every_link_of_the_interpreting_figures_shows_the_requests_they_count(client, staff, requests, code, whole):
    signed_in(client, staff["coordinator"])
    for params in (Q1, {"period": "month", "year": "2026", "month": "4"}, {**Q1, "centre": "sofia"}):
        followed = followed_links(client, code, params, _shown, whole=whole)
        assert followed and [f for f in followed if f[1] != f[2]] == []
    assert len(followed_links(client, code, Q1, _shown, whole=whole)) >= 5  # the figure, centres, months, …


def _minutes_shown(response) -> float:
    """The hours the list's rows add up to, as the figure rounds them."""
    rows = response.context["page"].object_list
    assert all(row.session for row in rows)
    return round(sum(row.session.minutes for row in rows) / 60, 1)


def test_the_hours_figure_links_to_the_sessions_held_on_its_days_with_their_length(client, staff, requests):
    filled, _withdrawn = requests
    late = Request.objects.get(centre__slug="plovdiv", starts_at=_at(date(2026, 3, 31), time(23, 30)))
    # The hours count on each session's own day: the filled request's session began on 1 April (Sofia time),
    # after its planned day in March; the late one's at 23:40 on 31 March.
    sessions = ((filled, _at(date(2026, 4, 1), time(0, 20)), 90), (late, _at(date(2026, 3, 31), time(23, 40)), 45))
    for job, start, minutes in sessions:
        services.session_log(
            by=_desk(), request=job, started_at=start, ended_at=start + timedelta(minutes=minutes),
            mode="in_person", outcome="completed", now=start + timedelta(hours=3),
        )  # fmt: skip
    signed_in(client, staff["coordinator"])
    for params in (Q1, {"period": "month", "year": "2026", "month": "4"}, {**Q1, "centre": "plovdiv"}):
        followed = followed_links(client, "net.interpreting_hours", params, _minutes_shown)
        assert followed and [f for f in followed if f[1] != f[2]] == []
    april = client.get(LIST, {"date_from": "2026-04-01", "date_to": "2026-04-30", "counted": "held"})
    assert [row.pk for row in april.context["page"]] == [filled.pk]
    assert "90 minutes" in april.content.decode()
    planned = client.get(LIST, {"date_from": "2026-04-01", "date_to": "2026-04-30"})
    assert filled.pk not in [row.pk for row in planned.context["page"]]  # planned in March: not among April's


def test_the_links_filter_by_days_centre_language_and_institution(client, staff, requests):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        body = client.get("/en/staff/figures/net.interpreting_filled/", Q1).content.decode()
    base = "/en/staff/interpreting/?date_from=2026-01-01&amp;date_to=2026-03-31"
    assert f'<a href="{base}&amp;counted=asked">See the requests asked for</a>' in body
    for query in ("&amp;centre=plovdiv", "&amp;language=fa", "&amp;institution=pirogov"):
        assert f'href="{base}{query}&amp;counted=asked"' in body
    asked = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31", "counted": "asked"})
    assert {job.status for job in asked.context["page"]} == {"confirmed", "requested"} and _shown(asked) == 3
    filled = client.get(LIST, {"date_from": "2026-03-31", "date_to": "2026-03-31", "counted": "filled"})
    assert [job.centre.slug for job in filled.context["page"]] == ["plovdiv"]
    with translation.override("en"):
        people = client.get("/en/staff/figures/net.interpreting_people/", Q1).content.decode()
    assert "See the filled requests (one person may have several)" in people


def test_a_manager_s_links_and_list_stay_within_their_centre(client, staff, requests):
    signed_in(client, staff["manager.plovdiv"])
    with translation.override("en"):
        body = client.get("/en/staff/figures/net.interpreting_filled/", Q1).content.decode()
    assert "&amp;centre=plovdiv&amp;counted=asked" in body and "centre=sofia" not in body
    sofia = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-12-31", "centre": "sofia"})
    assert {job.centre.slug for job in sofia.context["page"]} == {"plovdiv"}


def test_staff_who_may_not_open_the_list_get_no_link_and_a_403_at_the_list(client, staff, requests):
    analyst = make_user("analyst", roles.MODERATOR)  # network-wide, may see figures here, not the requests
    analyst.user_permissions.add(Permission.objects.get(codename="view_figures"))
    signed_in(client, analyst)
    with translation.override("en"):
        body = client.get("/en/staff/figures/net.interpreting_filled/", Q1).content.decode()
    assert "See the requests" not in body and "/en/staff/interpreting/?" not in body
    assert client.get(LIST, {"date_from": "2026-01-01"}).status_code == 403
    analyst.user_permissions.add(Permission.objects.get(codename="view_request"))
    signed_in(client, User.objects.get(pk=analyst.pk))
    with translation.override("en"):
        assert (
            "See the requests asked for"
            in client.get("/en/staff/figures/net.interpreting_filled/", Q1).content.decode()
        )
    signed_in(client, staff["trainer.sofia"])
    assert client.get(LIST, {"counted": "asked"}).status_code == 403


def test_a_partner_filters_only_its_own_requests(client, staff, requests):
    signed_in(client, staff["partner.sofia"])
    mine = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-12-31", "centre": "plovdiv"})
    assert _shown(mine) == 4 and {job.institution.slug for job in mine.context["page"]} == {"pirogov"}
    other = tie(staff["partner.burgas"], "hospital-burgas")
    signed_in(client, other)
    assert _shown(client.get(LIST, {"date_from": "2026-01-01"})) == 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-03-31", "date_to": "2026-01-01"}, "The last day is before the first day"),
        ({"date_from": "yesterday"}, "Enter the first day as a date, for example 2026-03-01."),
        ({"date_to": "2026-02-30"}, "Enter the last day as a date, for example 2026-03-31."),
        ({"counted": "everything"}, "Select a valid choice."),
    ],
)
def test_bad_filters_are_explained_with_what_was_typed_kept_and_no_request_shown(
    client, staff, requests, params, message
):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        response = client.get(LIST, params)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and _shown(response) == 0
    if "date_from" in params or "date_to" in params:
        assert all(f'value="{value}"' in body for value in params.values())


def test_the_filtered_list_costs_the_same_queries_for_one_request_or_many(
    client, staff, partner, django_assert_num_queries
):
    signed_in(client, staff["coordinator"])
    wanted = {"date_from": "2026-01-01", "date_to": "2026-12-31", "counted": "asked", "language": "ar"}
    _request(partner, date(2026, 5, 1))
    client.get(LIST, wanted)  # warm up the session
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 1
    for day in range(2, 30):
        _request(partner, date(2026, 5, day))
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 29


QUERIES = 13
