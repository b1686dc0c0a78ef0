from django.urls import path

from integra.figures import period_views, staff_views

app_name = "figures_staff"
urlpatterns = [
    path("figures/", staff_views.dashboard, name="dashboard"),
    path("figures/export/", period_views.export_request, name="export"),
    path("figures/exports/<int:pk>/", period_views.export_status, name="export_status"),
    path("figures/exports/<int:pk>/download/", period_views.export_download, name="export_download"),
    path("figures/periods/", period_views.periods, name="periods"),
    path("figures/periods/close/", period_views.close, name="close"),
    path("figures/periods/<int:pk>/", period_views.period, name="period"),
    path("figures/periods/<int:pk>/correct/", period_views.correct, name="correct"),
    path("figures/quality/<str:code>/", staff_views.quality, name="quality"),
    path("figures/<str:code>/", staff_views.indicator, name="indicator"),
    path("figures/<str:code>/edit/", staff_views.edit, name="edit"),
]
