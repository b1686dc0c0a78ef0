from django.urls import path

from integra.interpreting import staff_views

app_name = "interpreting_staff"
urlpatterns = [
    path("interpreting/", staff_views.request_list, name="list"),
    path("interpreting/new/", staff_views.request_create, name="create"),
    path("interpreting/<int:pk>/", staff_views.request_detail, name="detail"),
    path("interpreting/<int:pk>/cancel/", staff_views.request_cancel, name="cancel"),
    path("interpreting/<int:pk>/session/", staff_views.session_log, name="session"),
    path("interpreting/<int:pk>/no-show/", staff_views.request_no_show, name="no_show"),
    path("interpreting/<int:pk>/feedback/", staff_views.feedback_give, name="feedback"),
    path("interpreting/<int:pk>/client-link/", staff_views.client_link, name="client_link"),
    path("interpreting/figures/", staff_views.figures, name="figures"),
    path("interpreting/<int:pk>/candidates/", staff_views.candidates, name="candidates"),
    path("interpreting/mediators/", staff_views.registry, name="registry"),
    path("interpreting/mediators/<int:pk>/", staff_views.mediator_detail, name="mediator"),
    path("interpreting/my-availability/", staff_views.my_availability, name="my_availability"),
]
