from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


@login_not_required
def bare(request):
    """The baseline: a Django view that does nothing, through the same middleware."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
