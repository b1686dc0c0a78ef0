"""Check-in at the door on a phone: find by name or reference, mark arrived once, register at the door."""

from integra.events import services
from integra.events.models import Registration
from integra.events.tests.conftest import make_event
from tests.base import signed_in


def registration(event, name="Amina Rahimi", **fields):
    values = {"phone": "+359881234567", "adults": 1, "children": 2, "language": "fa"}
    values.update(fields)
    return services.registration_create(event=event, name=name, **values)


def test_find_by_name_or_by_reference_with_or_without_dashes(client, staff, event):
    amina, other = registration(event), registration(event, name="Petar")
    signed_in(client, staff["consultant.sofia"])
    html = client.get(f"/en/staff/events/{event.pk}/check-in/?q=amina").content.decode()
    assert "Amina Rahimi" in html and "Petar" not in html
    compact = amina.reference.replace("-", "").lower()
    html = client.get(f"/en/staff/events/{event.pk}/check-in/?q={compact}").content.decode()
    assert amina.reference in html and other.reference not in html
    html = client.get(f"/en/staff/events/{event.pk}/check-in/?q=nobody").content.decode()
    assert "Nobody registered for this event matches" in html


def test_marking_arrived_twice_counts_once(client, staff, event):
    amina = registration(event)
    signed_in(client, staff["trainer.sofia"])
    url = f"/en/staff/events/{event.pk}/check-in/{amina.reference}/arrived/"
    first = client.post(url, follow=True).content.decode()
    assert "Arrived: Amina Rahimi (people: 3)." in first
    arrived_at = Registration.objects.get().arrived_at
    second = client.post(url, follow=True).content.decode()
    assert "already marked arrived; counted once" in second
    assert Registration.objects.get().arrived_at == arrived_at
    page = client.get(f"/en/staff/events/{event.pk}/").content.decode()
    assert "3 people" in page


def test_an_unknown_reference_is_a_clear_message(client, staff, event):
    signed_in(client, staff["consultant.sofia"])
    response = client.post(f"/en/staff/events/{event.pk}/check-in/EV-XXX-YYY/arrived/", follow=True)
    assert response.status_code == 200
    assert "No registration for this event has the reference EV-XXX-YYY." in response.content.decode()


def test_a_registration_of_another_event_cannot_be_checked_in_here(client, staff, event):
    elsewhere = registration(make_event(days=3))
    signed_in(client, staff["consultant.sofia"])
    client.post(f"/en/staff/events/{event.pk}/check-in/{elsewhere.reference}/arrived/")
    assert Registration.objects.get().arrived_at is None


def test_register_at_the_door_in_one_step_without_contact(client, staff, event):
    signed_in(client, staff["mediator.sofia"])
    data = {"door-name": "M. S.", "door-adults": "1", "door-children": "0", "door-language": "uk"}
    response = client.post(f"/en/staff/events/{event.pk}/check-in/door/", data)
    assert response.status_code == 302
    door = Registration.objects.get()
    assert door.source == Registration.Source.DOOR and door.arrived_at is not None and door.name == "M. S."


def test_the_door_form_keeps_the_input_when_the_event_is_full(client, staff, reference_data):
    event = make_event(capacity=1)
    registration(event, children=0)
    signed_in(client, staff["consultant.sofia"])
    data = {"door-name": "Late Comer", "door-adults": "1", "door-children": "0", "door-language": "uk"}
    html = client.post(f"/en/staff/events/{event.pk}/check-in/door/", data).content.decode()
    assert "This event is full" in html and 'value="Late Comer"' in html
    assert Registration.objects.count() == 1


def test_another_centre_s_event_is_not_found(client, staff, event):
    signed_in(client, staff["consultant.plovdiv"])
    assert client.get(f"/en/staff/events/{event.pk}/check-in/").status_code == 404
    assert client.get(f"/en/staff/events/{event.pk}/tally/").status_code == 404
