from django.urls import path

from integra.consultations import staff_views

app_name = "consultations_staff"
urlpatterns = [
    path("consultations/", staff_views.consultation_list, name="list"),
    path("consultations/new/", staff_views.consultation_create, name="create"),
    path("consultations/<int:pk>/", staff_views.consultation_detail, name="detail"),
    path("consultations/<int:pk>/edit/", staff_views.consultation_edit, name="edit"),
    path("consultations/<int:pk>/client/", staff_views.consultation_link_client, name="link_client"),
    path("consultations/<int:pk>/referrals/new/", staff_views.referral_add, name="referral_add"),
    path("consultations/<int:pk>/follow-ups/new/", staff_views.follow_up_add, name="follow_up_add"),
    path("consultations/referrals/<int:pk>/", staff_views.referral_edit, name="referral"),
    path("follow-ups/", staff_views.follow_ups_due, name="follow_ups"),
    path("follow-ups/<int:pk>/done/", staff_views.follow_up_done, name="follow_up_done"),
    path("appointments/", staff_views.appointment_list, name="appointments"),
    path("appointments/<int:pk>/arrived/", staff_views.appointment_arrived, name="arrived"),
    path("rota/<slug:slug>/", staff_views.rota_edit, name="rota"),
]
