"""The ranking's full order for a varied set of mediators: dialect, credential for the subject, the gender
asked for, days away and usual hours, city and outreach towns, recent workload, booked jobs with travel time,
the mode and direction, and the client's "not to be sent" list. Pins the order and the reasons so that
making the ranking faster cannot change what a coordinator sees."""

from datetime import time, timedelta

from django.utils import timezone

from integra.clients.models import Client
from integra.interpreting import services
from integra.interpreting.models import Availability, AvailabilityException, DoNotSend, Mode, Session
from integra.interpreting.tests.conftest import in_days, make_mediator, make_request


def test_a_varied_registry_is_ranked_in_the_expected_order_with_its_reasons(staff, partner):
    client = Client.objects.create(centre=staff["consultant.sofia"].centres.get())
    when = in_days(3, hour=10)
    make_mediator("Medical", credential="trained_medical")
    make_mediator("Community")
    make_mediator("Volunteer", credential="volunteer")
    make_mediator("Iraqi", languages=[("ar", "iraqi")], credential="trained_medical")
    make_mediator("No dialect", languages=[("ar", "")], credential="trained_medical")
    make_mediator("Male", gender="male", credential="trained_medical")
    away = make_mediator("Away", credential="trained_medical")
    AvailabilityException.objects.create(mediator=away, date=timezone.localdate(when), available=False)
    late = make_mediator("Evenings", credential="trained_medical")
    Availability.objects.filter(mediator=late).update(starts=time(17), ends=time(21))
    extra = make_mediator("Extra hours", credential="trained_medical")
    Availability.objects.filter(mediator=extra).update(starts=time(17), ends=time(21))
    AvailabilityException.objects.create(
        mediator=extra, date=timezone.localdate(when), available=True, starts=time(9), ends=time(12)
    )
    make_mediator("Plovdiv", centres=["plovdiv"], credential="trained_medical")
    make_mediator("Town", centres=["plovdiv"], outreach_towns="Pernik, Bankya", credential="trained_medical")
    tired = make_mediator("Tired", credential="trained_medical")
    for days in (1, 2, 3):
        done = make_request(partner, starts_at=timezone.now() + timedelta(hours=days), mode=Mode.PHONE)
        Session.objects.create(
            request=done, mediator=tired, started_at=timezone.now() - timedelta(days=days),
            ended_at=timezone.now() - timedelta(days=days, minutes=-30), mode=Mode.PHONE, outcome="completed",
        )  # fmt: skip
    far_job = make_mediator("Booked in Burgas", credential="trained_medical", centres=["sofia", "burgas"])
    near_job = make_mediator("Booked later by phone", credential="trained_medical")
    burgas = make_request(partner, centre="burgas", starts_at=when + timedelta(hours=2), mode=Mode.IN_PERSON)
    services.request_confirm(by=staff["coordinator"], request=burgas, mediator=far_job)
    later = make_request(partner, starts_at=when + timedelta(hours=2), mode=Mode.PHONE)
    services.request_confirm(by=staff["coordinator"], request=later, mediator=near_job)
    make_mediator("Phone only", modes=["phone"], credential="trained_medical")
    make_mediator("English only", directions=["en"], credential="trained_medical")
    blocked = make_mediator("Blocked", credential="trained_medical")
    DoNotSend.objects.create(mediator=blocked, client=client, reason="know_each_other")
    make_mediator("Inactive", credential="trained_medical", is_active=False)
    make_mediator("Farsi", languages=[("fa", "dari")], credential="trained_medical")
    request = make_request(
        partner, starts_at=when, mode=Mode.IN_PERSON, interpreter_gender="female", client=client,
        place="Pernik, the hospital",
    )  # fmt: skip

    ranked = services.candidates_rank(request)

    assert [(c.mediator.name, c.score, c.recent, c.available) for c in ranked] == [
        ("Booked later by phone", 125, 0, True),  # by phone two hours later: no travel, no clash
        ("Extra hours", 125, 0, True),  # usually evenings, but that day also the morning
        ("Medical", 125, 0, True),
        ("Town", 125, 0, True),  # lives in Plovdiv but goes to Pernik, where the appointment is
        ("Tired", 119, 3, True),  # three sessions in the last 30 days
        ("Community", 115, 0, True),
        ("Iraqi", 95, 0, True),
        ("No dialect", 95, 0, True),
        ("Volunteer", 95, 0, True),
        ("Evenings", 90, 0, False),
        ("Plovdiv", 85, 0, True),
        ("Male", 65, 0, True),
        ("Away", 50, 0, False),
    ]  # booked in Burgas, phone only, English only, blocked, inactive and Farsi are left out
    by_name = {c.mediator.name: c for c in ranked}
    assert by_name["Town"].reasons[-1] == "Goes to this town"
    assert by_name["Iraqi"].warnings == ["Another dialect: Iraqi"]
    assert by_name["No dialect"].warnings == ["Another dialect: no dialect given"]
    assert by_name["Evenings"].warnings == ["Outside their usual hours"]
    assert by_name["Male"].warnings == ["Not the gender asked for"]
    assert by_name["Away"].warnings == ["Away that day"]
    assert by_name["Plovdiv"].warnings == ["Would travel from another city"]
    assert by_name["Medical"].reasons == [
        "Speaks Levantine (Syria, Lebanon, Jordan, Palestine)", "Trained medical interpreter", "The gender asked for",
        "Available at that time", "Works in this city",
    ]  # fmt: skip
