"""After the event, the public side: the "was this useful for you?" card online.

The card has two doors. The event's own link (`/events/<id>/feedback/`, printed as a QR code on paper
cards and posters, without a language in it so that each phone opens it in its own language) takes
anonymous answers, limited per connection. The link on a registration's confirmation takes one answer
per registration. Neither asks for, nor keeps, anything about the person.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from integra.core.forms import add_errors
from integra.core.permissions import public
from integra.events import ratelimit, services
from integra.events.forms import FeedbackForm
from integra.events.views import _registration_from


def _card(request, event, form, *, registration=None, token="", status=200):
    context = {
        "event": event,
        "form": form,
        "not_yet": not event.has_started(),
        "token": token,
        "already": registration is not None and services.feedback_given(registration),
    }
    return render(request, "events/public/feedback.html", context, status=status)


@public
@never_cache
def feedback(request, pk):
    """The anonymous card (from the printed QR code or the event's page)."""
    event = services.get_public_event(pk)
    if request.method != "POST":
        return _card(request, event, FeedbackForm())
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _card(request, event, form, status=400)
    if not ratelimit.allow(request, "feedback"):
        form.add_error(None, _("Too many answers were sent from your connection. Please try again in an hour."))
        return _card(request, event, form, status=429)
    try:
        services.feedback_record(event=event, language=get_language(), **form.cleaned_data)
    except ValidationError as error:
        add_errors(form, error)
        return _card(request, event, form, status=400)
    return redirect("events:feedback_thanks")


@public
@never_cache
def feedback_for_registration(request, token):
    """The card from a registration's confirmation: one answer per registration."""
    registration = _registration_from(token)
    event = registration.event
    if request.method != "POST":
        return _card(request, event, FeedbackForm(), registration=registration, token=token)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_record(
                event=event, registration=registration, language=get_language(), **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("events:feedback_thanks")
    return _card(request, event, form, registration=registration, token=token, status=400)


@public
def feedback_thanks(request):
    return render(request, "events/public/feedback_thanks.html")
