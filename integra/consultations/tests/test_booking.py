import pytest
from django.core import mail

from integra.consultations import services
from integra.consultations.models import Appointment, ClosedDay, Rota
from integra.consultations.tests.booking_steps import ANSWERS, URL, book, post, reach_check_page
from integra.consultations.tests.conftest import local

pytestmark = pytest.mark.usefixtures("reference_data", "monday_morning")


def test_a_visitor_books_a_consultation_one_question_at_a_time(client):
    page = client.get(URL)
    assert "Which centre would you like to visit?" in page.content.decode()
    check = reach_check_page(client)
    body = check.content.decode()
    assert "Amira" in body and "10:00" in body
    done = post(client, check, "check")
    assert done.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.start == local(2026, 11, 24, 10)
    assert appointment.language == "ar" and appointment.interpreter_needed
    assert str(appointment.phone) == "+359881234567"
    confirmation = client.get(done["Location"])
    text = confirmation.content.decode()
    assert appointment.reference in text
    assert "What happens next" in text
    assert "Amira" not in text  # the confirmation link carries no personal data


def test_the_confirmation_offers_a_calendar_file(client):
    done = book(client)
    ics = client.get(done["Location"] + "consultation.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert "BEGIN:VEVENT" in body and "DTSTART:20261124T080000Z" in body
    assert Appointment.objects.get().reference in body


def test_a_double_submitted_booking_makes_one_appointment(client):
    check = reach_check_page(client)
    first = post(client, check, "check")
    second = post(client, check, "check")
    assert Appointment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_slot_taken_meanwhile_sends_the_visitor_back_to_the_time_with_a_clear_message(client):
    check = reach_check_page(client)
    services.appointment_book(
        centre=_sofia(),
        start=local(2026, 11, 24, 10),
        topic=_topic(),
        language="bg",
        interpreter_needed=False,
        name="Someone else",
        phone="+359881111111",
    )
    page = post(client, check, "check")
    body = page.content.decode()
    assert page.status_code == 200
    assert "This time is not free any more" in body
    assert 'class="error-summary"' in body
    assert Appointment.objects.count() == 1
    # Choosing another time returns to the check page with every other answer kept.
    assert 'name="wizard_to_check"' in body
    page = post(client, page, "slot", **{"slot-slot": "2026-11-24T10:30", "wizard_to_check": "1"})
    assert "Check your answers" in page.content.decode() and "Amira" in page.content.decode()
    post(client, page, "check")
    assert Appointment.objects.filter(name="Amira", start=local(2026, 11, 24, 10, 30)).exists()


def test_it_offers_no_slot_in_the_past_nor_sooner_than_the_notice(client):
    page = client.get(URL)
    for step in ("centre", "topic", "language"):
        page = post(client, page, step, **ANSWERS[step])
    page = post(client, page, "day", **{"day-day": "2026-11-23"})
    body = page.content.decode()
    assert 'value="2026-11-23T10:00"' in body
    assert 'value="2026-11-23T09:30"' not in body
    refused = post(client, page, "slot", **{"slot-slot": "2026-11-23T09:30"})
    assert "This time is not free any more" in refused.content.decode()


def test_it_rejects_a_day_in_the_past_or_a_closed_day(client):
    ClosedDay.objects.create(centre_id=_sofia().pk, date=local(2026, 11, 25, 0).date(), reason="Holiday")
    page = reach_check_page(client)  # to get a state with the earlier answers
    for day in ("2026-11-20", "2026-11-25", "2026-11-29"):  # past, closed, Sunday
        answer = post(client, page, "day", **{"day-day": day})
        assert "There is no free time on that day any more" in answer.content.decode()


def test_slots_follow_the_opening_hours_and_the_rota_length():
    sofia = _sofia()
    Rota.objects.create(centre=sofia, slot_minutes=60)
    starts = services.centre_slots(sofia, first_day=local(2026, 11, 24, 0).date(), days=1)
    assert [f"{s.astimezone(local(2026, 1, 1, 0).tzinfo):%H:%M}" for s in starts] == [
        "09:00",
        "10:00",
        "11:00",
        "12:00",
        "13:00",
        "14:00",
        "15:00",
        "16:00",
    ]  # fmt: skip  (09:00–17:30: a 17:00 slot would end after closing)
    saturday = services.centre_slots(sofia, first_day=local(2026, 11, 28, 0).date(), days=1)
    assert len(saturday) == 3  # 10:00–13:00


def test_a_booking_outside_hours_is_refused_by_the_service():
    with pytest.raises(services.SlotInvalid):
        services.appointment_book(
            centre=_sofia(),
            start=local(2026, 11, 24, 18),
            topic=_topic(),
            language="bg",
            interpreter_needed=False,
            name="Late",
            email="late@example.org",
        )


def test_contact_details_need_a_phone_or_an_email_and_a_real_phone_number(client):
    page = reach_check_page(client)
    page = post(client, page, "contact", **{"contact-name": "Amira", "contact-phone": "12", "contact-email": ""})
    body = page.content.decode()
    assert "Enter a phone number, for example +359 88 123 4567." in body
    assert 'value="Amira"' in body and 'value="12"' in body
    page = post(client, page, "contact", **{"contact-name": "Amira", "contact-phone": "", "contact-email": ""})
    assert "Give a phone number or an e-mail address" in page.content.decode()


def test_the_booking_pages_speak_the_visitors_language(client):
    page = client.get("/ar/book/start/")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.content.decode()


def test_reminders_go_the_day_before_by_email_and_sms_once():
    from integra.consultations.tasks import send_due_reminders
    from integra.core import sms

    appointment = _book(local(2026, 11, 24, 11), phone="+359881234567", email="amira@example.org")
    _book(local(2026, 11, 25, 11), phone="+359881234568")  # not tomorrow
    send_due_reminders.enqueue()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["amira@example.org"]
    assert appointment.reference in mail.outbox[0].body
    assert len(sms.outbox) == 1 and sms.outbox[0].to == "+359881234567"
    assert appointment.reference in sms.outbox[0].body
    send_due_reminders.enqueue()
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1


def test_the_reminder_command_queues_the_run():
    from django.core.management import call_command

    from integra.core import sms

    _book(local(2026, 11, 24, 11), phone="+359881234567")
    call_command("send_booking_reminders")
    assert len(sms.outbox) == 1


def _sofia():
    from integra.centres.models import Centre

    return Centre.objects.get(slug="sofia")


def _topic():
    from integra.topics.models import Topic

    return Topic.objects.get(slug="residence")


def _book(start, **contact):
    return services.appointment_book(
        centre=_sofia(), start=start, topic=_topic(), language="en", interpreter_needed=False, name="Amira", **contact
    )


def test_every_booking_page_stays_light_for_a_slow_phone(client):
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "integra.css").stat().st_size
    page = client.get(URL)
    sizes = [len(page.content)]
    for step, fields in ANSWERS.items():
        page = post(client, page, step, **fields)
        sizes.append(len(page.content))
    assert max(sizes) + css < 100_000, sizes
