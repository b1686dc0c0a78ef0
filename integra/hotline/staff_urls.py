from django.urls import path

from integra.hotline import staff_views

app_name = "hotline_staff"
urlpatterns = [
    path("hotline/", staff_views.call_log, name="log"),
    path("hotline/non-data/<slug:kind>/", staff_views.call_non_data, name="non_data"),
    path("hotline/calls/", staff_views.call_list, name="calls"),
    path("hotline/calls/<int:pk>/", staff_views.call_edit, name="call"),
    path("hotline/calls/<int:pk>/client/", staff_views.call_client, name="call_client"),
    path("hotline/calls/<int:pk>/book/", staff_views.call_book, name="call_book"),
    path("hotline/calls/<int:pk>/consultation/", staff_views.call_consultation, name="call_consultation"),
    path("hotline/call-backs/", staff_views.call_back_queue, name="call_backs"),
    path("hotline/call-backs/all/", staff_views.call_back_list, name="call_back_list"),
    path("hotline/call-backs/<int:pk>/", staff_views.call_back_detail, name="call_back"),
    path("hotline/call-backs/<int:pk>/take/", staff_views.call_back_take, name="call_back_take"),
    path("hotline/call-backs/<int:pk>/release/", staff_views.call_back_release, name="call_back_release"),
    path("hotline/call-backs/<int:pk>/attempt/", staff_views.call_back_attempt, name="call_back_attempt"),
    path("hotline/call-backs/<int:pk>/dial/", staff_views.call_back_dial, name="call_back_dial"),
    path("hotline/lines/<int:pk>/hours/", staff_views.line_hours, name="hours"),
    path("hotline/figures/", staff_views.figures, name="figures"),
]
