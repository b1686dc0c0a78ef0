from django.urls import path

from integra.forum import staff_views as views

app_name = "forum_staff"
urlpatterns = [
    path("forum/moderation/", views.moderation_queue, name="moderation"),
    path("forum/moderation/<int:pk>/", views.moderate, name="moderate"),
    path("forum/unanswered/", views.unanswered, name="unanswered"),
    path("forum/questions/<int:pk>/", views.question, name="question"),
    path("forum/questions/<int:pk>/accept/<int:answer_pk>/", views.accept, name="accept"),
    path("forum/questions/<int:pk>/article/<int:answer_pk>/", views.make_article, name="make_article"),
    path("forum/referred/", views.referred, name="referred"),
    path("forum/referred/<int:pk>/consultation/", views.record_consultation, name="record_consultation"),
    path("forum/figures/", views.figures, name="figures"),
]
