from django.urls import path

from integra.interpreting import phone_views

app_name = "interpreting_phone"
urlpatterns = [
    path("interpreting/phone/", phone_views.phone_start, name="start"),
    path("interpreting/phone/<int:pk>/", phone_views.phone_status, name="status"),
    path("interpreting/phone/<int:pk>/stop/", phone_views.phone_stop, name="stop"),
    path("interpreting/phone/<int:pk>/simulate/", phone_views.phone_simulate, name="simulate"),
]
