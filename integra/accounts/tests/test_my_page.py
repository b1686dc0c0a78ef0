"""A member's own page /<lang>/my/ (issue 17 item 4): bookings and questions, download, delete; denials."""

import json
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from integra.accounts import services
from integra.accounts.models import User
from integra.centres.models import Centre
from integra.consultations.models import Appointment
from integra.core.models import AuditEntry
from integra.courses import services as course_services
from integra.courses.models import Certificate, Enrolment
from integra.courses.tests.conftest import make_group
from integra.forum.models import Answer, Question
from integra.topics.models import Topic
from tests.base import signed_in

pytestmark = pytest.mark.usefixtures("reference_data")
MY = "/en/my/"


def member(name="amina"):
    return services.member_create(username=name, email=f"{name}@example.org", password="x" * 20, language="ar")


def book(user, days, name, hour=10, status=Appointment.Status.BOOKED):
    start = (timezone.now() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return Appointment.objects.create(
        centre=Centre.objects.get(slug="sofia"),
        start=start,
        end=start + timedelta(minutes=30),
        topic=Topic.objects.get(slug="residence"),
        language="ar",
        name=name,
        phone="+359881234567",
        email=f"{name}@example.org",
        member=user,
        status=status,
    )


def ask(user, title, answers=0):
    question = Question.objects.create(
        title=title,
        body="Details",
        topic=Topic.objects.get(slug="residence"),
        language="en",
        status=Question.Status.PUBLISHED,
        email="q@example.org",
        member=user,
    )
    for i in range(answers):
        Answer.objects.create(question=question, author_role="consultant", body=f"Answer {i}")
    return question


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in [MY, MY + "data.json", MY + "delete/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_staff_are_sent_to_the_back_office(client, staff):
    signed_in(client, staff["coordinator"])
    for url in [MY, MY + "data.json", MY + "delete/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/en/staff/"


def test_a_member_sees_their_bookings_and_questions_only(client):
    amina, other = member(), member("boris")
    upcoming = book(amina, 3, "Amina booking")
    book(amina, -3, "Amina past", status=Appointment.Status.ATTENDED)
    theirs = book(other, 4, "Boris booking", hour=11)
    ask(amina, "Amina question", answers=2)
    ask(other, "Boris question")
    signed_in(client, amina)
    page = client.get(MY).content.decode()
    assert upcoming.reference in page
    assert f"/en/my/bookings/{upcoming.pk}/" in page
    assert "Amina question" in page and "2 answers" in page
    assert theirs.reference not in page and "Boris question" not in page
    assert client.get(f"/en/my/bookings/{theirs.pk}/").status_code == 404


def test_the_page_takes_the_same_number_of_queries_for_one_or_many(client, django_assert_num_queries):
    amina = member()
    book(amina, 3, "one")
    ask(amina, "one", answers=1)
    signed_in(client, amina)
    client.get(MY)
    # session, user, the user's roles, what the site header needs, bookings, questions and their answers,
    # course enrolments, event registrations, call-backs
    with django_assert_num_queries(10):
        assert client.get(MY).status_code == 200
    for i in range(5):
        book(amina, 4 + i, f"more {i}", hour=12)
        ask(amina, f"more {i}", answers=2)
    with django_assert_num_queries(10):
        assert client.get(MY).status_code == 200


def test_change_or_cancel_opens_the_public_change_page_without_the_look_up(client):
    amina = member()
    booking = book(amina, 3, "Amina")
    signed_in(client, amina)
    response = client.get(f"/en/my/bookings/{booking.pk}/")
    assert response["Location"] == "/en/book/change/booking/"
    assert booking.reference in client.get("/en/book/change/booking/").content.decode()
    client.post("/en/book/change/booking/cancel/")
    booking.refresh_from_db()
    assert booking.status == Appointment.Status.CANCELLED


def test_download_my_data_is_a_json_attachment_with_everything(client):
    amina = member()
    booking = book(amina, 3, "Amina")
    ask(amina, "Amina question", answers=1)
    book(member("boris"), 4, "Boris", hour=11)
    signed_in(client, amina)
    response = client.get(MY + "data.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == "amina@example.org"
    assert data["account"]["preferred_language"] == "ar"
    assert [b["reference"] for b in data["bookings"]] == [booking.reference]
    assert data["questions"][0]["title"] == "Amina question" and len(data["questions"][0]["answers"]) == 1


def test_delete_says_what_is_erased_and_really_erases(client):
    amina = member()
    open_booking = book(amina, 3, "Amina Open")
    past = book(amina, -3, "Amina Past", status=Appointment.Status.ATTENDED)
    question = ask(amina, "Amina question", answers=1)
    boris = member("boris")
    theirs = book(boris, 4, "Boris", hour=11)
    signed_in(client, amina)
    page = client.get(MY + "delete/").content.decode()
    assert "your name, e-mail and phone number" in page
    assert "Your 1 upcoming booking will be cancelled." in page
    assert "2 bookings (when and where, the topic)" in page

    assert client.post(MY + "delete/confirm/").status_code == 302  # no confirmation: nothing done
    assert User.objects.get(pk=amina.pk).email == "amina@example.org"

    response = client.post(MY + "delete/confirm/", {"confirm": "yes"})
    assert response.status_code == 302
    assert client.get(MY).status_code == 302  # signed out
    amina.refresh_from_db()
    assert not amina.is_active and amina.email == "" and amina.username.startswith("deleted-")
    assert not amina.has_usable_password()
    open_booking.refresh_from_db()
    past.refresh_from_db()
    assert open_booking.status == Appointment.Status.CANCELLED
    assert past.status == Appointment.Status.ATTENDED
    for b in (open_booking, past):
        assert (b.name, str(b.phone or ""), b.email, b.member) == ("", "", "", None)
    question.refresh_from_db()
    assert question.member is None and question.email == "" and question.answers.count() == 1
    theirs.refresh_from_db()
    assert theirs.member == boris and theirs.name == "Boris"
    entry = AuditEntry.objects.get(action=LogEntry.Action.DELETE, object_pk=str(amina.pk))
    assert entry.additional_data["event"] == "member_account_deleted"
    assert entry.additional_data["bookings_cancelled"] == 1
    assert "amina" not in entry.object_repr


def test_the_page_and_the_deletion_page_are_in_arabic(client):
    amina = member()
    book(amina, 3, "Amina")
    signed_in(client, amina)
    page = client.get("/ar/my/").content.decode()
    assert "صفحتي" in page and "تغيير أو إلغاء" in page and 'dir="rtl"' in page
    assert "نعم، احذف حسابي" in client.get("/ar/my/delete/").content.decode()


def test_a_member_sees_their_courses_attendance_and_certificate_and_deleting_frees_the_place(client, staff):
    member = staff["member"]
    group = make_group(weeks_from_now=-2, weeks=4, capacity=1)
    mine = course_services.enrolment_create(group=group, name="Amira", phone="+359881111111", member=member)
    waiting = course_services.enrolment_create(group=group, name="Next", phone="+359882222222")
    session = group.sessions.filter(start__lte=timezone.now()).first()
    course_services.attendance_mark(session=session, enrolment=mine, mark="present", by=staff["trainer.sofia"])
    Certificate.objects.create(enrolment=mine, name_as_printed="Amira", issued_at=timezone.now() - timedelta(days=1))
    signed_in(client, member)
    page = client.get("/en/my/").content.decode()
    assert "Bulgarian for beginners (A1)" in page and mine.reference in page and "Attended 1 session" in page
    assert mine.certificate.code in page and "/en/courses/enrolled/" in page
    data = client.get("/en/my/data.json").json()
    assert data["course_enrolments"][0]["reference"] == mine.reference
    assert data["course_enrolments"][0]["attendance"][0]["mark"] == "present"
    client.post("/en/my/delete/confirm/", {"confirm": "yes"})
    mine.refresh_from_db()
    assert (mine.name, str(mine.phone), mine.member, mine.status) == ("", "", None, Enrolment.Status.LEFT)
    assert Enrolment.objects.get(pk=waiting.pk).status == Enrolment.Status.OFFERED
