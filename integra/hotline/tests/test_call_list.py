"""The list of calls filtered by days, centre, kind, topic and language, and the hotline figures' links to
it: each link shows the conversations the figure counts, only to staff who may open the list; bad filters
are explained with what was typed kept; the same number of queries for one call or many."""

from datetime import date, datetime, time

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone, translation

from integra.accounts import roles
from integra.accounts.models import User
from integra.centres.models import Centre
from integra.figures.tests.records import followed_links
from integra.hotline.models import Call
from integra.topics.models import Topic
from tests.base import make_user, signed_in

LIST = "/en/staff/hotline/calls/"
Q1 = {"period": "quarter", "year": "2026", "quarter": "1"}


def _call(hotline, day: date, at=time(10), *, centre="sofia", topic=None, caller="", **fields) -> Call:
    fields.setdefault("language", "ar")
    call = Call.objects.create(
        hotline=hotline,
        centre=Centre.objects.get(slug=centre),
        started_at=timezone.make_aware(datetime.combine(day, at)),  # Sofia time
        caller_hash=caller,
        **fields,
    )
    if topic is not None:
        call.topics.add(topic)
    return call


@pytest.fixture
def calls(staff, hotline):
    topic = Topic.objects.order_by("pk").first()
    _call(hotline, date(2026, 1, 12), topic=topic, caller="a" * 64, nationality="SY", gender="female", age_band="25-34")
    _call(hotline, date(2026, 2, 2), language="uk", caller="b" * 64, nationality="UA", gender="male")
    _call(hotline, date(2026, 2, 3), kind=Call.Kind.SILENT)  # not a conversation: not counted
    _call(hotline, date(2026, 3, 31), time(23, 30), centre="plovdiv", topic=topic)  # withheld, March in Sofia
    _call(hotline, date(2026, 4, 1), time(0, 30), centre="plovdiv", caller="c" * 64)  # April in Sofia
    return topic


def _shown(response) -> int:
    return len(response.context["page"].object_list)


@pytest.mark.parametrize(("code", "whole"), [("net.calls", ("total",)), ("net.callers", ("total", "anonymous"))])
def test_every_link_of_the_hotline_figures_shows_the_calls_they_count(client, staff, calls, code, whole):
    signed_in(client, staff["coordinator"])
    for params in (Q1, {"period": "month", "year": "2026", "month": "4"}, {**Q1, "centre": "plovdiv"}):
        followed = followed_links(client, code, params, _shown, whole=whole)
        assert followed and [f for f in followed if f[1] != f[2]] == []
    assert len(followed_links(client, code, Q1, _shown, whole=whole)) >= 6


def test_the_rows_by_nationality_sex_and_age_band_link_to_the_calls_of_that_value(client, staff, calls):
    signed_in(client, staff["coordinator"])
    followed = followed_links(client, "net.calls", Q1, _shown)
    urls = [url for url, _figure, _shown_rows in followed]
    for query in ("nationality=SY", "nationality=UA", "gender=female", "gender=male", "age_band=25-34"):
        assert any(query in url for url in urls), query
    assert [f for f in followed if f[1] != f[2]] == []
    page = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31", "nationality": "SY"})
    assert _shown(page) == 1 and '<option value="SY" selected>' in page.content.decode()
    refused = client.get(LIST, {"date_from": "2026-01-01", "nationality": "XX"})
    assert refused.status_code == 200 and _shown(refused) == 0


def test_the_links_filter_by_days_centre_topic_and_language(client, staff, calls):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        body = client.get("/en/staff/figures/net.calls/", Q1).content.decode()
    base = "/en/staff/hotline/calls/?date_from=2026-01-01&amp;date_to=2026-03-31"
    assert f'<a href="{base}&amp;kind=conversation">See the records</a>' in body
    for query in ("&amp;centre=plovdiv", f"&amp;topic={calls.slug}", "&amp;language=uk"):
        assert f'href="{base}{query}&amp;kind=conversation"' in body
    every_kind = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31"})
    assert _shown(every_kind) == 4 and "Silent call" in every_kind.content.decode()
    with translation.override("en"):
        people = client.get("/en/staff/figures/net.callers/", Q1).content.decode()
    assert "See the calls (one caller may have called several times)" in people


def test_a_manager_s_links_and_list_stay_within_their_centre(client, staff, calls):
    signed_in(client, staff["manager.plovdiv"])
    with translation.override("en"):
        body = client.get("/en/staff/figures/net.calls/", Q1).content.decode()
    assert "&amp;centre=plovdiv&amp;kind=conversation" in body and "centre=sofia" not in body
    sofia = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-12-31", "centre": "sofia"})
    assert {call.centre.slug for call in sofia.context["page"]} == {"plovdiv"} and _shown(sofia) == 2


def test_staff_who_may_not_open_the_list_get_no_link_and_a_403_at_the_list(client, staff, calls):
    analyst = make_user("analyst", roles.MODERATOR)  # network-wide, may see figures here, not the calls
    analyst.user_permissions.add(Permission.objects.get(codename="view_figures"))
    signed_in(client, analyst)
    with translation.override("en"):
        body = client.get("/en/staff/figures/net.calls/", Q1).content.decode()
    assert "See the records" not in body and "/en/staff/hotline/calls/?" not in body
    assert client.get(LIST, {"date_from": "2026-01-01"}).status_code == 403
    analyst.user_permissions.add(Permission.objects.get(codename="view_call", content_type__app_label="hotline"))
    signed_in(client, User.objects.get(pk=analyst.pk))
    with translation.override("en"):
        assert "See the records" in client.get("/en/staff/figures/net.calls/", Q1).content.decode()
    signed_in(client, staff["trainer.sofia"])
    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-03-31", "date_to": "2026-01-01"}, "The last day is before the first day"),
        ({"date_from": "March"}, "Enter the first day as a date, for example 2026-03-01."),
        ({"date_to": "2026-02-30"}, "Enter the last day as a date, for example 2026-03-31."),
        ({"kind": "prank"}, "Select a valid choice."),
    ],
)
def test_bad_filters_are_explained_with_what_was_typed_kept_and_no_call_shown(client, staff, calls, params, message):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        response = client.get(LIST, params)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and _shown(response) == 0
    if "date_from" in params or "date_to" in params:
        assert all(f'value="{value}"' in body for value in params.values())


def test_the_filtered_list_costs_the_same_queries_for_one_call_or_many(
    client, staff, hotline, django_assert_num_queries
):
    signed_in(client, staff["coordinator"])
    topic = Topic.objects.order_by("pk").first()
    wanted = {"date_from": "2026-01-01", "date_to": "2026-12-31", "kind": "conversation"}
    _call(hotline, date(2026, 5, 1), topic=topic)
    client.get(LIST, wanted)  # warm up the session
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 1
    for day in range(2, 30):
        _call(hotline, date(2026, 5, day), topic=topic, centre="burgas")
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 29


QUERIES = 15
