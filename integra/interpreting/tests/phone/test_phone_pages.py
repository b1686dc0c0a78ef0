"""Phone interpretation now in the back office: the form keeps what was typed, a double submit starts one call,
the status page is scoped (a partner sees only its institution's calls), and with the console backend the whole
flow is simulated from the page through the same services as the provider's webhooks."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.centres.models import Centre
from integra.interpreting.models import Request, Session
from integra.interpreting.phone_models import PhoneAttempt, PhoneCall
from integra.interpreting.tests.conftest import make_mediator, tie
from integra.interpreting.tests.phone.conftest import MORNING, only_call
from tests.base import signed_in

URL = "/en/staff/interpreting/phone/"


def data(**changes):
    values = {
        "requester_phone": "088 765 4321",
        "centre": Centre.objects.get(slug="sofia").pk,
        "language": "ar",
        "dialect": "levantine",
        "direction": "bg",
        "subject": "medical",
        "client_label": "A. K.",
        "key": "k1",
    }
    values.update(changes)
    return values


def simulate(client, job, event):
    return client.post(f"{URL}{job.pk}/simulate/", {"event": event})


@time_machine.travel(MORNING, tick=False)
def test_bad_input_says_why_and_keeps_what_was_typed(client, staff, interpreters):
    signed_in(client, staff["consultant.sofia"])
    assert "Phone interpretation now" in client.get(URL).content.decode()
    response = client.post(URL, data(requester_phone="12ab", client_label="Ahmed Karimi", notes="Room 4"))
    page = response.content.decode()
    assert response.status_code == 200 and not Request.objects.exists() and not PhoneCall.objects.exists()
    assert "Enter a phone number" in page and "looks like a full name" in page
    assert 'value="12ab"' in page and "Room 4" in page


@time_machine.travel(MORNING, tick=False)
def test_a_double_submit_starts_one_call(client, staff, interpreters):
    signed_in(client, staff["consultant.sofia"])
    first, second = client.post(URL, data()), client.post(URL, data())
    assert first["Location"] == second["Location"]
    assert Request.objects.count() == 1 and PhoneCall.objects.count() == 1
    assert PhoneAttempt.objects.filter(state="ringing").count() == 1


@time_machine.travel(MORNING, tick=False)
def test_the_console_backend_simulates_the_whole_flow(client, staff, interpreters):
    layla, omar = interpreters
    signed_in(client, staff["consultant.sofia"])
    status_url = client.post(URL, data())["Location"]
    job = Request.objects.get()
    page = client.get(status_url).content.decode()
    assert "Calling interpreter 1 of 2" in page and "nothing rings" in page
    simulate(client, job, "no-answer")
    assert "Calling interpreter 2 of 2" in client.get(status_url).content.decode()
    simulate(client, job, "accept")
    page = client.get(status_url).content.decode()
    assert "Omar (ID M-" in page and "is ringing now" in page
    simulate(client, job, "requester-answers")
    assert "Connected with Omar" in client.get(status_url).content.decode()
    with time_machine.travel(MORNING + __import__("datetime").timedelta(minutes=20), tick=False):
        simulate(client, job, "hang-up")
    session = Session.objects.get()
    assert session.mediator == omar and session.minutes == 20 and Request.objects.get().status == "done"
    page = client.get(status_url).content.decode()
    assert "the session is logged" in page and "Simulation" not in page


@time_machine.travel(MORNING, tick=False)
def test_with_nobody_to_call_the_request_is_kept_for_the_coordinator(client, staff, reference_data):
    make_mediator("Away", phone="+359881000009", modes=["in_person"])  # does not work by phone
    signed_in(client, staff["consultant.sofia"])
    status_url = client.post(URL, data(language="ti", dialect=""))["Location"]
    job = Request.objects.get()
    assert job.status == "requested" and job.flagged_no_speaker and only_call().state == "nobody"
    assert "No interpreter could be reached now" in client.get(status_url).content.decode()


@time_machine.travel(MORNING, tick=False)
def test_stopping_cancels_the_request_and_calls_nobody_else(client, staff, interpreters):
    signed_in(client, staff["consultant.sofia"])
    status_url = client.post(URL, data())["Location"]
    job = Request.objects.get()
    assert client.post(f"{URL}{job.pk}/stop/")["Location"] == status_url
    job.refresh_from_db()
    assert job.status == "cancelled" and not job.late_cancellation and only_call().state == "stopped"
    assert set(PhoneAttempt.objects.values_list("state", flat=True)) == {"skipped"}
    client.post(f"{URL}{job.pk}/stop/")  # twice: says so, changes nothing
    assert "can no longer be stopped" in client.get(status_url).content.decode()


@time_machine.travel(MORNING, tick=False)
def test_denials(client, staff, interpreters):
    partner = tie(staff["partner.sofia"])
    signed_in(client, partner)
    status_url = client.post(URL, data())["Location"]
    job = Request.objects.get()
    assert job.institution.slug == "pirogov" and client.get(status_url).status_code == 200
    client.logout()
    assert client.get(status_url).status_code == 302  # anonymous: to the sign-in page
    other = tie(staff["partner.burgas"], "hospital-burgas")
    signed_in(client, other)
    assert client.get(status_url).status_code == 404
    assert client.post(f"{URL}{job.pk}/stop/").status_code == 404
    assert simulate(client, job, "accept").status_code == 404
    client.logout()
    signed_in(client, staff["trainer.sofia"])
    assert client.get(URL).status_code == 403 and client.get(status_url).status_code == 403
    client.logout()
    signed_in(client, staff["consultant.burgas"])  # another centre's consultant
    assert client.get(status_url).status_code == 404
    assert PhoneAttempt.objects.filter(state="ringing").count() == 1


@time_machine.travel(MORNING, tick=False)
def test_simulation_is_not_offered_with_a_real_provider(client, staff, interpreters, settings, monkeypatch):
    from integra.hotline import telephony

    signed_in(client, staff["consultant.sofia"])
    client.post(URL, data())
    job = Request.objects.get()
    settings.TELEPHONY_BACKEND = "twilio"
    assert simulate(client, job, "accept").status_code == 404
    assert "Simulation" not in client.get(f"{URL}{job.pk}/").content.decode()
    assert telephony.backend().name == "twilio"


@time_machine.travel(MORNING, tick=False)
def test_the_status_page_costs_the_same_queries_however_many_were_called(client, staff, reference_data):
    for n in range(6):
        make_mediator(f"Interpreter {n}", phone=f"+35988100001{n}")
    signed_in(client, staff["consultant.sofia"])
    status_url = client.post(URL, data())["Location"]
    job = Request.objects.get()
    client.get(status_url)
    with CaptureQueriesContext(connection) as one:
        client.get(status_url)
    for _ in range(4):
        simulate(client, job, "no-answer")
    with CaptureQueriesContext(connection) as five:
        page = client.get(status_url).content.decode()
    assert "Calling interpreter 5 of 6" in page and len(five) == len(one)


def test_an_operator_goes_from_a_hotline_call_to_the_form_with_its_language(client, staff):
    from integra.centres.models import Hotline
    from integra.hotline.models import Call

    sofia = Centre.objects.get(slug="sofia")
    call = Call.objects.create(
        hotline=Hotline.objects.first(), centre=sofia, operator=staff["consultant.sofia"], language="fa"
    )
    signed_in(client, staff["consultant.sofia"])
    page = client.get(f"/en/staff/hotline/calls/{call.pk}/").content.decode()
    assert f'href="{URL}?language=fa"' in page
    form = client.get(f"{URL}?language=fa").content.decode()
    assert '<option value="fa" selected>' in form
    assert '<option value="xx" selected>' not in client.get(f"{URL}?language=xx").content.decode()
