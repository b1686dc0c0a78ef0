from django.urls import path

from integra.accounts import my_views

app_name = "my"
urlpatterns = [
    path("", my_views.my_page, name="page"),
    path("bookings/<int:pk>/", my_views.my_booking, name="booking"),
    path("data.json", my_views.my_data, name="data"),
    path("delete/", my_views.my_delete, name="delete"),
    path("delete/confirm/", my_views.my_delete_confirm, name="delete_confirm"),
]
