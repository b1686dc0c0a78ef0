import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from integra.centres.models import Centre
from integra.hotline import services
from integra.hotline.models import CallBack, CallBackAttempt
from integra.hotline.tests.helpers import signed_in

SOFIA = ZoneInfo("Europe/Sofia")
MONDAY_MORNING = datetime(2026, 11, 30, 8, 0, tzinfo=SOFIA)
URL = "/en/call-back/"


def state_of(response) -> str:
    return re.search(r'name="wizard_state" value="([^"]+)"', response.content.decode()).group(1)


def answer(client, response, step, **fields):
    data = {"wizard_state": state_of(response), "wizard_step": step}
    data.update({f"{step}-{name}": value for name, value in fields.items()})
    response = client.post(URL, data)
    return client.get(response["Location"]) if response.status_code == 303 else response  # post/redirect/get


def fill_in(client, phone="088 123 4567", windows=None, address="203.0.113.5", stop_after=None):
    client.defaults["REMOTE_ADDR"] = address
    response = client.get(URL)
    response = answer(client, response, "phone", phone=phone)
    response = answer(client, response, "language", language="ar")
    response = answer(client, response, "topic", topic="")
    if windows is None:
        page = response.content.decode()
        windows = re.findall(r'name="windows-windows" value="([^"]+)"', page)[:1]
    response = answer(client, response, "windows", windows=windows)
    if stop_after == "windows":
        return response
    response = answer(client, response, "name", first_name="Amal")
    return response


def send(client, response):
    sent = client.post(URL, {"wizard_state": state_of(response), "wizard_step": "check"})
    return client.get(sent["Location"]) if sent.status_code == 303 else sent  # back to a question: followed


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_a_visitor_asks_for_a_call_back_and_nothing_is_stored_before_send(client, reference_data):
    check = fill_in(client)
    assert "Check your answers" in check.content.decode()
    assert CallBack.objects.count() == 0
    done = send(client, check)
    assert done.status_code == 302
    call_back = CallBack.objects.get()
    assert call_back.phone == "+359881234567" and call_back.first_name == "Amal" and call_back.language == "ar"
    assert call_back.centre is None and call_back.status == CallBack.Status.OPEN
    start, end = call_back.window_ranges()[0]
    assert start >= MONDAY_MORNING and call_back.due_at == end
    page = client.get(done["Location"]).content.decode()
    assert call_back.reference in page and "When to expect the call" in page


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_the_phone_and_name_are_encrypted_at_rest(client, reference_data):
    send(client, fill_in(client))
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, first_name FROM hotline_callback")
        phone, name = cursor.fetchone()
    assert phone.startswith("v1:") and "881234567" not in phone and "Amal" not in name


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_a_double_send_makes_one_call_back(client, reference_data):
    check = fill_in(client)
    send(client, check)
    send(client, check)
    assert CallBack.objects.count() == 1


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_a_phone_that_is_not_a_phone_is_refused_in_the_visitors_language(client, reference_data):
    response = client.get("/bg/call-back/")
    response = client.post(
        "/bg/call-back/",
        {"wizard_state": state_of(response), "wizard_step": "phone", "phone-phone": "12ab"},
        follow=True,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="12ab"' in body
    assert "Enter a phone number, for example +359 88 123 4567." not in body  # translated, not English


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_a_window_that_has_passed_is_refused_and_the_answers_kept(client, reference_data):
    past = "2026-11-27T09:00:00+02:00/2026-11-27T12:00:00+02:00"
    response = fill_in(client, windows=[past], stop_after="windows")
    body = response.content.decode()
    assert "has passed or the line is closed then" in body and "When can we call you?" in body
    assert send(client, response).status_code == 200  # sending from here goes back to the question
    assert CallBack.objects.count() == 0


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_requests_are_limited_per_address_and_per_phone(client, reference_data, settings):
    settings.HOTLINE_RATE_LIMITS = {"address": (2, 3600), "phone": (1, 86400)}
    assert send(client, fill_in(client, phone="0881234567", address="198.51.100.1")).status_code == 302
    refused = send(client, fill_in(client, phone="0881234567", address="198.51.100.2"))
    assert refused.status_code == 429 and "several requests" in refused.content.decode()
    assert send(client, fill_in(client, phone="0887000001", address="198.51.100.1")).status_code == 302
    assert send(client, fill_in(client, phone="0887000002", address="198.51.100.1")).status_code == 429
    assert CallBack.objects.count() == 2


def make_call_back(centre=None, **kwargs):
    return services.call_back_request(phone="+359881234567", language="fa", centre=centre, **kwargs)


def test_two_operators_cannot_take_the_same_call_back(staff):
    call_back = make_call_back()
    services.call_back_take(call_back_id=call_back.pk, by=staff["consultant.sofia"])
    with pytest.raises(services.CallBackTaken):
        services.call_back_take(call_back_id=call_back.pk, by=staff["consultant.burgas"])
    call_back.refresh_from_db()
    assert call_back.taken_by == staff["consultant.sofia"]


def test_the_second_taker_gets_a_clear_message(client, staff):
    call_back = make_call_back()
    services.call_back_take(call_back_id=call_back.pk, by=staff["consultant.burgas"])
    signed_in(client, staff["consultant.sofia"])
    response = client.post(f"/en/staff/hotline/call-backs/{call_back.pk}/take/", follow=True)
    assert "Someone else took this call-back a moment ago" in response.content.decode()


def test_only_the_taker_sees_the_number_and_logs_attempts(client, staff):
    call_back = make_call_back()
    detail = f"/en/staff/hotline/call-backs/{call_back.pk}/"
    signed_in(client, staff["consultant.sofia"])
    assert "+359881234567" not in client.get(detail).content.decode()
    client.post(f"{detail}take/")
    assert "+359881234567" in client.get(detail).content.decode()
    client.logout()
    signed_in(client, staff["mediator.burgas"])
    client.post(f"{detail}attempt/", {"result": "no_answer"})
    assert CallBackAttempt.objects.count() == 0


def test_three_unanswered_attempts_close_it_as_unreachable_and_delete_the_number(client, staff):
    call_back = make_call_back()
    signed_in(client, staff["consultant.sofia"])
    detail = f"/en/staff/hotline/call-backs/{call_back.pk}/"
    for result in ("no_answer", "busy", "no_answer"):
        client.post(f"{detail}take/")
        assert client.post(f"{detail}attempt/", {"result": result}).status_code == 302
    call_back.refresh_from_db()
    assert call_back.status == CallBack.Status.UNREACHABLE and call_back.attempt_count == 3
    assert call_back.phone == "" and call_back.first_name == "" and call_back.closed_at is not None
    assert call_back.attempts.count() == 3


def test_an_answered_attempt_closes_it_as_done(staff):
    call_back = make_call_back(first_name="Reza")
    user = staff["mediator.plovdiv"]
    services.call_back_take(call_back_id=call_back.pk, by=user)
    services.call_back_attempt(call_back_id=call_back.pk, by=user, result="answered")
    call_back.refresh_from_db()
    assert call_back.status == CallBack.Status.DONE and call_back.phone == "" and call_back.first_name == ""


def test_an_attempt_without_a_result_is_refused_with_a_message(client, staff):
    call_back = make_call_back()
    signed_in(client, staff["consultant.sofia"])
    client.post(f"/en/staff/hotline/call-backs/{call_back.pk}/take/")
    response = client.post(f"/en/staff/hotline/call-backs/{call_back.pk}/attempt/", {})
    assert response.status_code == 400 and "Choose what happened on the call." in response.content.decode()


def test_queues_are_per_centre_and_for_the_network(client, staff):
    network = make_call_back()
    plovdiv = make_call_back(centre=Centre.objects.get(slug="plovdiv"))
    signed_in(client, staff["consultant.sofia"])
    queue = client.get("/en/staff/hotline/call-backs/").content.decode()
    assert network.reference in queue and plovdiv.reference not in queue
    assert client.get(f"/en/staff/hotline/call-backs/{plovdiv.pk}/").status_code == 404
    assert client.post(f"/en/staff/hotline/call-backs/{plovdiv.pk}/take/").status_code == 404
    client.logout()
    signed_in(client, staff["coordinator"])
    queue = client.get("/en/staff/hotline/call-backs/").content.decode()
    assert network.reference in queue and plovdiv.reference in queue


def test_the_queue_shows_a_late_promise(client, staff):
    with time_machine.travel(datetime(2026, 11, 27, 10, 0, tzinfo=SOFIA), tick=False):  # a Friday
        call_back = make_call_back()
    assert call_back.due_at == datetime(2026, 11, 30, 10, 0, tzinfo=SOFIA)  # one working day: Monday
    signed_in(client, staff["consultant.sofia"])
    with time_machine.travel(datetime(2026, 11, 30, 11, 0, tzinfo=SOFIA), tick=False):
        page = client.get("/en/staff/hotline/call-backs/").content.decode()
    assert 'class="overdue"' in page and "late" in page


def test_trainers_and_partners_have_no_queue(client, staff):
    call_back = make_call_back()
    for name in ("trainer.sofia", "partner.sofia"):
        client.logout()
        signed_in(client, staff[name])
        assert client.get("/en/staff/hotline/call-backs/").status_code == 403
        assert client.post(f"/en/staff/hotline/call-backs/{call_back.pk}/take/").status_code == 403
