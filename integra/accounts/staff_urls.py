from django.urls import path

from integra.accounts import staff_views

app_name = "staff"
urlpatterns = [
    path("", staff_views.dashboard, name="dashboard"),
    path("today/", staff_views.today, name="today"),
    path("tokens/", staff_views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", staff_views.token_revoke, name="token_revoke"),
]
