"""The day after an event, a message asks the people who came "was this useful for you?" with the card's link
(issue 15): once, in their language, only to those who came (marked arrived when the door was checked), never
to the cancelled, to someone who already answered, or about an event long past; a member's choice of channel
is followed."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from integra.accounts.tests.conftest import member
from integra.core import sms
from integra.events import services, tasks
from integra.events.models import Event, Registration
from integra.events.tests.conftest import make_event, register


def ended(event, hours_ago=20):
    """Move an event (registered while upcoming) into the past."""
    end = timezone.now() - timedelta(hours=hours_ago)
    Event.objects.filter(pk=event.pk).update(start=end - timedelta(hours=2), end=end)
    event.refresh_from_db()
    return event


def ask():
    call_command("ask_event_feedback", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_after_a_door_check_only_those_who_came_are_asked_once_in_their_language(reference_data, staff):
    event = make_event()
    came = register(event, "F. R.", phone="+359881111111", language="fa")
    stayed_away = register(event, "S. A.", phone="+359882222222", language="ar")
    cancelled = register(event, "C. X.", email="c@example.org")
    services.registration_cancel(registration=cancelled)
    services.registration_arrive(registration=came, by=staff["coordinator"])
    ended(event)
    ask()
    ask()  # the daily run twice: asked once
    [message] = sms.outbox
    assert message.to == "+359881111111" and "/fa/events/registered/" in message.body and "/feedback/" in message.body
    assert mail.outbox == []
    assert Registration.objects.get(pk=stayed_away.pk).feedback_asked_at is None


def test_without_a_door_check_everyone_holding_a_place_is_asked_but_not_who_answered_already(reference_data):
    event = make_event()
    answered = register(event, "A. N.", phone="+359881111111")
    by_mail = register(event, "E. N.", email="e@example.org", language="uk")
    silent = member("boris", "en")
    silent.notify_by = "none"
    silent.save()
    quiet = register(event, "B. B.", phone="+359883333333")
    Registration.objects.filter(pk=quiet.pk).update(member=silent)
    ended(event)
    services.feedback_record(event=event, registration=answered, answer="yes")
    ask()
    assert sms.outbox == []  # one answered the card already, the other chose no messages
    [message] = mail.outbox
    assert message.to == ["e@example.org"] and "/uk/events/registered/" in message.body
    assert by_mail.reference not in message.subject


def test_an_event_that_ended_days_ago_or_has_not_ended_asks_nobody(reference_data):
    long_ago, running = make_event(), make_event(days=1)
    register(long_ago, "L. A.", phone="+359881111111")
    register(running, "R. U.", phone="+359882222222")
    ended(long_ago, hours_ago=24 * 3)
    Event.objects.filter(pk=running.pk).update(start=timezone.now() - timedelta(hours=1))
    assert tasks.ask_for_feedback.call() == 0
    assert sms.outbox == [] and mail.outbox == []


def test_the_link_in_the_message_opens_the_card_and_answers_once(client, reference_data):
    event = make_event()
    register(event, "F. R.", phone="+359881111111", language="en")
    ended(event)
    ask()
    path = "/" + sms.outbox[0].body.split("http://localhost:8000/", 1)[1].split()[0]
    assert "Was this event useful for you?" in client.get(path).content.decode()
    assert client.post(path, {"answer": "yes"}).status_code == 302
    assert client.post(path, {"answer": "no"}).status_code == 400
    assert event.feedback.get().answer == "yes"
