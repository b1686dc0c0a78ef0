"""Reminders the day before an event, by SMS and e-mail in the person's language: sent once, only to
people holding a place, never for a cancelled registration, the waiting list, or an event already begun."""

from datetime import datetime, time, timedelta

import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from integra.accounts.tests.conftest import member
from integra.core import sms
from integra.events import services, tasks
from integra.events.models import Registration
from integra.events.tests.conftest import make_event, register


def _tomorrow_at(hour: int):
    day = timezone.localdate() + timedelta(days=1)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _event_tomorrow(**fields):
    start = _tomorrow_at(17)
    return make_event(start=start, end=start + timedelta(hours=2), **fields)


def test_the_daily_command_reminds_each_registered_person_once_in_their_language(reference_data):
    event = _event_tomorrow(capacity=2)
    persian = register(event, "F. R.", phone="+359881111111", language="fa")
    english = register(event, "E. N.", email="e@example.org", language="en")
    waiting = register(event, "W. L.", phone="+359882222222")
    later = make_event(days=3)
    register(later, "Not yet", phone="+359883333333")
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in sms.outbox] == ["+359881111111"]
    assert "/fa/events/registered/" in sms.outbox[0].body and "۱۷:۰۰" in sms.outbox[0].body  # Persian digits
    assert persian.reference in sms.outbox[0].body
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["e@example.org"] and english.reference in mail.outbox[0].body
    assert Registration.objects.get(pk=waiting.pk).reminded_at is None
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115 - run twice: once each
    assert len(sms.outbox) == 1 and len(mail.outbox) == 1


def test_a_cancelled_registration_gets_no_reminder(reference_data):
    event = _event_tomorrow()
    registration = register(event, "C. X.", phone="+359881111111")
    services.registration_cancel(registration=registration)
    assert tasks.send_due_reminders.call() == 0
    assert tasks.send_reminder.call(registration.pk) is False
    assert sms.outbox == []


def test_no_reminder_once_the_event_has_started(reference_data):
    event = _event_tomorrow()
    registration = register(event, "L. T.", phone="+359881111111")
    with time_machine.travel(event.start + timedelta(minutes=5)):
        assert tasks.send_reminder.call(registration.pk) is False
    assert sms.outbox == []


def test_someone_who_registered_without_contact_at_the_door_is_skipped(reference_data, staff):
    event = _event_tomorrow()
    services.registration_at_door(event=event, by=staff["consultant.sofia"], name="D. R.")
    assert list(services.registrations_due_for_reminder()) == []


def test_a_members_reminder_follows_their_choice_of_channel_and_language(reference_data):
    event = _event_tomorrow()
    by_mail = member("amina", "ar")
    by_mail.notify_by, by_mail.preferred_language = "email", "fa"
    by_mail.save()
    silent = member("boris", "en")
    silent.notify_by = "none"
    silent.save()
    for person, phone in ((by_mail, "+359881111111"), (silent, "+359882222222")):
        registration = register(event, person.username, phone=phone, language="ar")
        Registration.objects.filter(pk=registration.pk).update(member=person)
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sms.outbox == []  # one chose e-mail, the other no messages
    [message] = mail.outbox
    assert message.to == ["amina@example.org"] and "/fa/events/registered/" in message.body
