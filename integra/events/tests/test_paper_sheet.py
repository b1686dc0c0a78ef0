"""Attendance from the paper sign-in sheet: numbers by sex, age band and (optionally) nationality, and
registrations marked arrived from the sheet, flagged as paper; shown apart on the event's page."""

import pytest

from integra.events import services
from integra.events.models import PaperAttendance, Registration
from integra.events.tests.conftest import make_event
from tests.base import signed_in


@pytest.fixture
def held(reference_data):
    return make_event(days=-1)


def grid(**cells):
    """Form data for the sheet's grid: n_female_25-34=3 …, every other cell empty."""
    return {f"n_{name.replace('__', '-')}": value for name, value in cells.items()}


def test_numbers_from_the_sheet_are_saved_and_replace_the_earlier_ones(client, staff, held):
    signed_in(client, staff["trainer.sofia"])
    url = f"/en/staff/events/{held.pk}/paper-sheet/"
    data = {"n_female_25-34": "4", "n_male_unknown": "2", "nationality": ""}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # sent twice: the same numbers, not twice as many
    assert services.paper_attendance_table(held)[("female", "25-34")] == 4
    assert services.paper_attendance_table(held)[("male", "")] == 2
    client.post(url, {"n_female_25-34": "5", "nationality": ""})
    table = services.paper_attendance_table(held)
    assert table[("female", "25-34")] == 5 and table[("male", "")] == 0
    html = client.get(url).content.decode()
    assert "5 people on the sheet" in html


def test_a_nationality_has_its_own_grid(client, staff, held):
    signed_in(client, staff["trainer.sofia"])
    url = f"/en/staff/events/{held.pk}/paper-sheet/"
    client.post(url, {"n_female_25-34": "1", "nationality": ""})
    response = client.post(url, {"n_female_25-34": "3", "nationality": "SY"})
    assert response["Location"] == f"{url}?nationality=SY"
    assert services.paper_attendance_table(held, "SY")[("female", "25-34")] == 3
    assert services.paper_attendance_table(held, "")[("female", "25-34")] == 1
    assert services.paper_attendance_table(held)[("female", "25-34")] == 4
    html = client.get(response["Location"]).content.decode()
    assert "Nationality: Syria" in html and 'value="3"' in html


def test_a_number_below_zero_is_refused_and_what_was_typed_stays(client, staff, held):
    signed_in(client, staff["trainer.sofia"])
    response = client.post(
        f"/en/staff/events/{held.pk}/paper-sheet/", {"n_female_25-34": "-2", "n_male_0-17": "7", "nationality": ""}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "A number cannot be below zero." in html and 'value="-2"' in html and 'value="7"' in html
    assert not PaperAttendance.objects.exists()


def test_an_unknown_nationality_or_words_are_refused_not_a_server_error(client, staff, held):
    signed_in(client, staff["trainer.sofia"])
    url = f"/en/staff/events/{held.pk}/paper-sheet/"
    response = client.post(url, {"n_female_25-34": "ten", "nationality": "XX"})
    assert response.status_code == 400
    assert "Enter a whole number" in response.content.decode()
    assert not PaperAttendance.objects.exists()


def test_the_sheet_cannot_be_entered_before_the_event(client, staff, reference_data):
    upcoming = make_event(days=2)
    signed_in(client, staff["trainer.sofia"])
    response = client.post(f"/en/staff/events/{upcoming.pk}/paper-sheet/", {"n_male_18-24": "3"})
    assert response.status_code == 400
    assert "has not started yet" in response.content.decode()
    assert not PaperAttendance.objects.exists()


def test_registrations_on_the_sheet_are_marked_arrived_flagged_as_paper(client, staff, held):
    came = Registration.objects.create(event=held, name="Amal K.", phone="+359881234567", adults=2)
    checked_in = Registration.objects.create(event=held, name="Bo R.", phone="+359881234568")
    services.registration_arrive(registration=checked_in, by=staff["trainer.sofia"])
    Registration.objects.create(event=held, name="Did not come", phone="+359881234569")
    signed_in(client, staff["trainer.sofia"])
    page = client.get(f"/en/staff/events/{held.pk}/paper-sheet/").content.decode()
    assert "Amal K." in page and "Bo R." not in page  # only those not checked in at the door
    response = client.post(f"/en/staff/events/{held.pk}/paper-sheet/arrived/", {"references": [came.reference]})
    assert response.status_code == 302
    came.refresh_from_db()
    checked_in.refresh_from_db()
    assert came.arrived_at == held.start and came.arrived_on_paper
    assert checked_in.arrived_at and not checked_in.arrived_on_paper
    detail = client.get(f"/en/staff/events/{held.pk}/").content.decode()
    assert "arrivals taken from the paper sheet: 2 people" in detail


def test_ticking_nobody_or_an_unknown_reference_gets_a_message(client, staff, held):
    Registration.objects.create(event=held, name="Amal K.", phone="+359881234567")
    signed_in(client, staff["trainer.sofia"])
    url = f"/en/staff/events/{held.pk}/paper-sheet/arrived/"
    assert "Tick at least one person who signed the sheet." in client.post(url, {}).content.decode()
    response = client.post(url, {"references": ["EV-ZZZ-ZZZ"]})
    assert response.status_code == 400
    assert not Registration.objects.filter(arrived_at__isnull=False).exists()


def test_the_event_page_shows_registered_arrived_walk_ins_paper_and_feedback(client, staff, held):
    Registration.objects.create(event=held, name="A", phone="+359881234567", adults=2, children=1)
    services.tally_change(event=held, by=staff["trainer.sofia"], gender="male", age_band="", delta=1)
    services.paper_attendance_set(event=held, by=staff["trainer.sofia"], counts={("female", "25-34"): 6})
    services.feedback_record(event=held, answer="yes")
    services.paper_feedback_set(event=held, by=staff["trainer.sofia"], counts={"yes": 2, "partly": 1, "no": 0})
    signed_in(client, staff["trainer.sofia"])
    html = client.get(f"/en/staff/events/{held.pk}/").content.decode()
    assert "3 people" in html  # registered
    assert "Signed the paper sheet</dt><dd>6" in html
    assert "Walk-ins counted at the door</dt><dd>1" in html
    assert "75% found it useful (4 answers)" in html
