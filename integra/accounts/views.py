import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from integra.accounts import kept, roles, services
from integra.accounts.forms import LoginForm, MemberPasswordForm, MemberSignupForm, TokenForm
from integra.core.permissions import public, signed_in


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


login_view = public(LoginView.as_view())
logout_view = signed_in(auth_views.LogoutView.as_view())


def _next_url(request) -> str | None:
    target = request.GET.get("next") or request.POST.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return None


@signed_in
def after_login(request):
    if request.user.has_role(roles.CONSULTANT, roles.CENTRE_MANAGER):
        return redirect("staff:today")  # the day's work first (issue 11 item 12)
    if request.user.is_staff_member:
        return redirect("staff:dashboard")
    return redirect("accounts:account")


@public
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:after_login")
    form = MemberSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.member_signup(
            email=form.cleaned_data["email"],
            language=get_language() or "",
            confirm_url=lambda token: request.build_absolute_uri(reverse("accounts:signup_confirm", args=[token])),
        )
        return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


@public
def signup_sent(request):
    return render(request, "accounts/signup_sent.html")


@public
@sensitive_post_parameters("password1", "password2")
def signup_confirm(request, token):
    user = services.member_signup_pending(token=token)
    if user is None:
        return render(request, "accounts/signup_link_invalid.html", status=410)
    form = MemberPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.member_signup_confirm(user=user, password=form.cleaned_data["password1"])
        except services.User.DoesNotExist:  # finished meanwhile by a second submit of the same link
            return render(request, "accounts/signup_link_invalid.html", status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is ready."))
        return redirect("accounts:account")
    return render(request, "accounts/signup_password.html", {"form": form})


@signed_in
def account(request):
    return render(request, "accounts/account.html")


@signed_in
def totp_setup(request):
    """A staff member without a confirmed device enrols one: scan the QR code, type a code."""
    if not request.user.is_staff_member:
        return redirect("accounts:account")
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:totp_verify")
    device = services.totp_device_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(request=request, device=device, token=form.cleaned_data["otp_token"]):
            messages.success(request, _("Two-factor sign-in is set up."))
            return redirect(_next_url(request) or "staff:dashboard")
        form.add_error("otp_token", _("That code is not right or has expired. Enter the code shown now."))
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code for your authenticator app"))
    return render(
        request,
        "accounts/totp_setup.html",
        {"form": form, "qr_svg": qr, "secret": _grouped(device.bin_key)},
    )


def _grouped(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@signed_in
def totp_verify(request):
    if not request.user.is_staff_member or request.user.is_verified():
        return redirect("accounts:after_login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_verify(request=request, user=request.user, token=form.cleaned_data["otp_token"]):
            return redirect(_next_url(request) or "staff:dashboard")
        form.add_error("otp_token", _("That code is not right, has expired or was used already. Wait for a new one."))
    return render(request, "accounts/totp_verify.html", {"form": form})


@signed_in
def kept_form(request):
    """What was typed into a form sent after the session had ended: shown back, to be sent again."""
    form = kept.kept(request)
    if request.method == "POST" and request.POST.get("action") == "discard":
        kept.discard(request)
        messages.info(request, _("What you typed was discarded."))
        return redirect("accounts:after_login")
    if form is None or not form["path"].startswith("/") or form["path"].startswith("//"):
        return render(request, "accounts/kept_form.html", {"kept": None})
    return render(request, "accounts/kept_form.html", {"kept": form})


@signed_in
@require_POST
def keep_alive(request):
    """ "Stay signed in": any request renews a staff session (StaffSecurityMiddleware); this one does nothing else."""
    return HttpResponse(status=204)
