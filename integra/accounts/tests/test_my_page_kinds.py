"""My page (issue 17 item 4), the kinds added with claiming: answers and private pages of my questions, event
registrations, call-backs; messages and language; the readable PDF; deleting with all of them."""

import io
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation
from pypdf import PdfReader

from integra.accounts.models import User
from integra.accounts.tests.conftest import booking, member
from integra.centres.models import Centre
from integra.consultations.models import Appointment
from integra.consultations.tasks import send_appointment_reminder
from integra.core import sms
from integra.events import services as event_services
from integra.events.models import Event, Registration
from integra.events.tests.conftest import make_event
from integra.forum.models import Answer, Question
from integra.hotline import services as hotline_services
from integra.hotline.models import CallBack
from integra.topics.models import Topic
from tests.base import signed_in

pytestmark = pytest.mark.usefixtures("reference_data")
MY = "/en/my/"


@pytest.fixture(autouse=True)
def sms_in_memory(settings):
    settings.SMS_BACKEND = "locmem"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def question_of(user, title="Residence card", answers=("Go to the migration office.",)):
    question = Question.objects.create(
        title=title, body="When?", topic=Topic.objects.get(slug="residence"), language="en", member=user,
        status=Question.Status.PUBLISHED,
    )  # fmt: skip
    for body in answers:
        Answer.objects.create(question=question, author_role="consultant", body=body)
    return question


def registration_of(user, days=7, name="A. K."):
    event = make_event(days=max(days, 1))
    registration = event_services.registration_create(event=event, name=name, phone="+359881234567")
    if days < 1:
        moved = event.start + timedelta(days=days - 1)
        Event.objects.filter(pk=event.pk).update(start=moved, end=moved + timedelta(hours=2))
    Registration.objects.filter(pk=registration.pk).update(member=user)
    return Registration.objects.get(pk=registration.pk)


def call_back_of(user):
    call_back = hotline_services.call_back_request(phone="+359881234567", language="ar")
    CallBack.objects.filter(pk=call_back.pk).update(member=user)
    return CallBack.objects.get(pk=call_back.pk)


def test_the_page_shows_answers_events_and_call_backs_of_this_member_only(client):
    amina, boris = member(), member("boris", "en")
    question_of(amina, answers=["Go to the migration office on Monday."])
    mine, theirs = registration_of(amina), registration_of(boris, days=8, name="B. B.")
    call_back = call_back_of(amina)
    signed_in(client, amina)
    page = client.get(MY).content.decode()
    assert "Go to the migration office on Monday." in page
    assert mine.reference in page and "Information day" in page and "/en/events/registered/" in page
    assert call_back.reference in page and "Waiting" in page
    assert theirs.reference not in page


def test_my_question_opens_its_private_page_and_another_members_question_is_404(client):
    amina, boris = member(), member("boris", "en")
    mine, theirs = question_of(amina), question_of(boris, title="Boris question")
    signed_in(client, amina)
    response = client.get(f"/en/my/questions/{mine.pk}/")
    assert response["Location"] == "/en/questions/private/"
    assert "Go to the migration office." in client.get("/en/questions/private/").content.decode()
    assert client.get(f"/en/my/questions/{theirs.pk}/").status_code == 404
    assert client.get("/en/my/questions/999999/").status_code == 404


def test_text_messages_need_a_confirmed_phone_and_the_choice_is_saved(client):
    amina = member()
    signed_in(client, amina)
    page = client.post("/en/my/settings/", {"notify_by": "sms", "preferred_language": "ar"})
    assert page.status_code == 200 and "first confirm your phone number" in page.content.decode()
    User.objects.filter(pk=amina.pk).update(phone="+359881234567")
    response = client.post("/en/my/settings/", {"notify_by": "sms", "preferred_language": "uk"})
    assert response.status_code == 302 and response["Location"] == "/uk/my/"  # the page in the language chosen
    amina.refresh_from_db()
    assert (amina.notify_by, amina.preferred_language) == ("sms", "uk")
    assert client.post("/en/my/settings/", {"notify_by": "pigeon", "preferred_language": "uk"}).status_code == 200


def test_a_members_reminder_follows_their_choice_of_messages_and_language(monkeypatch):
    amina = member()
    amina.notify_by, amina.phone = User.Notify.SMS, "+359887777777"
    amina.save()
    appointment = booking(email="amina@example.org", member=amina, days=1)
    assert send_appointment_reminder.call(appointment.pk)
    assert not mail.outbox and [m.to for m in sms.outbox] == ["+359881234567"]

    User.objects.filter(pk=amina.pk).update(notify_by=User.Notify.NONE)
    other = booking(email="amina@example.org", member=User.objects.get(pk=amina.pk), days=2)
    assert send_appointment_reminder.call(other.pk)
    assert not mail.outbox and len(sms.outbox) == 1

    visitor = booking(email="v@example.org", days=3)  # no account: the contacts given with it, as before
    assert send_appointment_reminder.call(visitor.pk)
    assert mail.outbox[-1].to == ["v@example.org"] and len(sms.outbox) == 2


def test_my_data_as_json_has_the_new_kinds(client):
    amina = member()
    question_of(amina)
    registration = registration_of(amina)
    call_back = call_back_of(amina)
    signed_in(client, amina)
    data = json.loads(client.get(MY + "data.json").content)
    assert data["account"]["notify_by"] == "email" and data["account"]["phone"] == ""
    assert data["questions"][0]["answers"][0]["body"] == "Go to the migration office."
    assert data["event_registrations"][0]["reference"] == registration.reference
    assert data["call_backs"][0]["reference"] == call_back.reference


def test_my_data_as_a_readable_pdf(client):
    amina = member()
    appointment = booking(member=amina)
    registration = registration_of(amina)
    booking(member=member("boris", "en"), days=5, phone="+359887654321")
    signed_in(client, amina)
    response = client.get(MY + "data.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert appointment.reference in text and registration.reference in text
    assert "+359887654321" not in text
    assert client.get("/ar/my/data.pdf").content.startswith(b"%PDF")


def test_the_pdf_is_laid_out_right_to_left_in_arabic_and_persian():
    amina = member()
    request = RequestFactory().get("/")
    request.user = amina
    empty = {"bookings": [], "questions": [], "enrolments": [], "registrations": [], "call_backs": []}
    for language, direction in [("ar", "rtl"), ("fa", "rtl"), ("uk", "ltr")]:
        with translation.override(language):
            html = render_to_string("accounts/my/data_pdf.html", {"member": amina, "now": timezone.now(), **empty})
        assert f'<html lang="{language}" dir="{direction}">' in html


def test_deleting_with_open_bookings_cancels_them_and_tells_the_centre_without_the_name(
    client, django_capture_on_commit_callbacks
):
    amina = member()
    Centre.objects.filter(slug="sofia").update(email="sofia@centre.example")
    open_booking = booking(member=amina)
    past = booking(member=amina, days=-3)
    Appointment.objects.filter(pk=past.pk).update(status=Appointment.Status.ATTENDED)
    upcoming_event, past_event = registration_of(amina), registration_of(amina, days=-7, name="A. K. past")
    waiting = call_back_of(amina)
    signed_in(client, amina)
    page = client.get(MY + "delete/").content.decode()
    assert "Your 1 upcoming booking will be cancelled." in page and "We tell the centre" in page
    assert "Your registration for 1 event still to come will be withdrawn." in page
    assert "Your 1 waiting call-back will be cancelled." in page
    assert "1 registration for a past event" in page and "1 call-back (when it was asked" in page

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(MY + "delete/confirm/", {"confirm": "yes"}).status_code == 302
    open_booking.refresh_from_db()
    assert open_booking.status == Appointment.Status.CANCELLED and open_booking.name == ""
    [centre_mail] = [m for m in mail.outbox if m.to == ["sofia@centre.example"]]
    assert open_booking.reference in centre_mail.body and past.reference not in centre_mail.body
    assert "Amina" not in centre_mail.body and "+359881234567" not in centre_mail.body
    assert not Registration.objects.filter(pk=upcoming_event.pk).exists()  # the place is given back
    kept = Registration.objects.get(pk=past_event.pk)
    assert (kept.name, str(kept.phone), kept.member) == ("", "", None)
    waiting.refresh_from_db()
    assert waiting.status == CallBack.Status.CANCELLED and waiting.phone == "" and waiting.member is None


def test_a_centre_without_an_address_is_told_through_its_managers(client, staff, django_capture_on_commit_callbacks):
    Centre.objects.filter(slug="sofia").update(email="")
    manager = staff["manager.sofia"]
    User.objects.filter(pk=manager.pk).update(email="manager@centre.example")
    amina = member()
    booking(member=amina)
    signed_in(client, amina)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(MY + "delete/confirm/", {"confirm": "yes"})
    assert any(m.to == ["manager@centre.example"] for m in mail.outbox)


def test_the_deletion_with_nothing_open_tells_no_centre(client, django_capture_on_commit_callbacks):
    amina = member()
    past = booking(member=amina, days=-3)
    Appointment.objects.filter(pk=past.pk).update(status=Appointment.Status.ATTENDED)
    signed_in(client, amina)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(MY + "delete/confirm/", {"confirm": "yes"})
    assert mail.outbox == []


def test_new_pages_send_staff_to_the_back_office(client, staff):
    signed_in(client, staff["consultant.sofia"])
    for url in [MY + "settings/", MY + "data.pdf", MY + "questions/1/"]:
        assert client.get(url)["Location"] == "/en/staff/"
    client.logout()
    for url in [MY + "settings/", MY + "data.pdf"]:
        assert "/accounts/login/" in client.get(url)["Location"]


def test_a_question_without_answers_says_so(client):
    amina = member()
    question_of(amina, answers=[])
    signed_in(client, amina)
    assert "0 answers" in client.get(MY).content.decode()
