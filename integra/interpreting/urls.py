from django.urls import path

from integra.interpreting import views

app_name = "interpreting"
urlpatterns = [
    path("interpreting/", views.about, name="about"),
    path("interpreting/offer/<str:token>/", views.offer, name="offer"),
    path("interpreting/feedback/<str:token>/", views.client_feedback, name="feedback"),
]
