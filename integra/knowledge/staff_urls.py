from django.urls import path

from integra.knowledge import staff_views as views

app_name = "knowledge_staff"
urlpatterns = [
    path("knowledge/", views.article_list, name="articles"),
    path("knowledge/new/", views.article_create, name="article_create"),
    path("knowledge/work/", views.work_list, name="work"),
    path("knowledge/review/", views.review_queue, name="review"),
    path("knowledge/due/", views.review_due, name="due"),
    path("knowledge/feedback/", views.feedback, name="feedback"),
    path("knowledge/<int:pk>/", views.article_detail, name="article"),
    path("knowledge/<int:pk>/reviewed/", views.article_reviewed, name="reviewed"),
    path("knowledge/<int:pk>/<str:language>/", views.translation_edit, name="translation"),
    path(
        "knowledge/<int:pk>/<str:language>/<str:action>/",
        views.translation_action,
        name="translation_action",
    ),
    path("knowledge/<int:pk>/<str:language>/leaflet-<str:size>.pdf", views.leaflet, name="leaflet"),
    path("materials/", views.material_list, name="materials"),
    path("materials/new/", views.material_create, name="material_create"),
    path("materials/distribute/", views.distribution_create, name="distribute"),
    path("materials/report/", views.distribution_report, name="report"),
    path("materials/<int:pk>/", views.material_detail, name="material"),
    path("materials/<int:pk>/edit/", views.material_edit, name="material_edit"),
]
