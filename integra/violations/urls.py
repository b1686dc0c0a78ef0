from django.urls import path

from integra.violations import views

app_name = "violations"
urlpatterns = [
    path("report/", views.report, name="report"),
    path("report/follow/", views.follow, name="follow"),
]
