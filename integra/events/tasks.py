"""Background work for events: the waiting list's offers (and their lapsing), reminders the day before, and
"was this useful for you?" the day after.

Enqueue `expire_offers` every hour (`manage.py events_offers`), `send_due_reminders` once a day, e.g.
at 09:00 (`manage.py send_event_reminders`), and `ask_for_feedback` once a day, e.g. at 11:00
(`manage.py ask_event_feedback`), from cron or a systemd timer; `manage.py db_worker` runs them.
"""

from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from integra.core import waitlist
from integra.events import services
from integra.events.models import Registration
from integra.events.views import confirmation_token


def _registration(pk: int) -> Registration | None:
    return Registration.objects.select_related("event__centre", "event__place", "member").filter(pk=pk).first()


def _send(registration: Registration, template: str, url_name: str, token: str) -> None:
    """The message in the person's language (a member's own choice of channel and language), with its link."""
    to = waitlist.message_to(registration)
    with translation.override(to.language):
        url = waitlist.public_url(reverse(url_name, args=[token]))
    event = registration.event
    context = {"registration": registration, "event": event, "start": timezone.localtime(event.start), "url": url}
    waitlist.notify(to=to, template=template, context=context)


@task()
def send_offer(registration_id: int) -> bool:
    """Tell the first one waiting (whose party fits) that places are theirs if they accept before the deadline."""
    registration = _registration(registration_id)
    if registration is None or registration.status != Registration.Status.OFFERED:
        return False
    _send(registration, "events/messages/offer", "events:offer", services.offer_token(registration))
    return True


@task()
def expire_offers() -> int:
    return services.offers_expire()


@task()
def send_due_reminders() -> int:
    """Queue one reminder per registration for tomorrow's events; returns how many were queued."""
    ids = list(services.registrations_due_for_reminder().values_list("pk", flat=True))
    for pk in ids:
        send_reminder.enqueue(pk)
    return len(ids)


@task()
def send_reminder(registration_id: int) -> bool:
    """Send the reminder once: the registration is claimed with a conditional update before anything is sent,
    and only while it is registered and the event has not started."""
    now = timezone.now()
    claimed = Registration.objects.filter(
        pk=registration_id, status=Registration.Status.REGISTERED, reminded_at__isnull=True, event__start__gt=now
    ).update(reminded_at=now)
    if not claimed:
        return False
    registration = _registration(registration_id)
    _send(registration, "events/messages/reminder", "events:registered", confirmation_token(registration))
    return True


@task()
def ask_for_feedback() -> int:
    """Queue one "was this useful for you?" message per person who came to an event that ended in the last two
    days; returns how many were queued."""
    ids = list(services.registrations_due_for_feedback().values_list("pk", flat=True))
    for pk in ids:
        send_feedback_request.enqueue(pk)
    return len(ids)


@task()
def send_feedback_request(registration_id: int) -> bool:
    """Ask once: the registration is claimed with a conditional update before anything is sent; nobody who
    already answered the card (from their confirmation page) is asked."""
    claimed = Registration.objects.filter(
        pk=registration_id, status=Registration.Status.REGISTERED, feedback_asked_at__isnull=True
    ).update(feedback_asked_at=timezone.now())
    registration = _registration(registration_id) if claimed else None
    if registration is None or services.feedback_given(registration):
        return False
    _send(registration, "events/messages/feedback", "events:registered_feedback", confirmation_token(registration))
    return True
