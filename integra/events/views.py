"""Public pages: the calendar, an event's page with its register form, the confirmation and the
iCalendar files (one event, the network's feed and each centre's feed). No JavaScript needed."""

import secrets
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from integra.centres.models import Centre
from integra.core.forms import add_errors
from integra.core.permissions import public
from integra.events import ics, services
from integra.events.forms import CalendarFilterForm, RegistrationForm
from integra.events.models import Event, Registration
from integra.events.qr import after_the_event

PAGE_SIZE = 20
FEED_DAYS_BACK = 30  # calendar apps keep showing last month's events
CONFIRMATION_SALT = "integra.events.registration"
CONFIRMATION_MAX_AGE = 366 * 86400


def confirmation_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CONFIRMATION_SALT)


def _registration_from(token: str) -> Registration:
    try:
        pk = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    return get_object_or_404(Registration.objects.select_related("event__centre", "event__place"), pk=pk)


@public
def calendar(request):
    form = CalendarFilterForm(request.GET or None)
    events = form.filter(Event.objects.public().upcoming().select_related("centre", "place").order_by("start", "pk"))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "events": page.object_list, "language": get_language()}
    return render(request, "events/public/calendar.html", context)


def _event_page(request, event, form=None):
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
    if form.is_valid():
        try:
            registration = services.registration_create(event=event, **form.service_kwargs())
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("events:registered", confirmation_token(registration))
    return _event_page(request, event, form=form)


@public
@never_cache
def registered(request, token):
    registration = _registration_from(token)
    context = {"registration": registration, "event": registration.event, "token": token}
    context.update(after_the_event(request, registration))
    return render(request, "events/public/registered.html", context)


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
