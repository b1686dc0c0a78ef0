from django.urls import path

from integra.accounts import my_views

app_name = "my"
urlpatterns = [
    path("", my_views.my_page, name="page"),
    path("bookings/<int:pk>/", my_views.my_booking, name="booking"),
    path("questions/<int:pk>/", my_views.my_question, name="question"),
    path("settings/", my_views.my_settings, name="settings"),
    path("claim/", my_views.my_claim, name="claim"),
    path("claim/code/", my_views.my_claim_code, name="claim_code"),
    path("data.json", my_views.my_data, name="data"),
    path("data.pdf", my_views.my_data_pdf, name="data_pdf"),
    path("delete/", my_views.my_delete, name="delete"),
    path("delete/confirm/", my_views.my_delete_confirm, name="delete_confirm"),
]
