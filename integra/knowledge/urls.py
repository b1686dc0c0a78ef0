from django.urls import path

from integra.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("info/", views.index, name="index"),
    path("info/search/", views.search_view, name="search"),
    path("info/a/<slug:slug>/", views.article_detail, name="article"),
    path("info/a/<slug:slug>/print/", views.article_print, name="print"),
    path("info/a/<slug:slug>/feedback/", views.article_feedback, name="feedback"),
    path("info/<slug:topic>/", views.topic_detail, name="topic"),
]
