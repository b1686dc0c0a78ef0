"""Public pages: book a consultation, its confirmation and calendar file, find/cancel/reschedule a booking."""

from datetime import UTC

from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.consultations import ratelimit, services
from integra.consultations.booking import (
    CONFIRMATION_SALT,
    MANAGE_MAX_AGE,
    MANAGE_SALT,
    BookingWizard,
    FindBookingForm,
    RescheduleForm,
    manage_token,
)
from integra.consultations.models import Appointment
from integra.core.i18n import pick

booking_start = login_not_required(BookingWizard.as_view())


def _from_token(token: str, salt: str, max_age=None) -> Appointment:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        raise Http404 from None
    return get_object_or_404(Appointment.objects.select_related("centre", "topic"), pk=pk)


@login_not_required
def booking_landing(request):
    return render(request, "consultations/public/booking_landing.html")


@login_not_required
def booking_confirmation(request, token):
    appointment = _from_token(token, CONFIRMATION_SALT)
    return render(
        request,
        "consultations/public/booking_confirmation.html",
        {"appointment": appointment, "token": token, "start": timezone.localtime(appointment.start)},
    )


@login_not_required
def booking_ics(request, token):
    from icalendar import Calendar, Event  # noqa: PLC0415

    appointment = _from_token(token, CONFIRMATION_SALT)
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


@login_not_required
def booking_find(request):
    limited = request.method == "POST" and not ratelimit.allow_find(request, request.POST.get("reference", ""))
    form = FindBookingForm(request.POST or None, limited=limited)
    if request.method == "POST" and form.is_valid():
        return redirect("consultations:booking_manage", token=manage_token(form.appointment))
    return render(request, "consultations/public/booking_find.html", {"form": form}, status=429 if limited else 200)


@login_not_required
def booking_manage(request, token):
    appointment = _from_token(token, MANAGE_SALT, MANAGE_MAX_AGE)
    form = RescheduleForm(appointment=appointment)
    return render(request, "consultations/public/booking_manage.html", _manage_context(appointment, token, form))


def _manage_context(appointment, token, form):
    return {
        "appointment": appointment,
        "token": token,
        "form": form,
        "start": timezone.localtime(appointment.start),
        "confirmation": signing.dumps(appointment.pk, salt=CONFIRMATION_SALT),
    }


@login_not_required
@require_POST
def booking_cancel(request, token):
    appointment = _from_token(token, MANAGE_SALT, MANAGE_MAX_AGE)
    if appointment.can_change:
        services.appointment_cancel(appointment=appointment)
    return render(request, "consultations/public/booking_cancelled.html", {"appointment": appointment})


@login_not_required
@require_POST
def booking_reschedule(request, token):
    appointment = _from_token(token, MANAGE_SALT, MANAGE_MAX_AGE)
    if not appointment.can_change:
        return redirect("consultations:booking_manage", token=token)
    form = RescheduleForm(request.POST, appointment=appointment)
    if form.is_valid():
        try:
            services.appointment_reschedule(appointment=appointment, start=form.cleaned_data["slot"])
        except (services.SlotTaken, services.SlotInvalid) as error:
            form.add_error("slot", str(error))
        else:
            return redirect(
                "consultations:booking_confirmation", token=signing.dumps(appointment.pk, salt=CONFIRMATION_SALT)
            )
    return render(request, "consultations/public/booking_manage.html", _manage_context(appointment, token, form))
