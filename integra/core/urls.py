from django.urls import path

from integra.core import trust

app_name = "trust"
urlpatterns = [
    path("privacy/", trust.privacy, name="privacy"),
    path("accessibility/", trust.accessibility, name="accessibility"),
    path("about/", trust.about, name="about"),
]
