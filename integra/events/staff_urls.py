from django.urls import path

from integra.events import after_views, staff_views

app_name = "events_staff"
urlpatterns = [
    path("events/", staff_views.event_list, name="list"),
    path("events/new/", staff_views.event_create, name="create"),
    path("events/<int:pk>/", staff_views.event_detail, name="detail"),
    path("events/<int:pk>/edit/", staff_views.event_edit, name="edit"),
    path("events/<int:pk>/check-in/", staff_views.check_in, name="check_in"),
    path("events/<int:pk>/check-in/door/", staff_views.door_register, name="door"),
    path("events/<int:pk>/check-in/<str:reference>/arrived/", staff_views.arrive, name="arrive"),
    path("events/<int:pk>/tally/", staff_views.tally, name="tally"),
    path("events/<int:pk>/registrations/", staff_views.registrations, name="registrations"),
    path(
        "events/<int:pk>/registrations/<str:reference>/cancel/",
        staff_views.registration_cancel,
        name="registration_cancel",
    ),
    path("events/<int:pk>/paper-sheet/", after_views.paper_sheet, name="paper"),
    path("events/<int:pk>/paper-sheet/arrived/", after_views.paper_arrivals, name="paper_arrivals"),
    path("events/<int:pk>/feedback/", after_views.feedback, name="feedback"),
    path("events/<int:pk>/feedback/paper/", after_views.paper_feedback, name="paper_feedback"),
    path("events/<int:pk>/feedback/cards/", after_views.feedback_cards, name="feedback_cards"),
]
