from django.urls import path

from integra.clients import staff_views, timeline_views

app_name = "clients_staff"
urlpatterns = [
    path("clients/", staff_views.client_list, name="list"),
    path("clients/new/", staff_views.client_create, name="create"),
    path("clients/<str:reference>/", staff_views.client_detail, name="detail"),
    path("clients/<str:reference>/timeline/", timeline_views.client_timeline, name="timeline"),
    path("clients/<str:reference>/timeline/link/", timeline_views.client_link, name="link"),
    path("clients/<str:reference>/timeline/<int:pk>/unlink/", timeline_views.client_unlink, name="unlink"),
    path("clients/<str:reference>/edit/", staff_views.client_edit, name="edit"),
    path("clients/<str:reference>/consents/new/", staff_views.consent_add, name="consent_add"),
    path("clients/<str:reference>/consents/<int:pk>/withdraw/", staff_views.consent_withdraw, name="consent_withdraw"),
    path("clients/<str:reference>/share/", staff_views.client_share, name="share"),
    path("clients/<str:reference>/export.json", staff_views.client_export_json, name="export_json"),
    path("clients/<str:reference>/export.pdf", staff_views.client_export_pdf, name="export_pdf"),
    path(
        "clients/<str:reference>/data-subject-export/",
        staff_views.client_export_for_data_subject,
        name="data_subject_export",
    ),
    path("clients/<str:reference>/erase/", staff_views.client_erase, name="erase"),
]
