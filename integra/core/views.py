from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from integra.core.permissions import public


@public
@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not. Used by load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@public
@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@public
@requires_csrf_token
def permission_denied(request, exception=None):
    """Our 403 page: in the user's language and direction, with the site's navigation and the way back."""
    back = request.META.get("HTTP_REFERER", "")
    if back == request.build_absolute_uri() or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    return render(request, "403.html", {"back": back}, status=403)


@public
@requires_csrf_token
def server_error(request):
    """The 500 page in the visitor's language; falls back to plain text if even that fails."""
    try:
        template = loader.get_template("500.html")
        return HttpResponseServerError(template.render({"request": request}, request))
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        return HttpResponseServerError("Server error / Грешка на сървъра", content_type="text/plain")
