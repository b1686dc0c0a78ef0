"""The list of every call-back filtered by the day it was asked for, centre, status, language and "made on
time", and the "Call-backs made on time" figure's links to it: each shows as many call-backs as the share's
whole, only to staff who may see call-backs; no name or number; bad filters explained with what was typed
kept."""

from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone, translation

from integra.accounts import roles
from integra.accounts.models import User
from integra.centres.models import Centre
from integra.figures.tests.records import followed_links
from integra.hotline.models import CallBack
from tests.base import make_user, signed_in

LIST = "/en/staff/hotline/call-backs/all/"
FIGURE = "/en/staff/figures/net.call_backs_in_target/"
Q1 = {"period": "quarter", "year": "2026", "quarter": "1"}
S = CallBack.Status


def _call_back(day: date, at=time(10), *, centre="sofia", status=S.DONE, late=False, **fields) -> CallBack:
    fields.setdefault("language", "ar")
    asked = timezone.make_aware(datetime.combine(day, at))  # Sofia time
    closed = asked + timedelta(hours=30 if late else 2) if status in (S.DONE, S.UNREACHABLE, S.CANCELLED) else None
    return CallBack.objects.create(
        centre=Centre.objects.get(slug=centre) if centre else None,
        created_at=asked,
        due_at=asked + timedelta(hours=24),
        status=status,
        closed_at=closed,
        first_name="Mariam" if status in (S.OPEN, S.TAKEN) else "",
        **fields,
    )


@pytest.fixture
def call_backs(staff):
    _call_back(date(2026, 1, 12))  # on time
    _call_back(date(2026, 2, 2), late=True, language="uk")
    _call_back(date(2026, 2, 3), status=S.CANCELLED)  # not counted
    _call_back(date(2026, 2, 4), status=S.UNREACHABLE)
    _call_back(date(2026, 2, 5), centre=None)  # the network's queue
    _call_back(date(2026, 3, 31), time(23, 30), centre="plovdiv", status=S.OPEN)  # March in Sofia
    _call_back(date(2026, 4, 1), time(0, 30), centre="plovdiv")  # April in Sofia


def _shown(response) -> int:
    return len(response.context["page"].object_list)


def test_every_link_of_the_call_backs_figure_shows_the_share_s_whole(client, staff, call_backs):
    signed_in(client, staff["coordinator"])
    for params in (
        Q1,
        {"period": "month", "year": "2026", "month": "3"},
        {"period": "month", "year": "2026", "month": "4"},
        {**Q1, "centre": "plovdiv"},
        {**Q1, "centre": "sofia"},
    ):
        followed = followed_links(client, "net.call_backs_in_target", params, _shown, whole=("of",))
        assert followed and [f for f in followed if f[1] != f[2]] == []
    assert len(followed_links(client, "net.call_backs_in_target", Q1, _shown, whole=("of",))) >= 6
    page = client.get(FIGURE, Q1)
    assert page.context["figure"].value.of == 5 and page.context["figure"].value.total == 2
    on_time = client.get(page.context["records_url"] + "&on_time=yes")
    assert _shown(on_time) == 2


def test_the_links_filter_by_days_centre_and_language_and_show_no_name(client, staff, call_backs):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        body = client.get(FIGURE, Q1).content.decode()
    base = "/en/staff/hotline/call-backs/all/?date_from=2026-01-01&amp;date_to=2026-03-31"
    assert (
        f'<a href="{base}&amp;status=not_cancelled">See the call-backs asked for (cancelled ones left out)</a>' in body
    )
    assert f'href="{base}&amp;centre=plovdiv&amp;status=not_cancelled"' in body
    assert f'href="{base}&amp;language=uk&amp;status=not_cancelled"' in body
    every = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31"})
    assert _shown(every) == 6 and "Mariam" not in every.content.decode()
    late = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31", "on_time": "no", "status": "done"})
    assert _shown(late) == 1


def test_staff_of_one_centre_see_their_centre_s_call_backs_when_a_link_names_it(client, staff, call_backs):
    signed_in(client, staff["manager.plovdiv"])
    with translation.override("en"):
        body = client.get(FIGURE, Q1).content.decode()
    assert "&amp;centre=plovdiv&amp;status=not_cancelled" in body and "centre=sofia" not in body
    named = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-12-31", "centre": "sofia"})
    assert {cb.centre.slug for cb in named.context["page"]} == {"plovdiv"} and _shown(named) == 2
    queue = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-12-31"})
    assert _shown(queue) == 3  # their centre's and the network's queue


def test_staff_who_may_not_see_call_backs_get_no_link_and_a_403_at_the_list(client, staff, call_backs):
    analyst = make_user("analyst", roles.MODERATOR)  # network-wide, may see figures here, not call-backs
    analyst.user_permissions.add(Permission.objects.get(codename="view_figures"))
    signed_in(client, analyst)
    with translation.override("en"):
        body = client.get(FIGURE, Q1).content.decode()
    assert "See the call-backs" not in body and "/en/staff/hotline/call-backs/all/?" not in body
    assert client.get(LIST, {"date_from": "2026-01-01"}).status_code == 403
    analyst.user_permissions.add(Permission.objects.get(codename="view_callback", content_type__app_label="hotline"))
    signed_in(client, User.objects.get(pk=analyst.pk))
    with translation.override("en"):
        assert "See the call-backs" in client.get(FIGURE, Q1).content.decode()
    signed_in(client, staff["trainer.sofia"])
    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-03-31", "date_to": "2026-01-01"}, "The last day is before the first day"),
        ({"date_from": "March"}, "Enter the first day as a date, for example 2026-03-01."),
        ({"date_to": "2026-02-30"}, "Enter the last day as a date, for example 2026-03-31."),
        ({"status": "lost"}, "Select a valid choice."),
        ({"on_time": "maybe"}, "Select a valid choice."),
    ],
)
def test_bad_filters_are_explained_with_what_was_typed_kept_and_no_call_back_shown(
    client, staff, call_backs, params, message
):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        response = client.get(LIST, params)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and _shown(response) == 0
    if "date_from" in params or "date_to" in params:
        assert all(f'value="{value}"' in body for value in params.values())


def test_the_filtered_list_costs_the_same_queries_for_one_call_back_or_many(client, staff, django_assert_num_queries):
    signed_in(client, staff["consultant.sofia"])
    wanted = {"date_from": "2026-01-01", "date_to": "2026-12-31", "status": "not_cancelled"}
    _call_back(date(2026, 2, 1))
    client.get(LIST, wanted)  # warm up the session
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 1
    for month in range(2, 12):
        _call_back(date(2026, month, 1), centre=None if month % 2 else "sofia", late=True)
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 11


QUERIES = 13
