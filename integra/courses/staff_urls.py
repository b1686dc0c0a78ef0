from django.urls import path  # noqa: F401  (the back-office pages are added here)

app_name = "courses_staff"
urlpatterns: list = []
