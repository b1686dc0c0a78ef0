"""Public pages: what the interpreting service is, and the mediator's offer link (accept or decline).

The offer link's token is the only credential (no session, no cookie), so its form needs no CSRF token:
the page is sent with "no-referrer" (the address carries the secret), with which Chromium posts
"Origin: null" and Django's CSRF check would refuse the buttons. It is never cached.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from integra.core.forms import add_errors
from integra.core.permissions import public
from integra.interpreting import services
from integra.interpreting.forms import ClientFeedbackForm
from integra.interpreting.models import Feedback


@public
def about(request):
    return render(request, "interpreting/public/about.html")


@public
@never_cache
@csrf_exempt
def offer(request, token):
    status = 200
    try:
        found = services.get_offer(token)
    except ValidationError as error:
        response = render(request, "interpreting/public/offer.html", {"error": error.messages[0]}, status=404)
        response["Referrer-Policy"] = "no-referrer"
        return response
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "accept":
                services.offer_accept(token=token)
            elif request.POST.get("answer") == "decline":
                services.offer_decline(token=token)
            return redirect("interpreting:offer", token)
        except ValidationError as refused:
            error, status = refused.messages[0], 409
        found = services.get_offer(token)
    context = {"offer": found, "job": found.request, "error": error, "token": token}
    response = render(request, "interpreting/public/offer.html", context, status=status)
    response["Referrer-Policy"] = "no-referrer"
    return response


@public
@never_cache
@csrf_exempt
def client_feedback(request, token):
    """The client's feedback in their own language, through the link they were given (by SMS or on paper).
    The token is the only credential, so, as on the offer page, no CSRF token and no referrer. Once only:
    after the answer (or a second tap on Send) the page thanks them."""
    try:
        job = services.get_client_feedback_request(token)
    except ValidationError as error:
        page = render(request, "interpreting/public/feedback.html", {"error": error.messages[0]}, status=404)
        return _no_referrer(page)
    given = job.feedback.filter(side=Feedback.Side.CLIENT).exists()
    form = ClientFeedbackForm(request.POST if request.method == "POST" and not given else None)
    if form.is_bound and form.is_valid():
        try:
            services.client_feedback_give(
                token=token,
                understood=form.cleaned_data["understood"],
                comment=form.cleaned_data["comment"],
                language=translation.get_language() or "",
            )
        except ValidationError as error:
            if not job.feedback.filter(side=Feedback.Side.CLIENT).exists():
                add_errors(form, error)
        if not form.errors:
            return redirect("interpreting:feedback", token)
    status = 422 if form.is_bound else 200
    context = {"form": form, "given": given, "job": job}
    return _no_referrer(render(request, "interpreting/public/feedback.html", context, status=status))


def _no_referrer(response):
    response["Referrer-Policy"] = "no-referrer"
    return response
