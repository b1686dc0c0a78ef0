from django.urls import path

from integra.events import feedback_views, views

app_name = "events"
urlpatterns = [
    path("events/", views.calendar, name="calendar"),
    path("events/calendar.ics", views.feed, name="feed"),
    path("events/centre/<slug:slug>/calendar.ics", views.centre_feed, name="centre_feed"),
    path("events/<int:pk>/", views.event_page, name="event"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("events/registered/<str:token>/", views.registered, name="registered"),
    path("events/registered/<str:token>/event.ics", views.registered_ics, name="registered_ics"),
    path("events/my-registration/", views.find, name="find"),
    path("events/offer/<str:token>/", views.offer, name="offer"),
    path("events/<int:pk>/feedback/", feedback_views.feedback, name="feedback"),
    path(
        "events/registered/<str:token>/feedback/", feedback_views.feedback_for_registration, name="registered_feedback"
    ),
    path("events/feedback/thanks/", feedback_views.feedback_thanks, name="feedback_thanks"),
]
