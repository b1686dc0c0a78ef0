from django.urls import path

from integra.figures import staff_views

app_name = "figures_staff"
urlpatterns = [
    path("figures/", staff_views.dashboard, name="dashboard"),
    path("figures/report.xlsx", staff_views.export_xlsx, name="export"),
    path("figures/quality/<str:code>/", staff_views.quality, name="quality"),
    path("figures/<str:code>/", staff_views.indicator, name="indicator"),
    path("figures/<str:code>/edit/", staff_views.edit, name="edit"),
]
