"""Organisers create and edit events in the back office; a wrong event is refused with the input kept."""

from integra.centres.models import Centre, Place
from integra.events.models import Event
from integra.events.tests.conftest import make_event
from tests.base import signed_in


def event_post(**changes):
    data = {
        "kind": "multicultural_meeting",
        "centre": Centre.objects.get(slug="sofia").pk,
        "place": "",
        "start": "2030-05-10T18:00",
        "end": "2030-05-10T21:00",
        "languages": ["bg", "uk"],
        "interpretation": "on",
        "capacity": "40",
        "registration": "optional",
        "is_public": "on",
        "title_en": "Spring meeting",
        "title_uk": "Весняна зустріч",
        "description_en": "Music and food from everywhere.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_manager_creates_an_event_for_their_centre(client, staff):
    signed_in(client, staff["manager.sofia"])
    response = client.post("/en/staff/events/new/", event_post())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/staff/events/{event.pk}/"
    assert event.title == {"en": "Spring meeting", "uk": "Весняна зустріч"}
    assert event.centre.slug == "sofia" and event.place is None
    assert event.languages == ["bg", "uk"] and event.interpretation and event.capacity == 40
    assert event.created_by == staff["manager.sofia"]
    page = client.get(f"/en/staff/events/{event.pk}/")
    assert "Spring meeting" in page.content.decode()


def test_an_event_ending_before_it_starts_is_refused_and_what_was_typed_stays(client, staff):
    signed_in(client, staff["manager.sofia"])
    response = client.post("/uk/staff/events/new/", event_post(end="2030-05-10T17:00"))
    html = response.content.decode()
    assert response.status_code == 200
    assert Event.objects.count() == 0
    assert "Подія закінчується раніше, ніж починається" in html
    assert "Весняна зустріч" in html and "Music and food from everywhere." in html


def test_an_outreach_event_needs_the_place_s_address(client, staff):
    signed_in(client, staff["coordinator"])
    shumen = Place.objects.get(slug="shumen").pk
    response = client.post("/en/staff/events/new/", event_post(place=shumen))
    assert response.status_code == 200 and Event.objects.count() == 0
    assert "Give the address of the outreach place" in response.content.decode()
    response = client.post(
        "/en/staff/events/new/", event_post(place=shumen, address_bg="Читалище, ул. Цар Освободител 1")
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.place.slug == "shumen" and event.address == {"bg": "Читалище, ул. Цар Освободител 1"}


def test_a_title_in_at_least_one_language_is_needed(client, staff):
    signed_in(client, staff["manager.sofia"])
    response = client.post("/en/staff/events/new/", event_post(title_en="", title_uk=""))
    assert response.status_code == 200 and Event.objects.count() == 0
    assert "Give the event a title in at least one language." in response.content.decode()


def test_a_manager_cannot_organise_for_another_centre(client, staff):
    signed_in(client, staff["manager.sofia"])
    plovdiv = Centre.objects.get(slug="plovdiv").pk
    response = client.post("/en/staff/events/new/", event_post(centre=plovdiv))
    assert response.status_code == 200 and Event.objects.count() == 0


def test_a_manager_edits_their_event_and_not_another_centre_s(client, staff):
    own, other = make_event("sofia"), make_event("plovdiv")
    signed_in(client, staff["manager.sofia"])
    form = client.get(f"/en/staff/events/{own.pk}/edit/")
    assert form.status_code == 200 and "Information day" in form.content.decode()
    response = client.post(f"/en/staff/events/{own.pk}/edit/", event_post(title_en="Renamed", is_public=None))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title["en"] == "Renamed" and not own.is_public
    assert client.get(f"/en/staff/events/{other.pk}/edit/").status_code == 404
    assert client.get(f"/en/staff/events/{other.pk}/").status_code == 404


def test_the_database_refuses_an_event_ending_before_it_starts(reference_data):
    import pytest
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(hours=-1)
