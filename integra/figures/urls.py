from django.urls import path

from integra.figures import views

app_name = "figures"
urlpatterns = [
    path("figures/", views.figures, name="public"),
    path("figures/<int:year>/", views.figures, name="public_year"),
]
