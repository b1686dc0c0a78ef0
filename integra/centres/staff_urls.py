from django.urls import path

from integra.centres import staff_views

app_name = "centres_staff"
urlpatterns = [
    path("<slug:slug>/edit/", staff_views.centre_edit, name="edit"),
]
