from django.urls import path

from integra.consultations import views

app_name = "consultations"
urlpatterns = [
    path("book/", views.booking_landing, name="booking"),
    path("book/start/", views.booking_start, name="booking_start"),
    path("book/confirmation/", views.booking_confirmation, name="booking_confirmation"),
    path("book/confirmation/consultation.ics", views.booking_ics, name="booking_ics"),
    path("book/confirmation/<str:token>/", views.booking_confirmation_link, name="booking_confirmation_link"),
    path(
        "book/confirmation/<str:token>/consultation.ics",
        views.booking_confirmation_link,
        {"ics": True},
        name="booking_ics_link",
    ),
    path("book/change/", views.booking_find, name="booking_find"),
    path("book/change/booking/", views.booking_manage, name="booking_manage"),
    path("book/change/booking/cancel/", views.booking_cancel, name="booking_cancel"),
    path("book/change/booking/reschedule/", views.booking_reschedule, name="booking_reschedule"),
]
