"""Interpreting in the back office: asking for an interpreter, the requests list (scoped: a partner sees
its institution's requests only), a request's page with cancelling and logging the session, the ranked
candidates with confirm and send offers, the registry, and a mediator's own availability on a phone."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.core.forms import add_errors
from integra.core.paging import OpenPage
from integra.core.permissions import requires
from integra.hotline.forms import FiguresForm
from integra.interpreting import services
from integra.interpreting.figures import interpreting_figures
from integra.interpreting.forms import (
    AwayForm,
    CancelForm,
    ClientLinkForm,
    FeedbackForm,
    NoShowForm,
    RequestFilterForm,
    RequestForm,
    SessionForm,
    WeekForm,
)
from integra.interpreting.models import Feedback, Mediator, Request

PAGE_SIZE = 50


@requires("interpreting.view_request")
def request_list(request):
    """Every request the user may see, latest first, filtered by days, centre, language, institution and
    status (the list the interpreting figures link to), a page at a time without counting the table."""
    form = RequestFilterForm(request.GET or None, user=request.user)
    requests = Request.objects.for_user(request.user).with_details().select_related("session")
    requests = form.filter(requests).order_by("-starts_at", "-pk")
    page = OpenPage(requests, request.GET.get("page"), PAGE_SIZE)
    return render(request, "interpreting/staff/request_list.html", {"form": form, "page": page})


@requires("interpreting.add_request")
def request_create(request):
    if request.method == "POST":
        form = RequestForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                job = services.request_create(by=request.user, **form.service_kwargs())
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Your request is saved. Its job number is %(job)s.") % {
                    "job": job.job_number
                })  # fmt: skip
                return redirect("interpreting_staff:detail", job.pk)
    else:
        form = RequestForm(user=request.user, initial={"key": secrets.token_urlsafe(24), "duration_minutes": 30})
    return render(request, "interpreting/staff/request_form.html", {"form": form})


def _detail(request, job, *, status=200, **forms):
    """The request's page; a form sent back with its errors replaces the empty one of the same name."""
    mode, reason = services.suggestion_for(job)
    feedback = list(job.feedback.all())
    side = services.feedback_side(request.user, job)
    context = {
        "job": job,
        "suggested": mode,
        "reason": reason,
        "cancel": CancelForm(),
        "no_show": NoShowForm(),
        "session": SessionForm(initial={"started_at": job.starts_at, "ended_at": job.ends_at,
                                        "mode": job.mode, "outcome": "completed"}),
        "feedback_form": FeedbackForm(),
        "client_link": ClientLinkForm(),
        "offers": list(job.offers.select_related("mediator")),
        "feedback": feedback,
        "my_side": side,
        "my_feedback_given": any(f.side == side for f in feedback),
        "client_feedback_given": any(f.side == Feedback.Side.CLIENT for f in feedback),
        "can_record_no_show": job.status == Request.Status.CONFIRMED and job.starts_at <= timezone.now(),
        **forms,
    }  # fmt: skip
    return render(request, "interpreting/staff/request_detail.html", context, status=status)


@requires("interpreting.view_request")
def request_detail(request, pk):
    return _detail(request, services.get_request_for_user(request.user, pk))


@require_POST
@requires("interpreting.cancel_request")
def request_cancel(request, pk):
    job = services.get_request_for_user(request.user, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            job = services.request_cancel(by=request.user, request=job, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The request is cancelled."))
            if job.late_cancellation:
                messages.warning(request, _("Less than one working day before the start: a late cancellation."))
            return redirect("interpreting_staff:detail", job.pk)
    return _detail(request, job, cancel=form, status=422)


@require_POST
@requires("interpreting.cancel_request")
def request_no_show(request, pk):
    job = services.get_request_for_user(request.user, pk)
    form = NoShowForm(request.POST)
    if form.is_valid():
        try:
            services.request_no_show(by=request.user, request=job, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The no-show is recorded."))
            return redirect("interpreting_staff:detail", job.pk)
    return _detail(request, job, no_show=form, status=422)


@require_POST
@requires("interpreting.add_session")
def session_log(request, pk):
    job = services.get_request_for_user(request.user, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_log(by=request.user, request=job, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The session is logged."))
            return redirect("interpreting_staff:detail", job.pk)
    return _detail(request, job, session=form, status=422)


@require_POST
@requires("interpreting.add_feedback")
def feedback_give(request, pk):
    job = services.get_request_for_user(request.user, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_give(by=request.user, request=job, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("interpreting_staff:detail", job.pk)
    return _detail(request, job, feedback_form=form, status=422)


@require_POST
@requires("interpreting.add_feedback")
def client_link(request, pk):
    """Make the client's feedback link and show it once, to print (or say it was sent by SMS)."""
    job = services.get_request_for_user(request.user, pk)
    form = ClientLinkForm(request.POST)
    if form.is_valid():
        phone = str(form.cleaned_data["phone"] or "")
        try:
            url = services.client_feedback_link_create(
                by=request.user, request=job, language=form.cleaned_data["language"], phone=phone
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            context = {"job": job, "url": url, "sent": bool(phone), "language": form.cleaned_data["language"]}
            return render(request, "interpreting/staff/client_link.html", context)  # back office: never cached
    return _detail(request, job, client_link=form, status=422)


@requires("interpreting.confirm_request")
def candidates(request, pk):
    job = services.get_request_for_user(request.user, pk)
    if request.method == "POST":
        chosen = Mediator.objects.active().filter(pk__in=request.POST.getlist("mediator"))
        try:
            if request.POST.get("action") == "confirm":
                if len(chosen) != 1:
                    raise ValidationError(_("Choose one interpreter to confirm."))
                services.request_confirm(by=request.user, request=job, mediator=chosen[0])
                messages.success(request, _("%(name)s is confirmed for this job.") % {"name": chosen[0].name})
            else:
                sent = services.offers_send(by=request.user, request=job, mediators=chosen)
                messages.success(request, _("Offers sent: %(count)d. The first to accept gets the job.") % {
                    "count": len(sent)
                })  # fmt: skip
            return redirect("interpreting_staff:detail", job.pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            job = services.get_request_for_user(request.user, pk)
    context = {"job": job, "candidates": services.candidates_rank(job)}
    return render(request, "interpreting/staff/candidates.html", context)


@requires("interpreting.view_interpreting_figures")
def figures(request):
    """The interpreting figures for a period (the last 30 days by default), scoped to the user's centres."""
    form = FiguresForm(request.GET or None)
    today = timezone.localdate()
    date_from, date_to = today - timedelta(days=29), today
    if form.is_bound and form.is_valid():
        date_from = form.cleaned_data.get("date_from") or date_from
        date_to = form.cleaned_data.get("date_to") or date_to
    result = interpreting_figures(user=request.user, date_from=date_from, date_to=date_to)
    context = {
        "form": form,
        "figures": result,
        "target_hours": settings.INTERPRETING_TARGET_HOURS_BEFORE,
        "target_minutes": settings.INTERPRETING_URGENT_TARGET_MINUTES,
    }
    return render(request, "interpreting/staff/figures.html", context)


@requires("interpreting.view_mediator")
def registry(request):
    mediators = Mediator.objects.for_user(request.user).with_details()
    language = request.GET.get("language", "")
    if language:
        mediators = mediators.filter(languages__language=language).distinct()
    return render(request, "interpreting/staff/registry.html", {"mediators": list(mediators[:500])})


@requires("interpreting.view_mediator")
def mediator_detail(request, pk):
    mediator = services.get_mediator_for_user(request.user, pk)
    return render(request, "interpreting/staff/mediator_detail.html", {"mediator": mediator})


@requires("interpreting.edit_own_availability")
def my_availability(request):
    mediator = services.own_mediator(request.user)
    week = WeekForm(mediator=mediator)
    away = AwayForm(prefix="away")
    if request.method == "POST":
        try:
            if "away-date" in request.POST:
                away = AwayForm(request.POST, prefix="away")
                if away.is_valid():
                    services.exception_add(
                        by=request.user, mediator=mediator, day=away.cleaned_data["date"], available=False
                    )
                    messages.success(request, _("Saved: you are away that day."))
                    return redirect("interpreting_staff:my_availability")
            elif "remove" in request.POST:
                services.exception_remove(by=request.user, mediator=mediator, pk=int(request.POST["remove"]))
                return redirect("interpreting_staff:my_availability")
            else:
                week = WeekForm(request.POST, mediator=mediator)
                if week.is_valid():
                    services.availability_set(by=request.user, mediator=mediator, weekly=week.weekly())
                    messages.success(request, _("Your weekly availability is saved."))
                    return redirect("interpreting_staff:my_availability")
        except ValidationError as error:
            add_errors(away if "away-date" in request.POST else week, error)
    context = {"mediator": mediator, "week": week, "away": away, "exceptions": list(mediator.exceptions.all())}
    return render(request, "interpreting/staff/my_availability.html", context)
