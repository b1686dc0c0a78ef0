"""What a page needs, declared once on its view (denied by default): the page counterpart of
integra/api/permissions.py.

The pattern to copy, for every view a URL points to:

    @requires("hotline.view_call")              # the permission(s) the page needs, all of them
    def call_log(request): ...

    @requires("forum.answer_question", "forum.moderate_question", any_of=True)
    @requires_role(roles.RIGHTS_OFFICER)        # work tied to a role rather than a permission
    @any_staff      # any staff role (what the page shows is scoped by the user's centres)
    @signed_in      # any signed-in person, members included (their own account pages)
    @public         # no sign-in (LoginRequiredMiddleware lets it through)

Signed-out people are sent to sign in by LoginRequiredMiddleware before any of these runs;
signed-in people who lack what the page declares get our 403 page. Finer checks inside a page
(one object, one centre) stay in the view or the service. tests/test_page_permissions.py walks
every URL: a view that declares nothing fails the suite.
"""

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied

ATTRIBUTE = "integra_permission"
PUBLIC = "public"
SIGNED_IN = "signed in"
ANY_STAFF = "any staff"


def _declare(view: Callable, value) -> Callable:
    setattr(view, ATTRIBUTE, value)
    return view


def _guard(allowed: Callable[[object], bool], value) -> Callable[[Callable], Callable]:
    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _declare(wrapped, value)

    return decorator


def requires(*perms: str, any_of: bool = False) -> Callable[[Callable], Callable]:
    """The page needs every one of these permissions (with any_of=True: at least one)."""
    if not perms:
        raise ValueError("requires() needs at least one permission; use any_staff, signed_in or public")
    combine = any if any_of else all
    return _guard(lambda user: combine(user.has_perm(perm) for perm in perms), tuple(perms))


def requires_role(*role_names: str) -> Callable[[Callable], Callable]:
    """The page needs one of these roles. Superusers are not let through unless they hold the role."""
    if not role_names:
        raise ValueError("requires_role() needs at least one role")
    return _guard(lambda user: user.has_role(*role_names), tuple(f"role:{name}" for name in role_names))


def any_staff(view: Callable) -> Callable:
    """Any person in a staff role; members and others signed in get 403."""
    return _guard(lambda user: user.is_staff_member, ANY_STAFF)(view)


def signed_in(view: Callable) -> Callable:
    """Any signed-in person (LoginRequiredMiddleware already sends everyone else to sign in)."""
    return _declare(view, SIGNED_IN)


def public(view: Callable) -> Callable:
    """Anyone, without signing in."""
    return _declare(login_not_required(view), PUBLIC)


def declaration(view: Callable):
    """What the view declared (a tuple of permissions or roles, ANY_STAFF, SIGNED_IN, PUBLIC), or None."""
    return getattr(view, ATTRIBUTE, None)
