"""Public pages: what the interpreting service is, and the mediator's offer link (accept or decline).

The offer link's token is the only credential (no session, no cookie), so its form needs no CSRF token:
the page is sent with "no-referrer" (the address carries the secret), with which Chromium posts
"Origin: null" and Django's CSRF check would refuse the buttons. It is never cached.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from integra.core.permissions import public
from integra.interpreting import services


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
