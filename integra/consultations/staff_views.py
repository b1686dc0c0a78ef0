from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.centres.forms import CentreFilterForm
from integra.centres.models import Centre
from integra.clients.services import get_client_for_user
from integra.consultations import services
from integra.consultations.forms import (
    ClosedDayForm,
    ConsultationFilterForm,
    ConsultationForm,
    FollowUpForm,
    LinkClientForm,
    ReferralCreateForm,
    ReferralForm,
    RotaForm,
)
from integra.consultations.models import Appointment, Consultation, FollowUp, Referral, Rota
from integra.core.forms import add_errors
from integra.core.paging import OpenPage
from integra.core.permissions import requires

PAGE_SIZE = 25


@requires("consultations.view_consultation")
def consultation_list(request):
    form = ConsultationFilterForm(request.GET or None, user=request.user)
    consultations = form.filter(Consultation.objects.for_user(request.user)).for_list().order_by("-held_on", "-pk")
    page = OpenPage(consultations, request.GET.get("page"), PAGE_SIZE)
    return render(request, "consultations/staff/consultation_list.html", {"form": form, "page": page})


@requires("consultations.add_consultation")
def consultation_create(request):
    reference = request.GET.get("client") or request.POST.get("client")
    client = get_client_for_user(request.user, reference, log=False) if reference else None
    if client is not None and client.is_erased:
        client = None
    form = ConsultationForm(request.POST or None, user=request.user, client=client)
    if request.method == "POST" and form.is_valid():
        consultation = services.consultation_record(by=request.user, client=client, **form.record_kwargs())
        messages.success(request, _("The consultation was recorded."))
        return redirect("consultations_staff:detail", pk=consultation.pk)
    return render(request, "consultations/staff/consultation_form.html", {"form": form, "client": client})


@requires("consultations.view_consultation")
def consultation_detail(request, pk):
    consultation = services.get_consultation_for_user(request.user, pk)
    return _detail_page(request, consultation)


def _detail_page(request, consultation, *, form=None, status=200):
    if form is None and consultation.client_id is None and request.user.has_perm("consultations.change_consultation"):
        form = LinkClientForm()
    return render(
        request,
        "consultations/staff/consultation_detail.html",
        {"consultation": consultation, "form": form},
        status=status,
    )


@require_POST
@requires("consultations.change_consultation", "clients.view_client")
def consultation_link_client(request, pk):
    """A walk-in recorded without a file is put on an existing client file afterwards (by its reference)."""
    consultation = services.get_consultation_for_user(request.user, pk, log=False)
    form = LinkClientForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_link_client(
                consultation=consultation, reference=form.cleaned_data["reference"], by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The consultation is now on the client file %(reference)s.")
                % {"reference": consultation.client.reference},
            )
            return redirect("consultations_staff:detail", pk=consultation.pk)
    return _detail_page(request, consultation, form=form, status=400)


@requires("consultations.change_consultation")
def consultation_edit(request, pk):
    consultation = services.get_consultation_for_user(request.user, pk, log=False)
    form = ConsultationForm(request.POST or None, instance=consultation, user=request.user, client=consultation.client)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.consultation_update(consultation=consultation, **data)
        messages.success(request, _("The consultation was saved."))
        return redirect("consultations_staff:detail", pk=consultation.pk)
    return render(
        request,
        "consultations/staff/consultation_form.html",
        {"form": form, "client": consultation.client, "consultation": consultation},
    )


@requires("consultations.change_consultation")
def referral_add(request, pk):
    consultation = services.get_consultation_for_user(request.user, pk, log=False)
    form = ReferralCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.referral_create(consultation=consultation, **form.cleaned_data)
        messages.success(request, _("The referral was recorded."))
        return redirect("consultations_staff:detail", pk=consultation.pk)
    return render(request, "consultations/staff/small_form.html", {"form": form, "title": _("Refer to an institution")})


@requires("consultations.change_consultation")
def follow_up_add(request, pk):
    consultation = services.get_consultation_for_user(request.user, pk, log=False)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.follow_up_create(consultation=consultation, assigned_to=request.user, **form.cleaned_data)
        messages.success(request, _("The follow-up was added to your list."))
        return redirect("consultations_staff:detail", pk=consultation.pk)
    return render(request, "consultations/staff/small_form.html", {"form": form, "title": _("Add a follow-up")})


@requires("consultations.change_consultation")
def referral_edit(request, pk):
    referral = get_object_or_404(
        Referral.objects.select_related("institution", "consultation").filter(
            consultation__in=Consultation.objects.for_user(request.user)
        ),
        pk=pk,
    )
    form = ReferralForm(request.POST or None, instance=referral)
    if request.method == "POST" and form.is_valid():
        services.referral_update(referral=referral, **form.cleaned_data)
        messages.success(request, _("The referral was updated."))
        return redirect("consultations_staff:detail", pk=referral.consultation_id)
    return render(request, "consultations/staff/referral_form.html", {"form": form, "referral": referral})


@requires("consultations.view_consultation")
def follow_ups_due(request):
    centre_form = CentreFilterForm(request.GET, user=request.user)
    follow_ups = centre_form.filter(FollowUp.objects.due_for(request.user), "consultation__centre")
    return render(
        request,
        "consultations/staff/follow_ups.html",
        {"follow_ups": follow_ups, "today": timezone.localdate(), "centre_form": centre_form},
    )


@require_POST
@requires("consultations.change_consultation")
def follow_up_done(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.open(), pk=pk, assigned_to=request.user)
    services.follow_up_done(follow_up=follow_up)
    messages.success(request, _("Marked as done."))
    return redirect("consultations_staff:follow_ups")


@requires("consultations.view_appointment")
def appointment_list(request):
    today = timezone.localdate()
    centre_form = CentreFilterForm(request.GET, user=request.user)
    appointments = (
        centre_form.filter(Appointment.objects.for_user(request.user))
        .filter(start__date__gte=today, status__in=Appointment.ACTIVE)
        .select_related("centre", "topic", "consultation")
        .order_by("start")[:200]
    )
    return render(
        request,
        "consultations/staff/appointment_list.html",
        {"appointments": appointments, "today": today, "centre_form": centre_form},
    )


@requires("consultations.add_consultation")
def appointment_arrived(request, pk):
    """GET asks for confirmation (and says which client file the booking's phone leads to); POST turns the
    booking into a consultation record, on that file unless the consultant chose "not this file"."""
    appointment = get_object_or_404(
        Appointment.objects.for_user(request.user).active().select_related("centre", "topic", "consultation"), pk=pk
    )
    existing = getattr(appointment, "consultation", None)
    if existing is not None:
        return redirect("consultations_staff:edit", pk=existing.pk)
    client = services.client_for_appointment(appointment=appointment, user=request.user)
    if request.method == "POST":
        on_file = client if client is not None and request.POST.get("client") != "none" else None
        consultation = services.appointment_to_consultation(appointment=appointment, by=request.user, client=on_file)
        if on_file is not None:
            messages.success(
                request,
                _("The booking is now a consultation record on the client file %(reference)s. Complete it below.")
                % {"reference": on_file.reference},
            )
        else:
            messages.success(request, _("The booking is now a consultation record. Complete it below."))
        return redirect("consultations_staff:edit", pk=consultation.pk)
    return render(
        request, "consultations/staff/appointment_arrived.html", {"appointment": appointment, "client": client}
    )


@requires("consultations.change_rota")
def rota_edit(request, slug):
    centre = get_object_or_404(Centre.objects.for_user(request.user).prefetch_related("opening_hours"), slug=slug)
    rota = Rota.objects.filter(centre=centre).first() or Rota(centre=centre)  # opening the page writes nothing
    form = RotaForm(request.POST if "save_rota" in request.POST else None, instance=rota)
    closed_form = ClosedDayForm(request.POST if "add_closed" in request.POST else None, centre=centre)
    if request.method == "POST":
        if "save_rota" in request.POST and form.is_valid():
            services.rota_update(centre=centre, **form.cleaned_data)
            messages.success(request, _("The rota was saved."))
            return redirect("consultations_staff:rota", slug=centre.slug)
        if "add_closed" in request.POST and closed_form.is_valid():
            services.closed_day_add(centre=centre, **closed_form.cleaned_data)
            messages.success(request, _("The closed day was added."))
            return redirect("consultations_staff:rota", slug=centre.slug)
        if "remove_closed" in request.POST:
            remove = request.POST.get("remove_closed", "")
            closed_day = centre.closed_days.filter(pk=remove).first() if remove.isdigit() else None
            if closed_day is not None:
                services.closed_day_remove(closed_day=closed_day)
            return redirect("consultations_staff:rota", slug=centre.slug)
    closed = centre.closed_days.filter(date__gte=timezone.localdate())
    return render(
        request,
        "consultations/staff/rota.html",
        {"centre": centre, "form": form, "closed_form": closed_form, "closed": closed},
    )
