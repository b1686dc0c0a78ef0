"""The hotline back office: a call in one screen, one-click non-data calls, the call-back queue, the hours."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.centres.forms import CentreFilterForm
from integra.centres.models import Hotline
from integra.clients.forms import ClientForm
from integra.clients.services import client_create, get_client_for_user
from integra.consultations.services import SlotInvalid, SlotTaken, centre_slots, free_slots
from integra.core.audit import log_read
from integra.core.paging import OpenPage
from integra.core.permissions import requires
from integra.hotline import services, telephony
from integra.hotline.callers import caller_hash
from integra.hotline.figures import hotline_figures
from integra.hotline.forms import (
    AttemptForm,
    CallBackFilterForm,
    CallBookingDayForm,
    CallBookingForm,
    CallClientForm,
    CallFilterForm,
    CallForm,
    DialForm,
    FiguresForm,
    LineDayForm,
    NonDataForm,
    SimulateForm,
)
from integra.hotline.hours import calendar_for
from integra.hotline.models import Call, CallBack, LineDay
from integra.hotline.telephony import TelephonyError


def _recent_calls(user):
    return Call.objects.for_user(user).for_list().filter(operator=user).order_by("-started_at", "-pk")[:15]


def _non_data_counts(user):
    today = timezone.localdate()
    counts = dict.fromkeys(Call.NON_DATA, 0)
    rows = Call.objects.for_user(user).non_data().filter(started_at__date=today).values_list("kind", flat=True)
    for kind in rows:
        counts[kind] += 1
    return [(kind, Call.Kind(kind).label, counts[kind]) for kind in Call.NON_DATA]


@requires("hotline.add_call")
def call_log(request):
    """The operator's screen: a call in one form, the non-data buttons, the repeat-caller panel, my last calls."""
    form = CallForm(request.POST or None, user=request.user, initial={"hotline": services.default_hotline()})
    repeat = None
    if request.method == "POST" and "lookup" in request.POST:
        form.is_valid()  # show what is wrong, save nothing
        number = form.cleaned_data.get("caller_number") if hasattr(form, "cleaned_data") else ""
        if number:
            repeat = services.repeat_caller(user=request.user, hash_=caller_hash(number))
    elif request.method == "POST" and form.is_valid():
        call = services.call_log(by=request.user, **form.service_kwargs())
        messages.success(request, _("The call was logged."))
        if call.outcome == Call.Outcome.CALL_BACK_PROMISED:
            if call.call_backs.exists():
                messages.info(request, _("The promised call-back is in the queue."))
            else:
                messages.info(request, _("Give the caller's number to put the promised call-back in the queue."))
        return redirect("hotline_staff:log")
    context = {
        "form": form,
        "repeat": repeat,
        "awaiting": Call.objects.for_user(request.user)
        .awaiting_details(since=timezone.now() - timezone.timedelta(days=2))
        .select_related("hotline")
        .order_by("-started_at")[:20],
        "calls": _recent_calls(request.user),
        "non_data": _non_data_counts(request.user),
    }
    return render(request, "hotline/staff/call_log.html", context)


PAGE_SIZE = 50


@requires("hotline.view_call")
def call_list(request):
    """The calls of the user's centres, latest first, filtered by days, centre, kind, topic and language
    (the list the hotline figures link to), a page at a time without counting the table."""
    form = CallFilterForm(request.GET or None, user=request.user)
    calls = form.filter(Call.objects.for_user(request.user).for_list()).order_by("-started_at", "-pk")
    page = OpenPage(calls, request.GET.get("page"), PAGE_SIZE)
    return render(request, "hotline/staff/call_list.html", {"form": form, "page": page})


@require_POST
@requires("hotline.add_call")
def call_non_data(request, kind):
    if kind not in Call.NON_DATA:
        raise Http404
    form = NonDataForm(request.POST, user=request.user)
    if not form.is_valid():
        for error in form.non_field_errors() or [_("The call could not be counted.")]:
            messages.error(request, error)
        return redirect("hotline_staff:log")
    services.call_non_data(by=request.user, kind=kind, **form.cleaned_data)
    messages.success(request, _("Counted: %(kind)s.") % {"kind": Call.Kind(kind).label})
    return redirect("hotline_staff:log")


@requires("hotline.change_call")
def call_edit(request, pk):
    call = services.get_call_for_user(request.user, pk)
    if call.is_non_data:
        raise Http404
    form = CallForm(request.POST or None, instance=call, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        services.call_update(call=call, by=request.user, **data)
        messages.success(request, _("The call was saved."))
        return redirect("hotline_staff:log")
    repeat = services.repeat_caller(user=request.user, hash_=call.caller_hash, exclude_pk=call.pk)
    return render(request, "hotline/staff/call_form.html", {"form": form, "call": call, "repeat": repeat})


@requires("hotline.view_callback")
def call_back_queue(request):
    centre_form = CentreFilterForm(request.GET, user=request.user)
    call_backs = list(centre_form.filter(CallBack.objects.for_user(request.user)).open().for_queue()[:200])
    now = timezone.now()
    rows = [(cb, cb.is_overdue(now), now - cb.created_at) for cb in call_backs]
    return render(request, "hotline/staff/call_back_queue.html", {"rows": rows, "now": now, "centre_form": centre_form})


@requires("hotline.view_callback")
def call_back_list(request):
    """Every call-back of the user's queues, latest first, filtered by the day it was asked for, centre,
    status, language and "made on time" (the list the "Call-backs made on time" figure links to): reference,
    dates and status only, no name or number."""
    form = CallBackFilterForm(request.GET or None, user=request.user)
    call_backs = CallBack.objects.for_user(request.user).select_related("centre")
    call_backs = form.filter(call_backs).order_by("-created_at", "-pk")
    page = OpenPage(call_backs, request.GET.get("page"), PAGE_SIZE)
    return render(request, "hotline/staff/call_back_list.html", {"form": form, "page": page})


@requires("hotline.view_callback")
def call_back_detail(request, pk):
    call_back = services.get_call_back_for_user(request.user, pk)
    return _call_back_page(request, call_back)


def _call_back_page(request, call_back, *, form=None, dial_form=None, status=200):
    mine = call_back.status == CallBack.Status.TAKEN and call_back.taken_by_id == request.user.pk
    if mine:
        log_read(call_back)  # the number is shown: that read is audited
    dial_form = dial_form or DialForm(initial={"operator_number": request.session.get(OPERATOR_NUMBER_SESSION_KEY, "")})
    context = {
        "call_back": call_back,
        "mine": mine,
        "attempts": call_back.attempts.select_related("by"),
        "form": form or AttemptForm(),
        "dial_form": dial_form,
        "now": timezone.now(),
    }
    return render(request, "hotline/staff/call_back_detail.html", context, status=status)


@require_POST
@requires("hotline.change_callback")
def call_back_take(request, pk):
    call_back = services.get_call_back_for_user(request.user, pk)
    try:
        services.call_back_take(call_back_id=call_back.pk, by=request.user)
    except services.CallBackTaken as error:
        messages.error(request, str(error))
        return redirect("hotline_staff:call_backs")
    return redirect("hotline_staff:call_back", pk=call_back.pk)


@require_POST
@requires("hotline.change_callback")
def call_back_release(request, pk):
    call_back = services.get_call_back_for_user(request.user, pk)
    try:
        services.call_back_release(call_back_id=call_back.pk, by=request.user)
    except services.CallBackNotYours as error:
        messages.error(request, str(error))
    return redirect("hotline_staff:call_backs")


@require_POST
@requires("hotline.change_callback")
def call_back_attempt(request, pk):
    call_back = services.get_call_back_for_user(request.user, pk)
    form = AttemptForm(request.POST)
    if not form.is_valid():
        return _call_back_page(request, call_back, form=form, status=400)
    try:
        services.call_back_attempt(call_back_id=call_back.pk, by=request.user, result=form.cleaned_data["result"])
    except services.CallBackNotYours as error:
        messages.error(request, str(error))
        return redirect("hotline_staff:call_back", pk=call_back.pk)
    call_back.refresh_from_db()
    if call_back.status == CallBack.Status.DONE:
        messages.success(request, _("Called back. Log the call now."))
        return redirect("hotline_staff:log")
    if call_back.status == CallBack.Status.UNREACHABLE:
        messages.info(request, _("Closed as unreachable. The number was deleted."))
    else:
        messages.info(request, _("Attempt logged; the call-back is back in the queue."))
    return redirect("hotline_staff:call_backs")


def _hotline(pk):
    return get_object_or_404(Hotline.objects.prefetch_related("line_hours", "line_days"), pk=pk)


@requires("hotline.view_call")
def line_hours(request, pk):
    """The line's week, its exceptions and the coming public holidays; "simulate" shows what a caller gets."""
    hotline = _hotline(pk)
    calendar = calendar_for(hotline)
    simulate = SimulateForm(request.GET if "at" in request.GET else None)
    simulated = None
    if simulate.is_bound and simulate.is_valid():
        simulated = calendar.status(simulate.cleaned_data["at"])
    can_change = request.user.has_perm("hotline.add_lineday")
    day_form = LineDayForm(request.POST or None, hotline=hotline) if can_change else None
    if request.method == "POST":
        if not can_change:
            raise Http404
        if "remove" in request.POST:
            LineDay.objects.filter(hotline=hotline, pk=request.POST.get("remove")).delete()
            messages.success(request, _("The exception was removed."))
            return redirect("hotline_staff:hours", pk=hotline.pk)
        if day_form.is_valid():
            day_form.instance.hotline = hotline
            day_form.save()
            messages.success(request, _("The exception was added."))
            return redirect("hotline_staff:hours", pk=hotline.pk)
    today = timezone.localdate()
    coming = [(today + timezone.timedelta(days=i)) for i in range(14)]
    days = [(day, calendar.hours_on(day), calendar.exceptions.get(day)) for day in coming]
    return render(
        request,
        "hotline/staff/line_hours.html",
        {
            "hotline": hotline,
            "days": days,
            "status": calendar.status(timezone.now()),
            "simulate": simulate,
            "simulated": simulated,
            "day_form": day_form,
            "exceptions": [e for e in hotline.line_days.all() if e.date >= today],
        },
    )


@requires("hotline.view_hotline_figures")
def figures(request):

    form = FiguresForm(request.GET or None)
    today = timezone.localdate()
    date_from, date_to = today - timezone.timedelta(days=29), today
    if form.is_bound and form.is_valid():
        date_from = form.cleaned_data.get("date_from") or date_from
        date_to = form.cleaned_data.get("date_to") or date_to
    result = hotline_figures(user=request.user, date_from=date_from, date_to=date_to)
    return render(
        request,
        "hotline/staff/figures.html",
        {"form": form, "figures": result, "date_from": date_from, "date_to": date_to},
    )


# -- what a call leads to, in one step each (issue 12 item 3) -------------------------------------------------


@requires("hotline.change_call", "clients.view_client")
def call_client(request, pk):
    """Link the call to a client file (existing, or a new one opened here), with the caller's consent."""
    call = services.get_call_for_user(request.user, pk)
    link_form = CallClientForm(request.POST if request.POST.get("action") == "link" else None)
    new_form = ClientForm(
        request.POST if request.POST.get("action") == "new" else None,
        user=request.user,
        initial={"centre": call.centre},
    )
    consent_form = CallClientForm(request.POST if request.POST.get("action") == "new" else None)
    consent_form.fields["reference"].required = False
    if request.method == "POST":
        if request.POST.get("action") == "link" and link_form.is_valid():
            client = get_client_for_user(request.user, link_form.cleaned_data["reference"], log=False)
            services.call_link_client(call=call, client=client, by=request.user)
            messages.success(
                request, _("The call is now on the client file %(reference)s.") % {"reference": client.reference}
            )
            return redirect("hotline_staff:call", pk=call.pk)
        if request.POST.get("action") == "new" and request.user.has_perm("clients.add_client"):
            if new_form.is_valid() and consent_form.is_valid():
                client = client_create(by=request.user, **new_form.cleaned_data)
                services.call_link_client(call=call, client=client, by=request.user)
                messages.success(request, _("A client file was opened for the caller and the call is on it."))
                return redirect("hotline_staff:call", pk=call.pk)
    return render(
        request,
        "hotline/staff/call_client.html",
        {"call": call, "link_form": link_form, "new_form": new_form, "consent_form": consent_form},
    )


@requires("hotline.change_call", "consultations.change_appointment")
def call_book(request, pk):
    """Book a consultation for the caller: centre and day, "Show free times", then the time and details."""
    call = services.get_call_for_user(request.user, pk)
    data = request.POST if request.method == "POST" else None
    probe = CallBookingDayForm(data)
    free = []
    if probe.is_bound and probe.is_valid():
        centre, day = probe.cleaned_data["centre"], probe.cleaned_data["day"]
        free = [t for t in free_slots(centre, starts=centre_slots(centre, first_day=day, days=1)) if t > timezone.now()]
    form = CallBookingForm(data, free_times=free, initial={"centre": call.centre, "language": call.language})
    if request.method == "POST" and "book" in request.POST and form.is_valid():
        booking = form.booking_kwargs()
        if booking:
            try:
                appointment = services.call_book(call=call, by=request.user, **booking)
            except (SlotTaken, SlotInvalid) as error:
                form.add_error("start", str(error))
            else:
                messages.success(
                    request,
                    _("Booked: reference %(reference)s. Tell the caller the reference, the day and the time.")
                    % {"reference": appointment.reference},
                )
                return redirect("hotline_staff:call", pk=call.pk)
    return render(request, "hotline/staff/call_book.html", {"call": call, "form": form, "free": free})


@require_POST
@requires("hotline.change_call", "consultations.add_consultation")
def call_consultation(request, pk):
    """Record the call as a consultation by phone, and go on to add a referral to it."""
    call = services.get_call_for_user(request.user, pk)
    try:
        consultation = services.call_to_consultation(call=call, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("hotline_staff:call", pk=call.pk)
    messages.success(request, _("The call is recorded as a consultation by phone. Add the referral below."))
    return redirect("consultations_staff:referral_add", pk=consultation.pk)


OPERATOR_NUMBER_SESSION_KEY = "hotline_operator_number"


@require_POST
@requires("hotline.change_callback", "hotline.add_call")
def call_back_dial(request, pk):
    """Click to call: the provider rings the operator's phone, then the caller; the call is logged at once."""
    call_back = services.get_call_back_for_user(request.user, pk)
    form = DialForm(request.POST)
    if form.is_valid():
        number = form.cleaned_data["operator_number"]
        status_url = request.build_absolute_uri(reverse("telephony:twilio_status"))
        try:
            call = services.call_back_dial(
                call_back_id=call_back.pk, by=request.user, operator_number=number, status_url=status_url
            )
        except services.CallBackNotYours as error:
            messages.error(request, str(error))
        except TelephonyError:
            messages.error(request, _("The call could not be placed. Call the number from your phone instead."))
        else:
            request.session[OPERATOR_NUMBER_SESSION_KEY] = number
            if telephony.backend().name == "console":
                messages.info(
                    request, _("No telephony provider is set up: the call is logged, dial the number yourself.")
                )
            else:
                messages.success(request, _("Your phone rings now; answer it and the caller is dialled."))
            return redirect("hotline_staff:call", pk=call.pk)
        return redirect("hotline_staff:call_back", pk=call_back.pk)
    return _call_back_page(request, call_back, dial_form=form, status=400)
