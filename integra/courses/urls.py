from django.urls import path

from integra.courses import views

app_name = "courses"
urlpatterns = [
    path("courses/", views.catalogue, name="catalogue"),
    path("courses/<int:pk>/", views.group_page, name="group"),
    path("courses/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("courses/enrolled/<str:token>/", views.enrolled, name="enrolled"),
    path("courses/my-enrolment/", views.find, name="find"),
    path("courses/offer/<str:token>/", views.offer, name="offer"),
    path("certificates/", views.certificate_search, name="certificate_search"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
]
