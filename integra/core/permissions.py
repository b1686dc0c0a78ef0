from functools import wraps

from django.core.exceptions import PermissionDenied


def staff_required(view):
    """Only for people in a staff role; anyone else signed in gets 403 (anonymous: the login page)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff_member:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def role_required(*roles: str):
    """Only for the given roles (superusers always pass)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not (request.user.is_superuser or request.user.has_role(*roles)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
