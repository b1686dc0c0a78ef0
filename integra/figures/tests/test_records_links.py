"""Every figure links to the records behind it, for staff allowed to open that list: the consultations list
filtered by the period and by the row's month, centre, topic or channel."""

from datetime import date

import pytest
from django.utils import translation

from integra.figures import registry
from integra.figures.tests import records
from integra.topics.models import Topic
from tests.base import signed_in

PAGE = "/en/staff/figures/net.consultations/"
Q1 = {"period": "quarter", "year": "2026", "quarter": "1"}


@pytest.fixture
def consultations(staff):
    topic = Topic.objects.order_by("pk").first()
    consultation = records.consultation(staff["consultant.sofia"], date(2026, 3, 2), channel="phone")
    consultation.topics.add(topic)
    return staff, topic


def test_a_coordinator_follows_each_figure_to_the_filtered_consultations_list(client, consultations):
    staff, topic = consultations
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        body = client.get(PAGE, Q1).content.decode()
    base = "/en/staff/consultations/?date_from=2026-01-01&amp;date_to=2026-03-31"
    assert f'<a href="{base}">See the records</a>' in body
    assert 'href="/en/staff/consultations/?date_from=2026-03-01&amp;date_to=2026-03-31"' in body
    assert f'href="{base}&amp;centre=sofia"' in body
    assert f'href="{base}&amp;topic={topic.slug}"' in body
    assert f'href="{base}&amp;channel=phone"' in body
    listing = client.get(
        "/en/staff/consultations/", {"date_from": "2026-03-01", "date_to": "2026-03-31", "topic": topic.slug}
    )
    assert listing.status_code == 200 and len(listing.context["page"]) == 1


def test_the_demographic_rows_link_to_the_consultations_of_that_value(client, consultations):
    staff, _topic = consultations
    consultant = staff["consultant.sofia"]
    records.consultation(consultant, date(2026, 2, 2), nationality="AF", gender="female", age_band="18-24")
    records.consultation(consultant, date(2026, 2, 9), nationality="AF", gender="male", language="fa")
    signed_in(client, staff["coordinator"])
    shown = lambda response: len(response.context["page"].object_list)  # noqa: E731
    followed = records.followed_links(client, "net.consultations", Q1, shown)
    urls = [url for url, _figure, _rows in followed]
    for query in ("nationality=AF", "gender=female", "gender=male", "age_band=18-24", "language=fa"):
        assert any(query in url for url in urls), query
    assert [f for f in followed if f[1] != f[2]] == []
    afghans = client.get("/en/staff/consultations/", {"date_from": "2026-01-01", "nationality": "AF"})
    assert len(afghans.context["page"]) == 2


def test_a_manager_with_the_list_gets_links_for_their_centre(client, consultations):
    staff, _topic = consultations
    signed_in(client, staff["manager.sofia"])
    with translation.override("en"):
        body = client.get(PAGE, {**Q1, "centre": "sofia"}).content.decode()
    assert 'href="/en/staff/consultations/?date_from=2026-01-01&amp;date_to=2026-03-31&amp;centre=sofia"' in body


def test_no_link_without_the_lists_permission(client, consultations, monkeypatch):
    staff, _topic = consultations
    link = registry.get_records_link("net.consultations")
    monkeypatch.setitem(
        registry._LINKS,
        "net.consultations",
        registry.RecordsLink(**{**link.__dict__, "permission": "x.nobody_has_this"}),
    )
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        body = client.get(PAGE, Q1).content.decode()
    assert "See the records" not in body and "/en/staff/consultations/?" not in body


def test_a_count_of_people_says_that_its_list_shows_their_consultations(client, consultations):
    staff, _topic = consultations
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        body = client.get("/en/staff/figures/amif.guidance/", Q1).content.decode()
    assert (
        '<a href="/en/staff/consultations/?date_from=2026-01-01&amp;date_to=2026-03-31">'
        "See the consultations (one person may have had several)</a>"
    ) in body
