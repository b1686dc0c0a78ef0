"""What a signed-in member sends from the public pages is theirs at once (issue 17): an event registration and a
call-back made while signed in are on /my/ without claiming them; a staff member using the same pages on
someone's behalf never becomes the owner."""

import time_machine

from integra.accounts.tests.conftest import member
from integra.events.models import Registration
from integra.events.tests.conftest import make_event
from integra.hotline.models import CallBack
from integra.hotline.tests.test_call_backs import MONDAY_MORNING, fill_in, send
from tests.base import signed_in

FORM = {"name": "A. K.", "phone": "088 123 4567", "adults": "1", "children": "0", "language": "ar", "key": "k1"}


def test_an_event_registration_made_signed_in_is_on_my_page(client, reference_data):
    amina = member()
    event = make_event()
    signed_in(client, amina)
    assert client.post(f"/en/events/{event.pk}/", FORM).status_code == 302
    registration = Registration.objects.get()
    assert registration.member == amina
    assert registration.reference in client.get("/en/my/").content.decode()


def test_a_staff_member_registering_someone_does_not_own_the_registration(client, staff):
    event = make_event()
    signed_in(client, staff["consultant.sofia"])
    client.post(f"/en/events/{event.pk}/", FORM)
    assert Registration.objects.get().member is None


def test_an_anonymous_registration_has_no_member(client, reference_data):
    event = make_event()
    client.post(f"/en/events/{event.pk}/", FORM)
    assert Registration.objects.get().member is None


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_a_call_back_asked_for_signed_in_is_on_my_page(client, reference_data):
    amina = member()
    signed_in(client, amina)
    assert send(client, fill_in(client)).status_code == 302  # to the confirmation
    call_back = CallBack.objects.get()
    assert call_back.member == amina
    assert call_back.reference in client.get("/en/my/").content.decode()
