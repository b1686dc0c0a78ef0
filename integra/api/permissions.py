"""What an API operation needs, declared once on the operation itself (denied by default).

The pattern to copy, for every operation:

    @router.get("/calls", response={200: CallPage, 401: Error, 403: Error})
    @requires("hotline.view_call")          # a staff token whose owner has the permission
    def list_calls(request): ...

    @requires_role("rights_officer")        # work tied to a role rather than a permission
    @any_staff   # any staff token (what it returns is scoped by the owner's centres)
    @public      # no token at all (the router or operation has auth=None)

`requires` refuses with 403 before the handler runs. The declaration is also written into the
OpenAPI document (`x-integra-permission`, `x-integra-public`), and
integra/api/tests/test_declared_permissions.py walks every operation: one that declares nothing,
or whose declaration does not hold, fails the suite.
"""

import functools
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _
from ninja import Status

ATTRIBUTE = "integra_permission"
PUBLIC = "public"
ANY_STAFF = "any staff token"


def _declare(func: Callable, value) -> Callable:
    setattr(func, ATTRIBUTE, value)
    return func


def requires(*perms: str) -> Callable[[Callable], Callable]:
    """The operation needs a staff token whose owner has every one of these permissions."""
    if not perms:
        raise ValueError("requires() needs at least one permission; use any_staff or public")

    def decorator(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(request, *args, **kwargs):
            user = request.auth
            if user is None or not all(user.has_perm(perm) for perm in perms):
                return Status(403, {"detail": str(_("You do not have permission to do this."))})
            return func(request, *args, **kwargs)

        return _declare(wrapper, tuple(perms))

    return decorator


def requires_role(*role_names: str, hide: bool = False) -> Callable[[Callable], Callable]:
    """The operation needs a staff token whose owner has one of these roles (for work tied to a role
    and a key rather than a permission, such as reading violation reports). With hide=True the
    refusal is a 404, so that nobody else can learn whether a record exists."""
    if not role_names:
        raise ValueError("requires_role() needs at least one role")

    def decorator(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(request, *args, **kwargs):
            user = request.auth
            if user is None or not user.has_role(*role_names):
                if hide:
                    return Status(404, {"detail": "Not found."})
                return Status(403, {"detail": str(_("You do not have permission to do this."))})
            return func(request, *args, **kwargs)

        return _declare(wrapper, tuple(f"role:{name}" for name in role_names))

    return decorator


def any_staff(func: Callable) -> Callable:
    """Any staff token may call it (the router's StaffToken auth); results are scoped by the owner."""
    return _declare(func, ANY_STAFF)


def public(func: Callable) -> Callable:
    """Anyone may call it without a token (the operation or its router has auth=None)."""
    return _declare(func, PUBLIC)


def declaration(func: Callable):
    """What the operation declared (a tuple of permissions, ANY_STAFF or PUBLIC), or None."""
    return getattr(func, ATTRIBUTE, None)
