"""A full event's waiting list, over HTTP and through the services: joining it from the event page,
cancelling (by the person with the link or their reference, and by staff), the offer by SMS in the
person's language, accepting before the deadline, declining, lapsing to the next, and parties that fit."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from integra.core import sms
from integra.events import services
from integra.events.models import Registration
from integra.events.tests.conftest import make_event, register
from integra.events.views import confirmation_token
from tests.base import signed_in

FORM = {"name": "A. K.", "phone": "088 123 4567", "adults": "1", "children": "0", "language": "ar", "key": "k1"}


@pytest.fixture
def full_event(reference_data):
    event = make_event(capacity=2)
    register(event, "Holder", phone="+359881111111", adults=2)
    return event


def _offer_url(message) -> str:
    return message.body.split("http://localhost:8000")[1].split()[0]


def test_a_full_event_offers_to_join_the_waiting_list_and_keeps_the_order(client, full_event):
    page = client.get(f"/en/events/{full_event.pk}/")
    html = page.content.decode()
    assert "This event is full" in html and 'name="waiting_list" value="1"' in html
    assert ">Register</button>" not in html
    response = client.post(f"/ar/events/{full_event.pk}/", {**FORM, "waiting_list": "1"})
    assert response.status_code == 302
    first = Registration.objects.get(name="A. K.")
    assert first.status == Registration.Status.WAITING and first.language == "ar"
    client.post(f"/ar/events/{full_event.pk}/", {**FORM, "waiting_list": "1"})  # the same form twice: one entry
    client.post(f"/en/events/{full_event.pk}/", {**FORM, "name": "B. L.", "key": "k2", "waiting_list": "1"})
    second = Registration.objects.get(name="B. L.")
    assert Registration.objects.filter(status=Registration.Status.WAITING).count() == 2
    assert services.waiting_position(first) == 1 and services.waiting_position(second) == 2
    with translation.override("en"):
        mine = client.get(f"/en/events/registered/{confirmation_token(second)}/").content.decode()
    assert "You are on the waiting list" in mine and "You are number 2 on the waiting list." in mine
    assert full_event.registered_count() == 2  # the waiting take no place


def test_registering_without_choosing_the_waiting_list_is_refused_and_the_answers_kept(client, full_event):
    response = client.post(f"/en/events/{full_event.pk}/", FORM)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This event is full: there are no places left." in html
    assert 'value="A. K."' in html and 'name="waiting_list" value="1"' in html
    assert not Registration.objects.filter(name="A. K.").exists()


def test_a_party_larger_than_the_places_left_may_wait_instead(client, reference_data):
    event = make_event(capacity=3)
    register(event, "Holder", phone="+359881111111", adults=2)
    refused = client.post(f"/en/events/{event.pk}/", {**FORM, "adults": "2", "children": "1"})
    html = refused.content.decode()
    assert "Places left: 1. Please register fewer people." in html and "Join the waiting list instead" in html
    client.post(f"/en/events/{event.pk}/", {**FORM, "adults": "2", "children": "1", "waiting_list": "1"})
    assert Registration.objects.get(name="A. K.").status == Registration.Status.WAITING


def test_cancelling_offers_the_place_by_sms_in_the_persons_language_who_accepts_in_time(
    client, full_event, django_capture_on_commit_callbacks
):
    holder = Registration.objects.get(name="Holder")
    waiting = register(full_event, "Waiting", phone="+359882222222", adults=2, language="ar")
    later = register(full_event, "Later", phone="+359883333333")
    token = confirmation_token(holder)
    refused = client.post(f"/en/events/registered/{token}/", {"action": "cancel"}, follow=True)
    assert "Tick the box" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/events/registered/{token}/", {"action": "cancel", "confirm": "1"})
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == Registration.Status.CANCELLED and holder.cancelled_at is not None
    assert waiting.status == Registration.Status.OFFERED
    assert timedelta(hours=23) < waiting.offer_expires_at - timezone.now() <= timedelta(hours=24)
    assert Registration.objects.get(pk=later.pk).status == Registration.Status.WAITING  # 2 places, both taken
    [message] = sms.outbox
    assert message.to == "+359882222222"
    assert "/ar/events/offer/" in message.body and "،" in message.body  # Arabic link and Arabic date
    offer_url = _offer_url(message)
    opened = client.get(offer_url, follow=True)
    assert opened.status_code == 200 and 'value="accept"' in opened.content.decode()
    accepted = client.post(offer_url, {"action": "accept"})
    assert accepted.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED
    assert full_event.registered_count() == 2


def test_an_offer_past_its_deadline_lapses_and_goes_to_the_next(client, full_event, django_capture_on_commit_callbacks):
    holder = Registration.objects.get(name="Holder")
    waiting = register(full_event, "Waiting", email="w@example.org", adults=2)
    later = register(full_event, "Later", phone="+359883333333", adults=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=holder)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["w@example.org"]
    waiting.refresh_from_db()
    offer_url = "/en/events/offer/" + services.offer_token(waiting) + "/"
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        late = client.post(offer_url, {"action": "accept"}, follow=True)
        assert "The time to accept this place has passed" in late.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("events_offers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.EXPIRED
    assert Registration.objects.get(pk=later.pk).status == Registration.Status.OFFERED
    assert [m.to for m in sms.outbox] == ["+359883333333"]
    assert client.get(offer_url).status_code == 404  # the old link says plainly that it is no longer open


def test_declining_gives_the_places_to_the_next(client, full_event, django_capture_on_commit_callbacks):
    waiting = register(full_event, "Waiting", phone="+359882222222", adults=2)
    later = register(full_event, "Later", phone="+359883333333", adults=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=Registration.objects.get(name="Holder"))
        waiting.refresh_from_db()
        response = client.post(f"/en/events/offer/{services.offer_token(waiting)}/", {"action": "decline"})
    assert response.status_code == 302
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=later.pk).status == Registration.Status.OFFERED


def test_a_freed_place_goes_to_the_first_waiting_whose_party_fits(full_event):
    family = register(full_event, "Family", phone="+359882222222", adults=2, children=2)
    single = register(full_event, "Single", phone="+359883333333")
    holder = Registration.objects.get(name="Holder")
    services.registration_cancel(registration=holder)
    assert Registration.objects.get(pk=family.pk).status == Registration.Status.WAITING  # 4 do not fit in 2
    assert Registration.objects.get(pk=single.pk).status == Registration.Status.OFFERED


def test_a_larger_capacity_offers_the_new_places(staff, full_event):
    waiting = register(full_event, "Waiting", phone="+359882222222")
    services.event_update(event=full_event, by=staff["manager.sofia"], capacity=3)
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.OFFERED


def test_no_offer_is_made_once_the_event_has_started_and_the_deadline_never_passes_the_start(full_event):
    waiting = register(full_event, "Waiting", phone="+359882222222")
    with time_machine.travel(full_event.start - timedelta(hours=3)):
        services.registration_cancel(registration=Registration.objects.get(name="Holder"))
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED and waiting.offer_expires_at == full_event.start
    other = make_event(capacity=1, days=1)
    register(other, "Holder 2", phone="+359884444444")
    late = register(other, "Late", phone="+359885555555")
    with time_machine.travel(other.start + timedelta(minutes=10)):
        services.registration_cancel(registration=Registration.objects.get(name="Holder 2"))
    assert Registration.objects.get(pk=late.pk).status == Registration.Status.WAITING


def test_a_cancelled_registration_cannot_be_cancelled_again(full_event):
    holder = Registration.objects.get(name="Holder")
    services.registration_cancel(registration=holder)
    with pytest.raises(ValidationError):
        services.registration_cancel(registration=holder)


def test_a_visitor_finds_their_registration_with_reference_and_phone_and_cancels(client, full_event):
    holder = Registration.objects.get(name="Holder")
    wrong = client.post("/en/events/my-registration/", {"reference": holder.reference, "contact": "0889999999"})
    assert "We found no registration" in wrong.content.decode()
    found = client.post(
        "/en/events/my-registration/", {"reference": holder.reference.lower(), "contact": "088 111 1111"}
    )
    assert found.status_code == 302 and found["Location"].startswith("/en/events/registered/")
    client.post(found["Location"], {"action": "cancel", "confirm": "1"})
    holder.refresh_from_db()
    assert holder.status == Registration.Status.CANCELLED


def test_finding_is_rate_limited_without_storing_the_address(client, full_event, settings):
    settings.EVENT_RATE_LIMITS = {"find": (2, 3600)}
    data = {"reference": "EV-AAA-BBB", "contact": "0881111111"}
    statuses = [client.post("/en/events/my-registration/", data).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_staff_cancel_a_registration_from_the_registrations_page(client, staff, full_event):
    waiting = register(full_event, "Waiting", phone="+359882222222", adults=2)
    holder = Registration.objects.get(name="Holder")
    signed_in(client, staff["consultant.sofia"])
    page = client.get(f"/en/staff/events/{full_event.pk}/registrations/").content.decode()
    assert "Waiting list, in order" in page and waiting.reference in page
    response = client.post(f"/en/staff/events/{full_event.pk}/registrations/{holder.reference}/cancel/")
    assert response.status_code == 302
    assert Registration.objects.get(pk=holder.pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.OFFERED
    again = client.post(
        f"/en/staff/events/{full_event.pk}/registrations/{holder.reference}/cancel/", follow=True
    ).content.decode()
    assert "This registration has already been cancelled." in again


def test_the_registrations_page_costs_the_same_queries_however_many_wait(
    client, staff, full_event, django_assert_max_num_queries
):
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/events/{full_event.pk}/registrations/"
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(15):
        register(full_event, f"W{n}", phone=f"+35988200{n:04d}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
