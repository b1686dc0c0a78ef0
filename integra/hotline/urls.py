from django.urls import path

from integra.hotline import views

app_name = "hotline"
urlpatterns = [
    path("call-back/", views.call_back_start, name="call_back"),
    path("call-back/confirmation/<str:token>/", views.call_back_confirmation, name="call_back_confirmation"),
]
