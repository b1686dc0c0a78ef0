"""The organisers' list filtered by days, centre, kind and topic, and the "Events held" figure's links to it:
each link shows exactly the events the figure counts, only to staff who may open the list."""

from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone, translation

from integra.accounts import roles
from integra.accounts.models import User
from integra.centres.models import Centre
from integra.events.models import Event
from integra.figures.tests.records import followed_links
from integra.topics.models import Topic
from tests.base import make_user, signed_in

LIST = "/en/staff/events/"
FIGURE = "/en/staff/figures/net.events/"
Q1 = {"period": "quarter", "year": "2026", "quarter": "1"}


def _event(day: date, at=time(10), *, centre="sofia", kind=Event.Kind.INFORMATION_DAY, topic=None) -> Event:
    start = timezone.make_aware(datetime.combine(day, at))  # Sofia time
    centre = Centre.objects.get(slug=centre)
    event = Event.objects.create(
        kind=kind, title={"en": "Day"}, centre=centre, start=start, end=start + timedelta(hours=1)
    )
    if topic is not None:
        event.topics.add(topic)
    return event


@pytest.fixture
def events(staff):
    topic = Topic.objects.order_by("pk").first()
    _event(date(2026, 1, 10), topic=topic)
    _event(date(2026, 2, 3), time(18), kind=Event.Kind.CONCERT)
    _event(date(2026, 3, 31), time(23, 30), centre="plovdiv", topic=topic)  # 21:30 UTC: still March in Sofia
    _event(date(2026, 4, 1), time(0, 30), centre="plovdiv")  # 22:30 UTC on 31 March: April in Sofia
    return topic


def _shown(response) -> int:
    return len(response.context["page"].object_list)


def test_every_link_of_the_events_figure_shows_as_many_events_as_it_counts(client, staff, events):
    signed_in(client, staff["coordinator"])
    for params in (Q1, {"period": "month", "year": "2026", "month": "4"}, {**Q1, "centre": "plovdiv"}):
        followed = followed_links(client, "net.events", params, _shown)
        assert followed and [f for f in followed if f[1] != f[2]] == []
    with translation.override("en"):
        body = client.get(FIGURE, Q1).content.decode()
    base = "/en/staff/events/?date_from=2026-01-01&amp;date_to=2026-03-31"
    assert f'<a href="{base}">See the records</a>' in body
    for query in ("&amp;centre=plovdiv", "&amp;kind=concert", f"&amp;topic={events.slug}"):
        assert f'href="{base}{query}"' in body
    assert 'href="/en/staff/events/?date_from=2026-03-01&amp;date_to=2026-03-31"' in body
    assert _shown(client.get(LIST, {"date_from": "2026-03-31", "date_to": "2026-03-31"})) == 1


def test_a_manager_s_links_and_list_stay_within_their_centre(client, staff, events):
    signed_in(client, staff["manager.plovdiv"])
    with translation.override("en"):
        body = client.get(FIGURE, Q1).content.decode()
    assert 'href="/en/staff/events/?date_from=2026-01-01&amp;date_to=2026-03-31&amp;centre=plovdiv"' in body
    assert "centre=sofia" not in body
    sofia = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-12-31", "centre": "sofia"})
    assert {e.centre.slug for e in sofia.context["page"]} == {"plovdiv"}


def test_a_manager_of_two_centres_follows_a_centre_s_link_to_that_centre_alone(client, staff, events):
    manager = make_user("manager.two", roles.CENTRE_MANAGER, ["sofia", "plovdiv"])
    signed_in(client, manager)
    followed = followed_links(client, "net.events", {**Q1, "centre": "plovdiv"}, _shown)
    assert followed and [f for f in followed if f[1] != f[2]] == []
    both = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31"})
    assert {e.centre.slug for e in both.context["page"]} == {"sofia", "plovdiv"}
    plovdiv = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31", "centre": "plovdiv"})
    assert {e.centre.slug for e in plovdiv.context["page"]} == {"plovdiv"}
    assert '<option value="plovdiv" selected>' in plovdiv.content.decode()
    assert 'value="burgas"' not in plovdiv.content.decode()  # the select offers their own centres only
    elsewhere = client.get(LIST, {"date_from": "2026-01-01", "centre": "burgas"})
    assert elsewhere.status_code == 200 and _shown(elsewhere) == 0  # another centre: an error, no rows


def test_the_participants_and_attendances_link_to_the_events_they_came_to(client, staff, events):
    signed_in(client, staff["coordinator"])
    for code in ("net.event_participants", "net.event_attendances"):
        with translation.override("en"):
            body = client.get(f"/en/staff/figures/{code}/", Q1).content.decode()
        assert "See the events (each event&#x27;s page lists who came and the door count)" in body, code
        assert 'href="/en/staff/events/?date_from=2026-01-01&amp;date_to=2026-03-31"' in body, code
    shown = client.get(LIST, {"date_from": "2026-01-01", "date_to": "2026-03-31"})
    assert _shown(shown) == 3  # the events of the quarter, each with its registrations and door count


def test_staff_who_may_not_open_the_list_get_no_link_and_a_403_at_the_list(client, staff, events):
    analyst = make_user("analyst", roles.MODERATOR)  # network-wide, may see figures here, not the events
    analyst.user_permissions.add(Permission.objects.get(codename="view_figures"))
    signed_in(client, analyst)
    with translation.override("en"):
        page = client.get(FIGURE, Q1)
    assert page.status_code == 200
    assert "See the records" not in page.content.decode() and "/en/staff/events/?" not in page.content.decode()
    assert client.get(LIST, {"date_from": "2026-01-01"}).status_code == 403
    analyst.user_permissions.add(Permission.objects.get(codename="view_event"))
    signed_in(client, User.objects.get(pk=analyst.pk))
    with translation.override("en"):
        assert "See the records" in client.get(FIGURE, Q1).content.decode()
    assert client.get(LIST, {"date_from": "2026-01-01"}).status_code == 200
    signed_in(client, staff["partner.sofia"])
    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-03-31", "date_to": "2026-01-01"}, "The last day is before the first day"),
        ({"date_from": "31/31/2026"}, "Enter the first day as a date, for example 2026-03-01."),
        ({"date_to": "2026-02-30"}, "Enter the last day as a date, for example 2026-03-31."),
        ({"kind": "picnic"}, "Select a valid choice."),
    ],
)
def test_bad_filters_are_explained_with_what_was_typed_kept_and_no_events_shown(client, staff, events, params, message):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        response = client.get(LIST, params)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and _shown(response) == 0
    for value in params.values():
        assert f'value="{value}"' in body or f'value="{value}" selected' in body or value == "picnic"


def test_the_filtered_list_costs_the_same_queries_for_one_event_or_many(
    client, staff, events, django_assert_num_queries
):
    signed_in(client, staff["coordinator"])
    wanted = {"date_from": "2026-01-01", "date_to": "2026-12-31", "kind": "concert"}
    client.get(LIST, wanted)  # warm up the session
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 1
    for day in range(1, 29):
        _event(date(2026, 5, day), kind=Event.Kind.CONCERT, topic=events)
    with django_assert_num_queries(QUERIES):
        assert _shown(client.get(LIST, wanted)) == 29
    assert date(2026, 5, 28) == timezone.localtime(Event.objects.latest("start").start).date()


QUERIES = 13
