"""Public pages: book a consultation, its confirmation and calendar file, find/cancel/reschedule a booking."""

from datetime import UTC, date

from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from integra.consultations import ratelimit, services
from integra.consultations.booking import (
    CONFIRMATION_GRANT,
    CONFIRMATION_SALT,
    MANAGE_GRANT,
    MANAGE_MAX_AGE,
    BookingWizard,
    FindBookingForm,
    RescheduleDayForm,
    RescheduleTimeForm,
    Schedule,
    confirmation_token,
    grant_confirmation,
    link_is_valid,
)
from integra.consultations.forms import parse_slot
from integra.consultations.models import Appointment
from integra.core import grants
from integra.core.i18n import pick
from integra.core.permissions import public

booking_start = public(BookingWizard.as_view())


def _from_token(token: str, salt: str, max_age=None) -> Appointment:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        raise Http404 from None
    return get_object_or_404(Appointment.objects.select_related("centre", "topic"), pk=pk)


def _granted(request, scope: str) -> Appointment | None:
    pk = grants.granted(request, scope)
    return Appointment.objects.select_related("centre", "topic").filter(pk=pk).first() if pk else None


def _private(response):
    response["Referrer-Policy"] = "no-referrer"
    return response


def _link_expired(request, appointment=None, status=410):
    context = {"appointment": appointment, "start": appointment and timezone.localtime(appointment.start)}
    return _private(render(request, "consultations/public/booking_link_expired.html", context, status=status))


@public
def booking_landing(request):
    return render(request, "consultations/public/booking_landing.html")


@public
@never_cache
def booking_confirmation_link(request, token, ics=False):
    """The link from the confirmation (SMS, e-mail, a bookmark): exchanged for a session grant."""
    appointment = _from_token(token, CONFIRMATION_SALT)
    if not link_is_valid(appointment):
        return _link_expired(request, appointment)
    grant_confirmation(request, appointment)
    return redirect("consultations:booking_ics" if ics else "consultations:booking_confirmation")


@public
@never_cache
def booking_confirmation(request):
    appointment = _granted(request, CONFIRMATION_GRANT)
    if appointment is None or not link_is_valid(appointment):
        return _link_expired(request, appointment, status=404 if appointment is None else 410)
    return _private(
        render(
            request,
            "consultations/public/booking_confirmation.html",
            {
                "appointment": appointment,
                "start": timezone.localtime(appointment.start),
                "link": request.build_absolute_uri(
                    reverse("consultations:booking_confirmation_link", args=[confirmation_token(appointment)])
                ),
            },
        )
    )


@public
@never_cache
def booking_ics(request):
    from icalendar import Calendar, Event  # noqa: PLC0415

    appointment = _granted(request, CONFIRMATION_GRANT)
    if appointment is None or not link_is_valid(appointment):
        return _link_expired(request, appointment, status=404 if appointment is None else 410)
    calendar = Calendar()
    calendar.add("prodid", "-//Integra//Consultation booking//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{appointment.reference}@integra")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", appointment.start.astimezone(UTC))
    event.add("dtend", appointment.end.astimezone(UTC))
    event.add("summary", _("Consultation at %(centre)s") % {"centre": pick(appointment.centre.name)})
    event.add("location", pick(appointment.centre.address))
    event.add("description", _("Booking reference: %(reference)s") % {"reference": appointment.reference})
    if appointment.status == Appointment.Status.CANCELLED:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="consultation-{appointment.reference}.ics"'
    return response


@public
def booking_find(request):
    limited = request.method == "POST" and not ratelimit.allow_find(request, request.POST.get("reference", ""))
    form = FindBookingForm(request.POST or None, limited=limited)
    if request.method == "POST" and form.is_valid():
        grants.grant(request, MANAGE_GRANT, form.appointment.pk, MANAGE_MAX_AGE)
        return redirect("consultations:booking_manage")
    return render(request, "consultations/public/booking_find.html", {"form": form}, status=429 if limited else 200)


def _managed(request) -> Appointment:
    appointment = _granted(request, MANAGE_GRANT)
    if appointment is None:
        raise _FindAgain
    return appointment


class _FindAgain(Exception):
    pass


def _find_again(view):
    """No (or an expired) look-up in this session: back to the look-up form."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _FindAgain:
            return redirect("consultations:booking_find")

    wrapper.__name__ = view.__name__
    return wrapper


@public
@never_cache
@_find_again
def booking_manage(request):
    """The booking, and changing its time in the booking's own two steps: a day (a GET form), then a time
    on that day (a POST form to booking_reschedule). Works without JavaScript."""
    appointment = _managed(request)
    schedule = Schedule()
    day_form = RescheduleDayForm(
        request.GET if "day" in request.GET else None, appointment=appointment, schedule=schedule
    )
    day = day_form.cleaned_data["day"] if day_form.is_bound and day_form.is_valid() else None
    time_form = RescheduleTimeForm(appointment=appointment, day=day, schedule=schedule) if day else None
    context = _manage_context(appointment, day_form, day, time_form)
    # The page posts its own forms (change the time, cancel): with "no-referrer" Chromium sends them with
    # "Origin: null" and the CSRF check refuses them. Its URL carries no token (the look-up is a session
    # grant), so the site's own "same-origin" is enough: nothing is sent to another site.
    return render(request, "consultations/public/booking_manage.html", context)


def _manage_context(appointment, day_form, day=None, time_form=None):
    return {
        "appointment": appointment,
        "day_form": day_form,
        "day": day,
        "time_form": time_form,
        "form": time_form if day else day_form,  # the question on screen: its errors title the page
        "start": timezone.localtime(appointment.start),
    }


@public
@require_POST
@_find_again
def booking_cancel(request):
    appointment = _managed(request)
    if appointment.can_change:
        services.appointment_cancel(appointment=appointment)
    return render(request, "consultations/public/booking_cancelled.html", {"appointment": appointment})


@public
@require_POST
@_find_again
def booking_reschedule(request):
    appointment = _managed(request)
    if not appointment.can_change:
        return redirect("consultations:booking_manage")
    start = parse_slot(request.POST.get("slot", ""))
    try:
        day = date.fromisoformat(request.POST.get("day", ""))
    except ValueError:
        day = timezone.localtime(start).date() if start else None
    if day is None:
        return redirect("consultations:booking_manage")
    schedule = Schedule()
    form = RescheduleTimeForm(request.POST, appointment=appointment, day=day, schedule=schedule)
    if form.is_valid():
        try:
            services.appointment_reschedule(appointment=appointment, start=form.cleaned_data["slot"])
        except (services.SlotTaken, services.SlotInvalid) as error:
            form.add_error("slot", str(error))
        else:
            grant_confirmation(request, appointment)
            return redirect("consultations:booking_confirmation")
    day_form = RescheduleDayForm(initial={"day": day.isoformat()}, appointment=appointment, schedule=schedule)
    return render(
        request, "consultations/public/booking_manage.html", _manage_context(appointment, day_form, day, form)
    )
