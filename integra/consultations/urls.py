from django.urls import path

from integra.consultations import views

app_name = "consultations"
urlpatterns = [
    path("book/", views.booking_landing, name="booking"),
    path("book/start/", views.booking_start, name="booking_start"),
    path("book/confirmation/<str:token>/", views.booking_confirmation, name="booking_confirmation"),
    path("book/confirmation/<str:token>/consultation.ics", views.booking_ics, name="booking_ics"),
    path("book/change/", views.booking_find, name="booking_find"),
    path("book/change/<str:token>/", views.booking_manage, name="booking_manage"),
    path("book/change/<str:token>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("book/change/<str:token>/reschedule/", views.booking_reschedule, name="booking_reschedule"),
]
