from django.urls import path

from integra.centres import views

app_name = "centres"
urlpatterns = [
    path("centres/", views.centre_list, name="list"),
    path("centres/<slug:slug>/", views.centre_detail, name="detail"),
    path("institutions/", views.institution_list, name="institutions"),
]
