"""A waiting list with offers and a deadline, shared by course groups and events.

People who find a group or an event full wait in the order they were served. When a place frees, it is
offered to the first one waiting: their entry becomes "offered" with a deadline, and a message (SMS and
e-mail, in their language) brings a signed link to accept or decline. An offer not taken in time lapses
(`offers_expire`, run hourly) and the place goes to the next. The parent's row (the group, the event) is
locked while places are counted, so a freed place is offered once, however many requests race for it.

Each app describes its list once with a `Queue` and calls these functions from its services:

    QUEUE = waitlist.Queue(model=Enrolment, parent_field="group", accepted="enrolled", ...)
    waitlist.offer_next(QUEUE, parent=group)

An entry needs the fields `status`, `offer_expires_at` and `created_at`; the parent a way to count its
free places (`Queue.free_places`). An entry may need several places (a family registering for an event:
`Queue.size`); a freed place then goes to the first one waiting whose party fits.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from integra.accounts.notify import Reach, reach


@dataclass(frozen=True)
class Queue:
    model: type[models.Model]  # the entries: Enrolment, Registration
    parent_field: str  # the entry's foreign key to what is locked and counted: "group", "event"
    accepted: str  # the status of an entry that holds its place: "enrolled", "registered"
    free_places: Callable[[models.Model], int]  # free places of a locked parent
    send_offer: Callable[[int], object]  # queue the offer's message for the entry with this id
    leave: Callable[..., models.Model]  # leave(entry=…, now=…): what declining an offer does
    hours_setting: str  # the setting holding the offer's deadline in hours
    salt: str  # the offer links' signing salt
    size: Callable[[models.Model], int] | None = None  # places one entry needs (None: one each)
    latest: Callable[[models.Model], datetime] | None = None  # no deadline after this (an event's start)
    related: tuple[str, ...] = ()  # select_related for an entry found by its link
    waiting: str = "waiting"
    offered: str = "offered"
    expired: str = "expired"
    gone: tuple[str, ...] = ("expired", "left")  # statuses whose old offer link says "no longer open"

    @property
    def parent_model(self) -> type[models.Model]:
        return self.model._meta.get_field(self.parent_field).related_model


def deadline(queue: Queue, parent, now: datetime | None = None) -> datetime:
    until = (now or timezone.now()) + timedelta(hours=getattr(settings, queue.hours_setting))
    return min(until, queue.latest(parent)) if queue.latest else until


def waiting_in_order(queue: Queue, parent) -> models.QuerySet:
    return queue.model.objects.filter(**{queue.parent_field: parent}, status=queue.waiting).order_by("created_at", "pk")


def position(queue: Queue, entry) -> int:
    """The entry's place on the waiting list (1 is next)."""
    earlier = models.Q(created_at__lt=entry.created_at) | models.Q(created_at=entry.created_at, pk__lte=entry.pk)
    return waiting_in_order(queue, getattr(entry, queue.parent_field + "_id")).filter(earlier).count()


@transaction.atomic
def offer_next(queue: Queue, *, parent, now: datetime | None = None):
    """Offer the free places to the first ones waiting, each with a deadline; the messages go after commit.

    Returns the first entry offered (None when nobody was)."""
    now = now or timezone.now()
    parent = queue.parent_model.objects.select_for_update().get(pk=parent.pk)
    free = queue.free_places(parent)
    if free <= 0:
        return None
    # Locked too: someone leaving the list at this moment is skipped (PostgreSQL re-checks the status), not offered.
    waiting = waiting_in_order(queue, parent).select_for_update()
    candidates = waiting[:free] if queue.size is None else waiting.iterator()
    offered = None
    for entry in candidates:
        need = 1 if queue.size is None else queue.size(entry)
        if need > free:
            continue  # a party that does not fit keeps its turn; a smaller one behind it may take these places
        entry.status = queue.offered
        entry.offer_expires_at = deadline(queue, parent, now)
        entry.save(update_fields=["status", "offer_expires_at"])
        transaction.on_commit(lambda pk=entry.pk: queue.send_offer(pk))
        offered = offered or entry
        free -= need
        if free <= 0:
            break
    return offered


def offer_token(queue: Queue, entry) -> str:
    """The offer link's token: signed (not stored), valid only for this offer and until its deadline."""
    return signing.dumps({"e": entry.pk, "x": entry.offer_expires_at.isoformat()}, salt=queue.salt)


def entry_for_offer_token(queue: Queue, token: str):
    """The entry an offer link was sent for; None for a forged link, an older offer's link, or a lapsed
    or declined offer (the place has gone to someone else)."""
    try:
        payload = signing.loads(token, salt=queue.salt)
    except signing.BadSignature:
        return None
    entry = queue.model.objects.select_related(*queue.related).filter(pk=payload.get("e")).first()
    if entry is None or entry.offer_expires_at is None:
        return None
    if entry.offer_expires_at.isoformat() != payload.get("x"):
        return None
    if entry.status in queue.gone:
        return None
    return entry


@transaction.atomic
def offer_accept(queue: Queue, *, entry, now: datetime | None = None):
    now = now or timezone.now()
    entry = queue.model.objects.select_for_update().get(pk=entry.pk)
    if entry.status == queue.accepted:
        return entry  # the link opened twice
    if entry.status != queue.offered:
        raise ValidationError(_("This offer is no longer open."))
    if entry.offer_expires_at <= now:
        raise ValidationError(_("The time to accept this place has passed. It has been offered to the next person."))
    entry.status = queue.accepted
    entry.save(update_fields=["status"])
    return entry


@transaction.atomic
def offer_decline(queue: Queue, *, entry, now: datetime | None = None):
    entry = queue.model.objects.select_for_update().get(pk=entry.pk)
    if entry.status != queue.offered:
        raise ValidationError(_("This offer is no longer open."))
    return queue.leave(entry=entry, now=now)


def offers_expire(queue: Queue, *, now: datetime | None = None) -> int:
    """Offers past their deadline lapse and their places go to the next ones; returns how many lapsed.

    Each lapse is its own transaction, changed only if still offered (a last-minute accept wins)."""
    now = now or timezone.now()
    lapsed = 0
    late = queue.model.objects.filter(status=queue.offered, offer_expires_at__lte=now)
    for pk, parent_id in late.values_list("pk", queue.parent_field + "_id"):
        with transaction.atomic():
            if queue.model.objects.filter(pk=pk, status=queue.offered).update(status=queue.expired):
                lapsed += 1
                offer_next(queue, parent=queue.parent_model(pk=parent_id), now=now)
    return lapsed


# -- messages -------------------------------------------------------------------------------------


def person_language(code: str) -> str:
    """The interface language to write to someone in: theirs when the site has it, Bulgarian otherwise."""
    return code if code in {c for c, _n in settings.LANGUAGES} else "bg"


def message_to(entry) -> Reach:
    """Where and in which language a message about an entry goes: a member's own choice (SMS, e-mail or no
    messages) and language when the entry is tied to their account; otherwise what was given with the entry."""
    to = reach(member=entry.member, email=entry.email, phone=entry.phone, language=entry.language)
    return Reach(email=to.email, phone=to.phone, language=person_language(to.language))


def notify(*, to: Reach, template: str, context: dict) -> None:
    """Send one message by e-mail and SMS (whichever `to` has) in its language, rendered from
    `<template>_subject.txt`, `<template>.txt` and `<template>_sms.txt`, through the configured backends."""
    from integra.core.sms import send_sms  # noqa: PLC0415 - the SMS backend is read when sending

    with translation.override(to.language):
        if to.email:
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            send_mail(subject, render_to_string(f"{template}.txt", context), None, [to.email])
        if to.phone:
            send_sms(to.phone, render_to_string(f"{template}_sms.txt", context).strip())


def public_url(path: str) -> str:
    return settings.SITE_PUBLIC_URL.rstrip("/") + path


def contact_matches(typed: str, *, phone, email: str) -> bool:
    """The phone or e-mail someone types to find their entry is the one they gave."""
    typed = (typed or "").strip()
    if not typed:
        return False
    if email and typed.lower() == email.lower():
        return True
    if not phone:
        return False
    from phonenumber_field.phonenumber import to_python  # noqa: PLC0415 - only when a phone is compared

    number = to_python(typed, region="BG")
    return bool(number and number.is_valid() and str(number) == str(phone))


def find_view(request, *, form_class, allowed, lookup, found_url, not_found: str, template: str):
    """The public "find my registration" page of a waiting-list app: reference and phone or e-mail.

    ``lookup(**cleaned_data)`` returns the entry or None, ``found_url(entry)`` where its page is;
    attempts are rate-limited by ``allowed(request, "find")``. A wrong pair and an unknown reference
    get the same message, so the page tells nobody which references exist.
    """
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not allowed(request, "find"):
            form.add_error(None, _("Too many attempts. Please try again in an hour, or call the centre."))
            status = 429
        else:
            entry = lookup(**form.cleaned_data)
            if entry is not None:
                return redirect(found_url(entry))
            form.add_error(None, not_found)
    return render(request, template, {"form": form}, status=status)
