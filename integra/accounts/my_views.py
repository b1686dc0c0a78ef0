"""A member's own page (/<lang>/my/, issue 17 item 4): their bookings, questions, courses, events and call-backs;
messages and language; claiming records made without an account; download (JSON, PDF) and delete."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from integra.accounts import claims, services
from integra.accounts.forms import ClaimCodeForm, ClaimStartForm, PreferencesForm
from integra.consultations.booking import MANAGE_GRANT, MANAGE_MAX_AGE
from integra.core import grants
from integra.core.languages import endonym
from integra.core.permissions import signed_in
from integra.courses.enrolment import confirmation_token
from integra.events.views import confirmation_token as registration_token
from integra.forum.views import PRIVATE_GRANT, PRIVATE_GRANT_MAX_AGE


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
        "questions": list(services.member_questions_with_answers(request.user)),
        "enrolments": _with_links(services.member_enrolments(request.user)),
        "registrations": _with_tokens(services.member_registrations(request.user)),
        "call_backs": list(services.member_call_backs(request.user)),
        "language_name": endonym(request.user.preferred_language) if request.user.preferred_language else "",
        "now": now,
    }
    return render(request, "accounts/my/page.html", context)


def _with_tokens(registrations) -> list:
    rows = list(registrations)
    for registration in rows:
        registration.page_token = registration_token(registration)
    return rows


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
def my_question(request, pk):
    """The member's own question opened in its private page (answers, reply, accept) without the link."""
    question = services.member_questions(request.user).filter(pk=pk).first()
    if question is None:
        raise Http404
    grants.grant(request, PRIVATE_GRANT, question.pk, PRIVATE_GRANT_MAX_AGE)
    return redirect("forum:private_page")


@signed_in
@never_cache
@_members_only
def my_settings(request):
    """Messages (SMS, e-mail, none) and language."""
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.member_preferences_update(
            user=request.user,
            notify_by=form.cleaned_data["notify_by"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        with translation.override(user.preferred_language):
            messages.success(request, _("Your choices are saved."))
            return redirect("my:page")
    return render(request, "accounts/my/settings.html", {"form": form})


CLAIM_MESSAGES = {
    "locked": _lazy(
        "You typed a wrong code three times. To keep your records safe, adding records is locked for a while. "
        "Try again in %(minutes)s minutes."
    ),
    "wrong": _lazy("This code is not right. Check the message we sent and type the 6 digits again."),
    "expired": _lazy("This code has expired: codes work for %(minutes)s minutes. Ask for a new code."),
    "none": _lazy("There is no code waiting. Ask for a new code."),
    "too_many": _lazy("Too many codes were asked for. Wait an hour and try again."),
    "not_sent": _lazy("We could not send the code. Check the number or address, or try again later."),
}


def _claim_message(reason: str) -> str:
    minutes = (
        settings.MEMBER_CLAIM_RATE_LIMITS["wrong_code"][1] // 60
        if reason == "locked"
        else settings.MEMBER_CLAIM_CODE_MINUTES
    )
    return str(CLAIM_MESSAGES[reason]) % {"minutes": minutes}


@signed_in
@never_cache
@_members_only
def my_claim(request):
    """Step 1: the phone or e-mail used without an account; a code is sent to it, whatever it matches."""
    if claims.claim_locked(user=request.user):
        return render(request, "accounts/my/claim_locked.html", {"message": _claim_message("locked")}, status=429)
    form = ClaimStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claims.claim_code_send(user=request.user, target=form.cleaned_data["target"])
        except claims.ClaimError as error:
            form.add_error("target", _claim_message(error.reason))
        else:
            return redirect("my:claim_code")
    return render(request, "accounts/my/claim.html", {"form": form})


@signed_in
@never_cache
@_members_only
def my_claim_code(request):
    """Step 2: the code. Right: the matching records become the member's, and only now are they counted."""
    if claims.claim_locked(user=request.user):
        return render(request, "accounts/my/claim_locked.html", {"message": _claim_message("locked")}, status=429)
    pending = claims.claim_pending(user=request.user)
    if pending is None:
        return redirect("my:claim")
    form = ClaimCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claimed = claims.claim_confirm(user=request.user, code=form.cleaned_data["code"])
        except claims.ClaimError as error:
            if error.reason == "locked":
                return render(
                    request, "accounts/my/claim_locked.html", {"message": _claim_message("locked")}, status=429
                )
            form.add_error("code", _claim_message(error.reason))
        else:
            total = sum(claimed.values())
            messages.success(
                request,
                ngettext(
                    "Confirmed. %(count)s record was added to your page.",
                    "Confirmed. %(count)s records were added to your page.",
                    total,
                )
                % {"count": total},
            )
            return redirect("my:page")
    context = {"form": form, "pending": pending, "minutes": settings.MEMBER_CLAIM_CODE_MINUTES}
    return render(request, "accounts/my/claim_code.html", context)


@signed_in
@_members_only
def my_data_pdf(request):
    """The same data as the JSON download, as a readable PDF in the member's language (RTL for ar/fa)."""
    from weasyprint import HTML  # noqa: PLC0415 - loads Pango only when a PDF is made

    user = request.user
    context = {
        "member": user,
        "now": timezone.now(),
        "bookings": services.member_bookings(user),
        "questions": services.member_questions_with_answers(user),
        "enrolments": services.member_enrolments(user),
        "registrations": services.member_registrations(user),
        "call_backs": services.member_call_backs(user),
        "language_name": endonym(user.preferred_language) if user.preferred_language else "",
    }
    html = render_to_string("accounts/my/data_pdf.html", context, request=request)
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="my-integra-data.pdf"'
    response["Cache-Control"] = "no-store"
    return response


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
    registrations = list(services.member_registrations(request.user))
    call_backs = list(services.member_call_backs(request.user))
    now = timezone.now()
    context = {
        "open_bookings": [b for b in bookings if b.can_change],
        "booking_count": len(bookings),
        "question_count": services.member_questions(request.user).count(),
        "enrolment_count": services.member_enrolments(request.user).count(),
        "upcoming_registrations": [r for r in registrations if r.event.start > now],
        "past_registration_count": sum(1 for r in registrations if r.event.start <= now),
        "open_call_backs": [c for c in call_backs if c.is_open],
        "call_back_count": len(call_backs),
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
