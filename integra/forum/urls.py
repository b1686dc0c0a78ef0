from django.urls import path

from integra.forum import views

app_name = "forum"
urlpatterns = [
    path("questions/", views.question_list, name="list"),
    path("questions/ask/", views.ask, name="ask"),
    path("questions/mine/", views.my_questions, name="mine"),
    path("questions/similar/", views.similar_json, name="similar"),
    path("questions/<int:pk>/", views.question_detail, name="detail"),
    path("questions/<int:pk>/accept/", views.accept_as_member, name="accept"),
    path("questions/private/", views.private, name="private_page"),
    path("questions/private/<str:token>/", views.private, name="private"),
]
