from django.urls import path

from integra.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup_sent"),
    # The token is a secret: the access log writes this path as /confirmation/[token] (core.logging).
    path("signup/confirmation/<str:token>/", views.signup_confirm, name="signup_confirm"),
    path("after-login/", views.after_login, name="after_login"),
    path("me/", views.account, name="account"),
    path("two-factor/setup/", views.totp_setup, name="totp_setup"),
    path("two-factor/", views.totp_verify, name="totp_verify"),
    path("kept-form/", views.kept_form, name="kept_form"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
]
