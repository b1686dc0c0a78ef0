from datetime import datetime, timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.accounts import roles, services
from integra.accounts.forms import ApiTokenForm
from integra.accounts.models import ApiToken
from integra.centres.models import Centre
from integra.consultations.models import Appointment, FollowUp
from integra.core.permissions import any_staff, requires
from integra.forum.models import Question
from integra.hotline.models import CallBack


@any_staff
def dashboard(request):
    centres = Centre.objects.for_user(request.user)
    editable = set(Centre.objects.editable_by(request.user).values_list("pk", flat=True))
    return render(
        request,
        "accounts/staff/dashboard.html",
        {"centres": centres, "editable": editable, "is_rights_officer": request.user.has_role(roles.RIGHTS_OFFICER)},
    )


@requires("consultations.view_appointment")
def today(request):
    """The consultant's and the manager's day at their centres, each row with its next step: bookings, follow-ups
    due, questions referred to the centre and not yet handled, call-backs due. Every list is scoped by the
    models' own helpers (for_user) and read in one query, however long it is.

    Walk-ins are not listed: nothing records a walk-in waiting (they are recorded as consultations directly)."""
    user = request.user
    day = timezone.localdate()
    start = datetime.combine(day, datetime.min.time(), tzinfo=timezone.get_current_timezone())
    end = start + timedelta(days=1)
    appointments = (
        Appointment.objects.for_user(user)
        .active()
        .filter(start__gte=start, start__lt=end)
        .select_related("centre", "topic", "consultation")
        .order_by("start", "pk")
    )
    context = {"day": day, "appointments": list(appointments), "now": timezone.now()}
    if user.has_perm("consultations.view_consultation"):
        context["follow_ups"] = list(FollowUp.objects.due_for(user, within_days=0))
    if user.has_perm("consultations.add_consultation"):
        context["questions"] = list(
            Question.objects.filter(
                status=Question.Status.REFERRED,
                referral_handled_at__isnull=True,
                consultation__isnull=True,
                referred_centre__in=Centre.objects.for_user(user),
            )
            .select_related("topic", "referred_centre")
            .order_by("moderated_at", "pk")
        )
    if user.has_perm("hotline.view_callback"):
        context["call_backs"] = list(CallBack.objects.for_user(user).open().filter(due_at__lt=end).for_queue())
    return render(request, "accounts/staff/today.html", context)


@any_staff
def tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(
        request,
        "accounts/staff/tokens.html",
        {"form": form, "new_key": new_key, "tokens": request.user.api_tokens.all()},
    )


@any_staff
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token)
    messages.success(request, _("The token was revoked. It no longer works."))
    return redirect("staff:tokens")
