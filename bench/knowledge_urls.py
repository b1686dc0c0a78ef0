"""The project's URLs plus /bench/bare: a Django view that returns a fixed string (the baseline)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from config.urls import handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns


@login_not_required
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare), *project_urlpatterns]
