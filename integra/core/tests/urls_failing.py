from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from config.urls import urlpatterns as real_urlpatterns


@login_not_required
def boom(request):
    raise RuntimeError("a failure for the test of the 500 page")


urlpatterns = [*real_urlpatterns, *i18n_patterns(path("boom/", boom))]
handler500 = "integra.core.views.server_error"
