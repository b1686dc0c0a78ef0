"""Events in the back office: the organisers' list and event form (a new event may repeat as a series),
the event's page with its counts, its registrations and waiting list (staff may cancel), check-in at the
door on a phone (find, mark arrived, register at the door) and the door tally."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from integra.clients.models import AgeBand
from integra.core.forms import add_errors
from integra.core.paging import OpenPage
from integra.core.permissions import requires
from integra.events import services
from integra.events.forms import (
    CheckInSearchForm,
    DoorRegistrationForm,
    EventForm,
    EventListFilterForm,
    NationalityForm,
    TallyForm,
)
from integra.events.models import Event, Registration
from integra.events.services import TALLY_AGE_BANDS, TALLY_GENDERS

LIST_LIMIT = 100
PAGE_SIZE = 50


@requires("events.view_event")
def event_list(request):
    """Coming up and the last past events; filtered (by days, centre, kind, topic), every matching event
    by the day it begins, a page at a time (the list a figure links to)."""
    form = EventListFilterForm(request.GET or None, user=request.user)
    events = Event.objects.for_user(request.user).select_related("centre", "place")
    context = {"form": form}
    if form.is_bound:
        context["page"] = OpenPage(form.filter(events).order_by("start", "pk"), request.GET.get("page"), PAGE_SIZE)
    else:
        now = timezone.now()
        context["upcoming"] = list(events.filter(end__gt=now).order_by("start", "pk")[:LIST_LIMIT])
        context["past"] = list(events.filter(end__lte=now).order_by("-start", "-pk")[:20])
    return render(request, "events/staff/event_list.html", context)


def _save(request, form, event=None):
    data = form.service_kwargs()
    try:
        if event is None and form.series_kwargs():
            series = services.series_create(by=request.user, **form.series_kwargs(), **data)
            return series.events.order_by("start").first()
        if event is None:
            event = services.event_create(by=request.user, **data)
        else:
            event = services.event_update(event=event, by=request.user, **data)
    except ValidationError as error:
        add_errors(form, error)
        return None
    return event


@requires("events.add_event")
def event_create(request):
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = _save(request, form)
        if event is not None and event.series_id:
            made = event.series.events.count()
            messages.success(request, _("The series was saved: %(count)d events. Each can be changed on its own.")
                             % {"count": made})  # fmt: skip
            return redirect("events_staff:detail", event.pk)
        if event is not None:
            messages.success(request, _("The event was saved."))
            return redirect("events_staff:detail", event.pk)
    return render(request, "events/staff/event_form.html", {"form": form, "event": None})


@requires("events.change_event")
def event_edit(request, pk):
    event = services.get_event_for_user(request.user, pk)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, services.get_event_for_user(request.user, pk)) is not None:
            messages.success(request, _("The event was saved."))
            return redirect("events_staff:detail", event.pk)
    return render(request, "events/staff/event_form.html", {"form": form, "event": event})


def _counts(event):
    totals = event.registrations.filter(status__in=Registration.HOLDS_PLACE).aggregate(
        registrations=Count("pk"),
        people=Sum("adults") + Sum("children"),
        arrived=Count("pk", filter=Q(arrived_at__isnull=False)),
        arrived_people=Sum("adults", filter=Q(arrived_at__isnull=False))
        + Sum("children", filter=Q(arrived_at__isnull=False)),
        interpreters=Count("pk", filter=Q(interpreter_needed=True)),
    )
    waiting = event.registrations.filter(status=Registration.Status.WAITING).aggregate(
        n=Count("pk"), people=Sum("adults") + Sum("children")
    )
    table = services.tally_table(event)
    return {
        "registrations": totals["registrations"],
        "people": totals["people"] or 0,
        "arrived": totals["arrived"],
        "arrived_people": totals["arrived_people"] or 0,
        "interpreters": totals["interpreters"],
        "walk_ins": sum(table.values()),
        "waiting": waiting["n"],
        "waiting_people": waiting["people"] or 0,
        **_after_counts(event),
    }


def _after_counts(event):
    """The paper sheet and the feedback, for the event's page (three queries)."""
    on_paper = event.registrations.filter(arrived_on_paper=True).aggregate(
        n=Count("pk"), people=Sum("adults") + Sum("children")
    )
    return {
        "paper": sum(services.paper_attendance_table(event).values()),
        "arrived_on_paper": on_paper["people"] or 0,
        "feedback": services.feedback_summary(event),
    }


@requires("events.view_registration")
def registrations(request, pk):
    """Who holds a place, the waiting list in its order, and those cancelled or lapsed (one query)."""
    event = services.get_event_for_user(request.user, pk)
    rows = list(event.registrations.order_by("created_at", "pk"))
    context = {
        "event": event,
        "holding": [r for r in rows if r.holds_place],
        "waiting": [r for r in rows if r.status == Registration.Status.WAITING],
        "ended": [r for r in rows if not r.is_active],
        "counts": _counts(event),
    }
    return render(request, "events/staff/registrations.html", context)


@require_POST
@requires("events.change_registration")
def registration_cancel(request, pk, reference):
    """Staff cancel a registration (someone called to say they cannot come); the place is offered on."""
    event = services.get_event_for_user(request.user, pk)
    registration = get_object_or_404(Registration, event=event, reference__iexact=reference)
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Cancelled: %(name)s (%(reference)s).") % {
            "name": registration.name, "reference": registration.reference
        })  # fmt: skip
    return redirect("events_staff:registrations", event.pk)


@requires("events.view_event")
def event_detail(request, pk):
    event = services.get_event_for_user(request.user, pk)
    return render(request, "events/staff/event_detail.html", {"event": event, "counts": _counts(event)})


def _check_in_page(request, event, *, search=None, door=None):
    search = search or CheckInSearchForm(request.GET or None)
    found = None
    if search.is_bound and search.is_valid():
        found = list(Registration.objects.filter(event=event).matching(search.cleaned_data["q"])[:20])
    door = door or DoorRegistrationForm(initial={"language": request.LANGUAGE_CODE, "adults": 1, "children": 0})
    context = {"event": event, "search": search, "found": found, "door": door, "counts": _counts(event)}
    return render(request, "events/staff/check_in.html", context)


@requires("events.change_registration")
def check_in(request, pk):
    event = services.get_event_for_user(request.user, pk)
    return _check_in_page(request, event)


@require_POST
@requires("events.change_registration")
def arrive(request, pk, reference):
    event = services.get_event_for_user(request.user, pk)
    registration = Registration.objects.filter(event=event, reference__iexact=reference).first()
    if registration is None:
        messages.error(
            request, _("No registration for this event has the reference %(reference)s.") % {"reference": reference}
        )
        return redirect("events_staff:check_in", event.pk)
    if services.registration_arrive(registration=registration, by=request.user):
        messages.success(request, _("Arrived: %(name)s (people: %(people)d).") % {
            "name": registration.name, "people": registration.people
        })  # fmt: skip
    else:
        messages.info(request, _("%(name)s was already marked arrived; counted once.") % {"name": registration.name})
    return redirect("events_staff:check_in", event.pk)


@require_POST
@requires("events.add_registration", "events.change_registration")
def door_register(request, pk):
    event = services.get_event_for_user(request.user, pk)
    form = DoorRegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration = services.registration_at_door(event=event, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Registered and arrived: %(name)s (people: %(people)d).") % {
                "name": registration.name, "people": registration.people
            })  # fmt: skip
            return redirect("events_staff:check_in", event.pk)
    return _check_in_page(request, event, door=form)


@requires("events.change_tallycount")
def tally(request, pk):
    """The door tally: one grid of + and − per sex and age band, for walk-ins whose nationality was not
    given or, when the person says it, for the nationality chosen above the grid."""
    event = services.get_event_for_user(request.user, pk)
    chooser = NationalityForm(request.POST if request.method == "POST" else request.GET or None)
    nationality = chooser.chosen() if chooser.is_bound else ""
    if request.method == "POST":
        form = TallyForm(request.POST)
        try:
            if form.has_error("nationality"):
                raise ValidationError(_("Choose a nationality from the list, or leave it empty."))
            if not form.is_valid():
                raise ValidationError(_("Choose a sex and an age band from the list."))
            services.tally_change(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            url = reverse("events_staff:tally", args=[event.pk])
            return redirect(f"{url}?nationality={nationality}" if nationality else url)
    table = services.tally_table(event, nationality)
    rows = [
        (band, label, [(gender, table[(gender, band)]) for gender in TALLY_GENDERS])
        for band, label in ((b, AgeBand(b).label) for b in TALLY_AGE_BANDS)
    ]
    by_nationality = services.tally_nationalities(event)
    context = {
        "event": event,
        "rows": rows,
        "genders": TALLY_GENDERS,
        "total": sum(by_nationality.values()),
        "nationality": nationality,
        "nationality_name": countries.name(nationality) if nationality else "",
        "chooser": NationalityForm(initial={"nationality": nationality}),
        "by_nationality": [(code, countries.name(code) if code else "", n) for code, n in by_nationality.items()],
    }
    return render(request, "events/staff/tally.html", context)
