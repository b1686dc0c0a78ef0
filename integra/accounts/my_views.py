"""A member's own page (/<lang>/my/, issue 17 item 4): their bookings and questions, download, delete."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from integra.accounts import services
from integra.consultations.booking import MANAGE_GRANT, MANAGE_MAX_AGE
from integra.core import grants
from integra.core.permissions import signed_in
from integra.courses.enrolment import confirmation_token


def _members_only(view):
    """Staff have the back office instead of this page."""

    def wrapper(request, *args, **kwargs):
        if request.user.is_staff_member:
            return redirect("staff:dashboard")
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@signed_in
@never_cache
@_members_only
def my_page(request):
    now = timezone.now()
    bookings = list(services.member_bookings(request.user))
    upcoming = sorted((b for b in bookings if b.can_change), key=lambda b: b.start)
    past = [b for b in bookings if not b.can_change]
    context = {
        "upcoming": upcoming,
        "past": past,
        "questions": list(services.member_questions(request.user)),
        "enrolments": _with_links(services.member_enrolments(request.user)),
        "language_name": dict(settings.LANGUAGES).get(request.user.preferred_language, ""),
        "now": now,
    }
    return render(request, "accounts/my/page.html", context)


def _with_links(enrolments) -> list:
    """Each enrolment with the link to its own page (where the member sees it and can leave)."""
    rows = list(enrolments)
    for enrolment in rows:
        enrolment.page_token = confirmation_token(enrolment)
    return rows


@signed_in
@_members_only
def my_booking(request, pk):
    """The member's own booking opened in the public change pages, without the reference look-up."""
    appointment = services.member_bookings(request.user).filter(pk=pk).first()
    if appointment is None:
        raise Http404
    grants.grant(request, MANAGE_GRANT, appointment.pk, MANAGE_MAX_AGE)
    return redirect("consultations:booking_manage")


@signed_in
@_members_only
def my_data(request):
    data = services.member_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-integra-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@signed_in
@never_cache
@_members_only
def my_delete(request):
    bookings = list(services.member_bookings(request.user))
    context = {
        "open_bookings": [b for b in bookings if b.can_change],
        "booking_count": len(bookings),
        "question_count": services.member_questions(request.user).count(),
    }
    return render(request, "accounts/my/delete.html", context)


@signed_in
@require_POST
@_members_only
def my_delete_confirm(request):
    if request.POST.get("confirm") != "yes":
        return redirect("my:delete")
    services.member_delete(user=request.user)
    logout(request)
    messages.success(request, _("Your account has been deleted."))
    return redirect("home")
