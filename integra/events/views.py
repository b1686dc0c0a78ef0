"""Public pages: the calendar, an event's page with its register form (or the waiting list's, when full),
the confirmation (where one cancels or takes an offered place), finding a registration by reference, the
waiting list's offer, and the iCalendar files (one event, the network's feed and each centre's feed).
No JavaScript needed."""

import secrets
from datetime import timedelta

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from integra.accounts.services import visiting_member
from integra.centres.models import Centre
from integra.core import pagecache, ratelimit, waitlist
from integra.core.crypto import derive_key
from integra.core.forms import add_errors
from integra.core.permissions import public
from integra.events import ics, services
from integra.events.forms import CalendarFilterForm, FindRegistrationForm, RegistrationForm
from integra.events.models import Event, Registration
from integra.events.qr import after_the_event

PAGE_SIZE = 20
FEED_DAYS_BACK = 30  # calendar apps keep showing last month's events
CONFIRMATION_SALT = "integra.events.registration"
CONFIRMATION_MAX_AGE = 366 * 86400

allowed = ratelimit.limiter("events", setting="EVENT_RATE_LIMITS", key=lambda: derive_key("events:rate-limit"))


def confirmation_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CONFIRMATION_SALT)


def _registration_from(token: str) -> Registration:
    try:
        pk = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    return get_object_or_404(
        Registration.objects.select_related("event__centre", "event__place", "event__series"), pk=pk
    )


@public
def calendar(request):
    """The list's main part is a fragment kept per language, content version, query string and minute
    ("upcoming" moves with the time): the filters' form and the page of events are made only with it. The
    form is also the layout's `form` (an "Error:" title) only when filters were sent."""
    context = pagecache.lazy_filtered_list(
        request, form_class=CalendarFilterForm, per_page=PAGE_SIZE, name="events",
        queryset=lambda: Event.objects.public().upcoming().select_related("centre", "place").order_by("start", "pk"),
    )
    return render(request, "events/public/calendar.html", context)


def _event_page(request, event, form=None, party=None):
    now = timezone.now()
    language = get_language()
    if form is None and event.takes_registrations:
        form = RegistrationForm(
            initial={"language": language, "adults": 1, "children": 0, "key": secrets.token_urlsafe(24)}
        )
    places_left = event.places_left()
    context = {
        "event": event,
        "form": form,
        "over": event.is_over(now),
        "full": places_left == 0,
        "too_few": places_left is not None and party is not None and 0 < places_left < party,
        "places_left": places_left,
        "title_missing": event.title_missing(language),
        "description_missing": bool(event.description) and not event.description.get(language),
    }
    return render(request, "events/public/event.html", context)


@public
def event_page(request, pk):
    event = services.get_public_event(pk)
    if request.method != "POST":
        return _event_page(request, event)
    if not event.takes_registrations:
        return redirect("events:event", event.pk)
    form = RegistrationForm(request.POST)
    party = None
    if form.is_valid():
        party = form.cleaned_data["adults"] + form.cleaned_data["children"]
        try:
            registration = services.registration_create(
                event=event, waiting_list_ok=request.POST.get("waiting_list") == "1",
                member=visiting_member(request.user), **form.service_kwargs(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("events:registered", confirmation_token(registration))
    return _event_page(request, event, form=form, party=party)


@public
@never_cache
def registered(request, token):
    """The person's own page: their registration or place on the waiting list, taking an offered place,
    and cancelling."""
    registration = _registration_from(token)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.offer_accept(registration=registration)
                messages.success(request, _("The places are yours. See you there!"))
            elif action == "cancel" and not request.POST.get("confirm"):
                messages.error(request, _("Tick the box to confirm that you want to cancel."))
            elif action == "cancel":
                services.registration_cancel(registration=registration)
                messages.success(request, _("Your registration is cancelled. Thank you for telling us."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("events:registered", token)
    position = None
    if registration.status == Registration.Status.WAITING:
        position = services.waiting_position(registration)
    context = {
        "registration": registration,
        "event": registration.event,
        "token": token,
        "position": position,
        "over": registration.event.is_over(),
        "now": timezone.now(),
    }
    context.update(after_the_event(request, registration))
    return render(request, "events/public/registered.html", context)


@public
@never_cache
def find(request):
    """A visitor without the confirmation link finds their registration by reference and phone or e-mail."""
    return waitlist.find_view(
        request, form_class=FindRegistrationForm, allowed=allowed, lookup=services.find_registration,
        found_url=lambda registration: reverse("events:registered", args=[confirmation_token(registration)]),
        not_found=_("We found no registration with this reference and this phone number or e-mail."),
        template="events/public/find.html",
    )


@public
@never_cache
def offer(request, token):
    """The link in the offer message: take the places or give them up."""
    registration = services.registration_for_offer_token(token)
    if registration is None:
        return render(request, "events/public/offer_gone.html", status=404)
    if request.method != "POST" or registration.status != Registration.Status.OFFERED:
        return redirect("events:registered", confirmation_token(registration))
    try:
        if request.POST.get("action") == "accept":
            services.offer_accept(registration=registration)
            messages.success(request, _("The places are yours. See you there!"))
        else:
            services.offer_decline(registration=registration)
            messages.success(request, _("Thank you: the places go to the next person on the waiting list."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("events:registered", confirmation_token(registration))


@public
@never_cache
def registered_ics(request, token):
    registration = _registration_from(token)
    event = registration.event
    note = _("Your reference: %(reference)s") % {"reference": registration.reference}
    url = request.build_absolute_uri(reverse("events:event", args=[event.pk]))
    calendar = ics.event_calendar(event, url=url, note=note)
    return ics.ics_response(calendar, f"event-{registration.reference}.ics", attachment=True)


@public
def event_ics(request, pk):
    event = services.get_public_event(pk)
    url = request.build_absolute_uri(reverse("events:event", args=[event.pk]))
    return ics.ics_response(ics.event_calendar(event, url=url), f"event-{event.pk}.ics", attachment=True)


def _feed(request, centre=None):
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    events = Event.objects.public().filter(end__gt=since).select_related("centre", "place").order_by("start", "pk")
    if centre is not None:
        events = events.filter(centre=centre)
    calendar = ics.feed_calendar(
        events[:1000],
        name=ics.feed_name(centre),
        url_for=lambda event: request.build_absolute_uri(reverse("events:event", args=[event.pk])),
    )
    filename = f"events-{centre.slug}.ics" if centre else "events.ics"
    return ics.ics_response(calendar, filename, attachment=False)


@public
def feed(request):
    return _feed(request)


@public
def centre_feed(request, slug):
    return _feed(request, get_object_or_404(Centre.objects.active(), slug=slug))
