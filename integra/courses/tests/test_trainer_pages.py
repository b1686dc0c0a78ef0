"""The trainer's pages over HTTP: the register saved row by row, levels, completion, certificates (issue, PDF,
public check, revoke), the paper register, and enrolling at the desk."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from integra.clients.models import Client
from integra.courses import services
from integra.courses.models import Attendance, Certificate, Enrolment
from integra.courses.tests.conftest import make_group
from tests.base import signed_in


@pytest.fixture
def running(staff):
    """A group that started three weeks ago (six sessions held), with two learners."""
    group = make_group(weeks_from_now=-3, weeks=6, trainer=staff["trainer.sofia"])
    amira = services.enrolment_create(group=group, name="Amira Haddad", phone="+359881111111", language="ar")
    olena = services.enrolment_create(group=group, name="Olena K.", phone="+359882222222", language="uk")
    return group, amira, olena


def held(group):
    return list(group.sessions.filter(start__lte=timezone.now()))


def test_the_trainer_marks_one_row_and_it_is_saved_on_its_own(client, staff, running):
    group, amira, olena = running
    session = held(group)[0]
    signed_in(client, staff["trainer.sofia"])
    page = client.get(f"/en/staff/courses/{group.pk}/sessions/{session.pk}/")
    assert page.status_code == 200 and "Amira Haddad" in page.content.decode()
    url = f"/en/staff/courses/{group.pk}/sessions/{session.pk}/learners/{amira.pk}/"
    saved = client.post(url, {f"e{amira.pk}-mark": "late", f"e{amira.pk}-remark": "bus"})
    assert saved.status_code == 302 and saved["Location"].endswith(f"#learner-{amira.pk}")
    mark = Attendance.objects.get()
    assert (mark.enrolment, mark.mark, mark.remark, mark.marked_by) == (amira, "late", "bus", staff["trainer.sofia"])
    client.post(url, {f"e{amira.pk}-mark": "present"})  # changed in place, never two marks
    assert list(Attendance.objects.values_list("mark", flat=True)) == ["present"]
    again = client.get(saved["Location"].split("#")[0]).content.decode()
    assert "saved: Present" in again


def test_a_session_that_has_not_happened_cannot_be_marked(client, staff, running):
    group, amira, _olena = running
    future = group.sessions.filter(start__gt=timezone.now()).first()
    signed_in(client, staff["trainer.sofia"])
    url = f"/en/staff/courses/{group.pk}/sessions/{future.pk}/learners/{amira.pk}/"
    response = client.post(url, {f"e{amira.pk}-mark": "present"}, follow=True)
    assert "has not happened yet" in response.content.decode()
    assert Attendance.objects.count() == 0


def test_a_paper_register_entered_afterwards_is_marked_as_such(client, staff, running):
    group, amira, _olena = running
    session = held(group)[1]
    signed_in(client, staff["trainer.sofia"])
    url = f"/en/staff/courses/{group.pk}/sessions/{session.pk}/learners/{amira.pk}/"
    response = client.post(url, {f"e{amira.pk}-mark": "absent", "paper": "1"})
    assert "paper=1" in response["Location"]
    assert Attendance.objects.get().from_paper is True
    pdf = client.get(f"/en/staff/courses/{group.pk}/register.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Amira Haddad" in text and "Olena K." in text


def test_the_register_grid_costs_the_same_queries_for_any_size(client, staff):
    small = make_group(weeks_from_now=-2, weeks=3, weekdays=(0,), trainer=staff["trainer.sofia"])
    big = make_group(weeks_from_now=-30, weeks=32, weekdays=(0, 2), trainer=staff["trainer.sofia"], capacity=40)
    for group, count in ((small, 2), (big, 40)):
        for index in range(count):
            enrolment = services.enrolment_create(group=group, name=f"L{index}", phone=f"+35988{count:02d}{index:05d}")
            for session in held(group):
                Attendance.objects.create(session=session, enrolment=enrolment, mark="present")
    signed_in(client, staff["trainer.sofia"])
    client.get(f"/en/staff/courses/{small.pk}/register/")  # warm the session and the permission cache
    counts = []
    for group in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/staff/courses/{group.pk}/register/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_completion_levels_and_a_certificate_anyone_can_check(client, staff, running):
    group, amira, olena = running
    sessions = held(group)
    for session in sessions:
        services.attendance_mark(session=session, enrolment=amira, mark="present", by=staff["trainer.sofia"])
    services.attendance_mark(session=sessions[0], enrolment=olena, mark="present", by=staff["trainer.sofia"])
    signed_in(client, staff["trainer.sofia"])
    refused = client.post(f"/en/staff/courses/enrolments/{amira.pk}/certificate/", {"name_as_printed": "Amira Haddad"})
    assert "The exit assessment has not been recorded." in refused.content.decode()
    client.post(f"/en/staff/courses/enrolments/{amira.pk}/levels/", {"entry_level": "pre-a1", "exit_level": "A1"})
    amira.refresh_from_db()
    assert amira.levels_gained() == 1
    client.post(f"/en/staff/courses/enrolments/{olena.pk}/levels/", {"entry_level": "A1", "exit_level": "A2"})
    too_few = client.post(f"/en/staff/courses/enrolments/{olena.pk}/certificate/", {"name_as_printed": "Olena K."})
    assert "Attendance 17%: 75% is needed." in too_few.content.decode()
    issued = client.post(f"/en/staff/courses/enrolments/{amira.pk}/certificate/", {"name_as_printed": "Amira Haddad"})
    certificate = Certificate.objects.get()
    assert issued["Location"].endswith(f"/certificates/{certificate.code}/")
    assert Enrolment.objects.get(pk=amira.pk).status == Enrolment.Status.COMPLETED

    pdf = client.get(f"/en/staff/courses/certificates/{certificate.code}/certificate.pdf")
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Amira Haddad" in text and certificate.code in text
    assert "Сертификат за завършен курс" in text and "شهادة" in text  # Bulgarian, and the learner's Arabic

    client.logout()
    public = client.get(f"/ar/certificates/{certificate.code}/")
    page = public.content.decode()
    assert public.status_code == 200 and "Amira Haddad" in page and 'dir="rtl"' in page
    assert "+359881111111" not in page and amira.reference not in page  # nothing else about the person
    typed = client.get("/en/certificates/", {"code": certificate.code.replace("-", "").lower()})
    assert typed.status_code == 302 and client.get(typed["Location"]).status_code == 200
    missing = client.get("/uk/certificates/ZZZZZ-ZZZZZ/")
    assert missing.status_code == 404 and "ZZZZZ-ZZZZZ" in missing.content.decode()

    signed_in(client, staff["manager.sofia"])
    no_reason = client.post(f"/en/staff/courses/certificates/{certificate.code}/", {"reason": ""})
    assert no_reason.status_code == 200 and Certificate.objects.get().revoked_at is None
    client.post(f"/en/staff/courses/certificates/{certificate.code}/", {"reason": "Issued by mistake"})
    client.logout()
    assert "This certificate has been revoked" in client.get(f"/en/certificates/{certificate.code}/").content.decode()


def test_a_trainer_cannot_revoke(client, staff, running):
    group, amira, _olena = running
    certificate = Certificate.objects.create(enrolment=amira, name_as_printed="Amira")
    signed_in(client, staff["trainer.sofia"])
    assert client.post(f"/en/staff/courses/certificates/{certificate.code}/", {"reason": "x"}).status_code == 403
    assert Certificate.objects.get().revoked_at is None


def test_the_desk_enrols_with_consent_on_the_client_file(client, staff, running):
    group, _amira, _olena = running
    file = Client.objects.create(centre=group.centre, name="Nadia S.")
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/courses/{group.pk}/enrol/"
    without = client.post(url, {"name": "Nadia S.", "client_reference": file.reference, "gender": "female"})
    assert "Ask the person first" in without.content.decode() and 'value="Nadia S."' in without.content.decode()
    client.post(url, {"name": "Nadia S.", "client_reference": file.reference, "consent": "on", "gender": "female"})
    enrolment = Enrolment.objects.get(name="Nadia S.")
    assert enrolment.client == file and enrolment.source == Enrolment.Source.STAFF
    other = Client.objects.create(centre=staff["consultant.burgas"].centres.get(), name="Elsewhere")
    refused = client.post(url, {"name": "X", "client_reference": other.reference, "consent": "on"})
    assert "No client file with this reference at your centres." in refused.content.decode()


def test_a_full_group_at_the_desk_goes_on_the_waiting_list(client, staff):
    group = make_group(capacity=1, trainer=staff["trainer.sofia"])
    services.enrolment_create(group=group, name="First", phone="+359881111111")
    signed_in(client, staff["consultant.sofia"])
    response = client.post(f"/en/staff/courses/{group.pk}/enrol/", {"name": "Second"}, follow=True)
    assert "is on the waiting list" in response.content.decode()
    assert Enrolment.objects.get(name="Second").status == Enrolment.Status.WAITING
    assert timezone.now() - Enrolment.objects.get(name="Second").created_at < timedelta(minutes=1)
