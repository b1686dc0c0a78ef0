from django.contrib import admin
from django.urls import include, path

from integra.api.api import api
from integra.centres import views as centres_views
from integra.core import views as core_views
from integra.core.resolving import i18n_patterns  # Django's, resolved paths remembered (issue 16)

# The API authenticates with tokens, not sessions: its views are outside LoginRequiredMiddleware.
api_patterns, api_app, api_namespace = api.urls
for pattern in api_patterns:
    pattern.callback.login_required = False

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", (api_patterns, api_app, api_namespace)),
    path("hsds/", include("integra.centres.hsds_urls")),  # open data, public, not language-prefixed
    path("telephony/", include("integra.hotline.telephony_urls")),
    path("telephony/interpreting/", include("integra.interpreting.phone_webhook_urls")),  # phone interpretation
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", centres_views.home, name="home"),
    path("", include("integra.core.urls")),  # privacy notice, accessibility statement, who runs the service
    path("", include("integra.centres.urls")),
    path("accounts/", include("integra.accounts.urls")),
    path("my/", include("integra.accounts.my_urls")),  # a member's own page (issue 17 item 4)
    path("staff/", include("integra.accounts.staff_urls")),
    path("staff/centres/", include("integra.centres.staff_urls")),
    # Each domain's public and back-office pages; every app owns the paths below its prefix.
    path("", include("integra.consultations.urls")),
    path("staff/", include("integra.consultations.staff_urls")),
    path("staff/", include("integra.clients.staff_urls")),
    path("", include("integra.knowledge.urls")),
    path("staff/", include("integra.knowledge.staff_urls")),
    path("", include("integra.forum.urls")),
    path("staff/", include("integra.forum.staff_urls")),
    path("", include("integra.violations.urls")),
    path("staff/", include("integra.violations.staff_urls")),
    path("", include("integra.hotline.urls")),
    path("staff/", include("integra.hotline.staff_urls")),
    path("", include("integra.events.urls")),
    path("staff/", include("integra.events.staff_urls")),
    path("", include("integra.courses.urls")),
    path("staff/", include("integra.courses.staff_urls")),
    path("", include("integra.interpreting.urls")),
    path("staff/", include("integra.interpreting.staff_urls")),
    path("staff/", include("integra.interpreting.phone_urls")),  # phone interpretation now
    path("", include("integra.figures.urls")),
    path("staff/", include("integra.figures.staff_urls")),
    prefix_default_language=True,
)

handler403 = "integra.core.views.permission_denied"
handler404 = "integra.core.views.page_not_found"
handler500 = "integra.core.views.server_error"
