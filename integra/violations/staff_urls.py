from django.urls import path

from integra.violations import staff_views

app_name = "violations_staff"
urlpatterns = [
    path("reports/", staff_views.report_list, name="list"),
    path("reports/unlock/", staff_views.report_unlock, name="unlock"),
    path("reports/lock/", staff_views.report_lock, name="lock"),
    path("reports/new/", staff_views.report_take, name="take"),
    path("reports/statistics/", staff_views.report_statistics, name="statistics"),
    path("reports/<str:reference>/", staff_views.report_detail, name="detail"),
    path("reports/<str:reference>/status/", staff_views.report_triage, name="triage"),
    path("reports/<str:reference>/messages/", staff_views.report_message, name="message"),
    path("reports/<str:reference>/files/<int:pk>/", staff_views.attachment_download, name="attachment"),
]
