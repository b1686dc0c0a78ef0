"""Issue 11, item 8: a centre's page says whether it is open now, today's hours, how to get there, its phone,
and books a consultation there; the booking confirmation gives the centre's address and phone."""

import html
import re
from datetime import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from integra.centres.models import Centre
from integra.consultations import services
from integra.consultations.booking import grant_confirmation
from integra.consultations.models import ClosedDay
from integra.topics.models import Topic
from tests.base import signed_in

SOFIA = ZoneInfo("Europe/Sofia")
WEDNESDAY_MORNING = datetime(2026, 12, 2, 11, 0, tzinfo=SOFIA)
WEDNESDAY_EVENING = datetime(2026, 12, 2, 20, 0, tzinfo=SOFIA)
SATURDAY_AFTERNOON = datetime(2026, 12, 5, 14, 0, tzinfo=SOFIA)

pytestmark = pytest.mark.usefixtures("reference_data")


def page(client, lang="en", slug="sofia") -> str:
    response = client.get(f"/{lang}/centres/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def now_panel(body: str) -> str:
    return text(re.search(r'<section class="panel centre-now".*?</section>', body, re.S).group(0))


def text(body: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body)))


@time_machine.travel(WEDNESDAY_MORNING, tick=False)
def test_during_opening_hours_the_page_says_open_now_until_closing_and_gives_todays_hours(client):
    body = now_panel(page(client))
    assert "Open now, until 17:30" in body
    assert "Open today: 09:00–17:30" in body


@time_machine.travel(WEDNESDAY_EVENING, tick=False)
def test_after_closing_the_page_says_when_the_centre_opens_next(client):
    body = now_panel(page(client))
    assert "Closed now. Opens Thursday at 09:00" in body
    assert "Open today: 09:00–17:30" in body


@time_machine.travel(SATURDAY_AFTERNOON, tick=False)
def test_on_saturday_after_the_short_morning_it_opens_on_monday(client):
    body = now_panel(page(client))
    assert "Closed now. Opens Monday at 09:00" in body
    assert "Open today: 10:00–13:00" in body


@time_machine.travel(WEDNESDAY_MORNING, tick=False)
def test_a_closed_day_of_the_centre_closes_it_today_although_the_week_says_open(client):
    sofia = Centre.objects.get(slug="sofia")
    ClosedDay.objects.create(centre=sofia, date=WEDNESDAY_MORNING.date(), reason="Training")
    body = now_panel(page(client))
    assert "Closed today (a day off at this centre)." in body
    assert "Closed now. Opens Thursday at 09:00" in body
    assert "Open now" not in body


@time_machine.travel(WEDNESDAY_MORNING, tick=False)
def test_the_status_is_in_the_visitors_language(client):
    from django.utils import translation

    body = text(page(client, "uk"))
    with translation.override("uk"):
        assert translation.gettext("Open today:") in body
        assert translation.gettext("Book a consultation here") in body
        assert translation.gettext("Show on the map (OpenStreetMap)") in body


def test_the_address_links_to_openstreetmap_by_search_without_a_point_and_by_marker_with_one(client):
    body = page(client)
    link = html.unescape(re.search(r'href="(https://www\.openstreetmap\.org/[^"]+)"', body).group(1))
    parts = urlsplit(link)
    assert parts.path == "/search"
    assert parse_qs(parts.query)["query"] == ["ул. „Гогол“ 2, София, 1504, България"]

    centre = Centre.objects.get(slug="sofia")
    centre.latitude, centre.longitude = Decimal("42.697700"), Decimal("23.321900")
    centre.save()  # a save publishes the change (the page cache's content version moves on)
    body = page(client)
    link = html.unescape(re.search(r'href="(https://www\.openstreetmap\.org/[^"]+)"', body).group(1))
    assert link == "https://www.openstreetmap.org/?mlat=42.697700&mlon=23.321900#map=18/42.697700/23.321900"


def test_the_phone_is_a_tel_link_isolated_from_the_text_direction(client):
    body = page(client, "ar")
    assert '<a href="tel:+35929394774" dir="ltr">' in body


def test_book_here_opens_the_booking_with_this_centre_ticked(client):
    body = page(client, slug="plovdiv")
    href = html.unescape(re.search(r'<a class="button" href="([^"]+)">Book a consultation here</a>', body).group(1))
    assert href == "/en/book/start/?centre=plovdiv"
    start = client.get(href).content.decode()
    checked = re.findall(r'<input type="radio" name="centre-centre" value="([^"]+)"[^>]*\bchecked\b', start)
    assert checked == ["plovdiv"]
    # Without the parameter nothing is ticked, and a code that is no centre ticks nothing either.
    assert " checked" not in client.get("/en/book/start/").content.decode()
    assert " checked" not in client.get("/en/book/start/?centre=nowhere").content.decode()


def test_the_manager_writes_the_nearest_public_transport_per_language_and_visitors_read_it(client, staff):
    from integra.centres.tests.test_centre_edit import form_data

    manager = Client()
    signed_in(manager, staff["manager.plovdiv"])
    edit = manager.get("/en/staff/centres/plovdiv/edit/").content.decode()
    assert 'name="transport_ar"' in edit and 'lang="ar" dir="rtl"' in edit
    response = manager.post(
        "/en/staff/centres/plovdiv/edit/",
        form_data(
            transport_en="Bus 1 and 7, stop Central Square (100 m)",
            transport_bg="Автобус 1 и 7, спирка „Централен площад“",
        ),
    )
    assert response.status_code == 302
    assert Centre.objects.get(slug="plovdiv").transport == {
        "bg": "Автобус 1 и 7, спирка „Централен площад“",
        "en": "Bus 1 and 7, stop Central Square (100 m)",
    }
    assert "Bus 1 and 7, stop Central Square (100 m)" in text(page(client, "en", "plovdiv"))
    assert "Автобус 1 и 7, спирка „Централен площад“" in text(page(client, "bg", "plovdiv"))
    assert "Bus 1 and 7" in text(page(client, "ar", "plovdiv"))  # no Arabic text: the English one
    again = manager.get("/en/staff/centres/plovdiv/edit/").content.decode()
    assert "Bus 1 and 7, stop Central Square (100 m)</textarea>" in again


def test_a_too_long_transport_text_is_refused_and_kept(client, staff):
    from integra.centres.tests.test_centre_edit import form_data

    signed_in(client, staff["manager.plovdiv"])
    response = client.post("/en/staff/centres/plovdiv/edit/", form_data(transport_en="x" * 301))
    assert response.status_code == 200
    assert "x" * 301 in response.content.decode()
    assert Centre.objects.get(slug="plovdiv").transport == {}


@time_machine.travel(datetime(2026, 11, 23, 8, 0, tzinfo=SOFIA), tick=False)
def test_the_booking_confirmation_gives_the_centres_address_and_phone(client, rf):
    sofia = Centre.objects.get(slug="sofia")
    appointment = services.appointment_book(
        centre=sofia, start=datetime(2026, 11, 24, 10, 0, tzinfo=SOFIA), topic=Topic.objects.get(slug="residence"),
        language="ar", interpreter_needed=False, name="Reza", phone="+359881234567",
    )  # fmt: skip
    client.get("/ar/")  # a session
    request = rf.get("/")
    request.session = client.session
    grant_confirmation(request, appointment)
    request.session.save()
    body = client.get("/ar/book/confirmation/").content.decode()
    assert "2 شارع غوغول، صوفيا" in body
    assert '<a href="tel:+35929394774" dir="ltr">' in body
    assert 'href="/ar/centres/sofia/"' in body
