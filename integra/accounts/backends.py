from django.contrib.auth.backends import ModelBackend

from integra.accounts.models import User


class MemberEmailBackend(ModelBackend):
    """Members sign in with their e-mail address (staff sign in with their username only)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or "@" not in username or password is None:
            return None
        user = User.objects.filter(email__iexact=username.strip(), groups__isnull=True, is_superuser=False).first()
        if user is None:
            User().set_password(password)  # the same work as for a real account: no timing difference
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
