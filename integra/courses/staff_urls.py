from django.urls import path

from integra.courses import staff_figures, staff_views

app_name = "courses_staff"
urlpatterns = [
    path("courses/", staff_views.group_list, name="list"),
    path("courses/catalogue/", staff_views.course_list, name="courses"),
    path("courses/catalogue/new/", staff_views.course_edit, name="course_create"),
    path("courses/catalogue/<int:pk>/", staff_views.course_edit, name="course"),
    path("courses/new/", staff_views.group_create, name="create"),
    path("courses/figures/", staff_figures.figures, name="figures"),
    path("courses/enrolments/", staff_views.enrolment_list, name="enrolments"),
    path("courses/enrol/", staff_views.enrol_from, name="enrol_from"),
    path("courses/<int:pk>/", staff_views.group_detail, name="detail"),
    path("courses/<int:pk>/enrol/", staff_views.desk_enrol, name="enrol"),
    path("courses/<int:pk>/register/", staff_views.register_grid, name="register"),
    path("courses/<int:pk>/register.pdf", staff_views.register_pdf, name="register_pdf"),
    path("courses/<int:pk>/sessions/<int:session_pk>/", staff_views.session_register, name="session"),
    path(
        "courses/<int:pk>/sessions/<int:session_pk>/learners/<int:enrolment_pk>/",
        staff_views.session_mark,
        name="mark",
    ),
    path("courses/enrolments/<int:enrolment_pk>/levels/", staff_views.levels, name="levels"),
    path("courses/enrolments/<int:enrolment_pk>/certificate/", staff_views.certificate_issue, name="issue"),
    path("courses/certificates/<str:code>/", staff_views.certificate_page, name="certificate"),
    path("courses/certificates/<str:code>/certificate.pdf", staff_views.certificate_pdf, name="certificate_pdf"),
]
