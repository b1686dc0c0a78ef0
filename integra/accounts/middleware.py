from django.conf import settings
from django.shortcuts import redirect
from django_otp.plugins.otp_totp.models import TOTPDevice

from integra.accounts import kept

# Views a signed-in staff member may reach before passing two-factor.
TWO_FACTOR_EXEMPT = frozenset({"accounts:logout", "accounts:totp_setup", "accounts:totp_verify"})


class StaffSecurityMiddleware:
    """For staff: two-factor before anything else, and a session that ends after 30 minutes idle.

    A staff member without a confirmed TOTP device is sent to set one up; one with a
    device but an unverified session is sent to enter a code. API calls authenticate
    with tokens, not sessions, and are not affected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff_member:
            request.session.set_expiry(settings.STAFF_IDLE_TIMEOUT)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_staff_member) or user.is_verified():
            return None
        match = request.resolver_match
        if match is None or match.view_name in TWO_FACTOR_EXEMPT or match.route.startswith("api/"):
            return None
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            return redirect("accounts:totp_verify")
        return redirect("accounts:totp_setup")


class KeepTypedFormMiddleware:
    """A form sent to a signed-in page by someone whose session has ended is kept for after they sign
    in again (integra.accounts.kept); LoginRequiredMiddleware, after this one, then sends them to sign in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        if not request.user.is_authenticated:
            match = request.resolver_match
            if getattr(view_func, "login_required", True) and match and not match.route.startswith(("api/", "admin/")):
                kept.keep(request)
        elif kept.SESSION_KEY in request.session:
            stored = kept.kept(request)
            if stored and stored["path"] == request.get_full_path():
                kept.discard(request)  # sent again: from here on the page's own form keeps what was typed
        return None
