"""Every page declares who may open it, and the declaration holds (issue 10).

The page counterpart of integra/api/tests/test_declared_permissions.py: it walks every URL of the
site (the Django admin and the API have their own checks), so a new view that forgets
`@requires(…)`, `@requires_role(…)`, `@any_staff`, `@signed_in` or `@public` fails here.
"""

import re
import sys
import types

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, path

from integra.core.permissions import ANY_STAFF, PUBLIC, SIGNED_IN, declaration, public, requires

OWN_CHECKS = ("admin/", "api/v1/")  # the admin checks is_staff itself; the API is walked by its own test


def views(urlconf=None, prefix=""):
    """(route, view) for every URL pattern, the included ones too."""
    resolver = get_resolver(urlconf)
    stack = [(resolver, prefix)]
    while stack:
        current, before = stack.pop()
        for pattern in current.url_patterns:
            route = before + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                stack.append((pattern, route))
            elif isinstance(pattern, URLPattern):
                yield route, pattern.callback


def undeclared(urlconf=None) -> list[str]:
    return sorted(
        route
        for route, view in views(urlconf)
        if not route.startswith(OWN_CHECKS) and declaration(view) is None
    )


ROUTES = sorted(((r, v) for r, v in views() if not r.startswith(OWN_CHECKS)), key=lambda item: item[0])


def test_every_page_declares_who_may_open_it():
    assert undeclared() == [], "add @requires(…), @requires_role(…), @any_staff, @signed_in or @public"


def test_the_walk_finds_a_view_that_declares_nothing():
    """Remove a declaration and the test above fails: shown here with a URL configuration of our own."""

    def forgotten(request):
        raise AssertionError("never called")

    module = types.ModuleType("integra_test_undeclared_urls")
    module.urlpatterns = [
        path("declared/", public(lambda request: None)),
        path("guarded/", requires("clients.view_client")(lambda request: None)),
        path("staff/forgotten/", forgotten),
    ]
    sys.modules[module.__name__] = module
    try:
        assert undeclared(module.__name__) == ["staff/forgotten/"]
    finally:
        del sys.modules[module.__name__]


def test_every_back_office_page_names_what_it_needs():
    """No staff page is public or open to anyone signed in: /staff/ pages need a permission, a role or a staff role."""
    open_staff = [route for route, view in ROUTES if "staff/" in route and declaration(view) in (PUBLIC, SIGNED_IN)]
    assert open_staff == []
    staff_pages = [route for route, view in ROUTES if "staff/" in route]
    any_staff = [route for route, view in ROUTES if "staff/" in route and declaration(view) == ANY_STAFF]
    assert len(staff_pages) >= 70
    assert len(any_staff) <= 10, any_staff  # the exception (dashboard, tokens, knowledge lists), not the rule


class NobodyInParticular:
    """Signed in, but with no permission, no role and no staff role."""

    is_authenticated = True
    is_anonymous = False
    is_staff_member = False
    is_superuser = False
    pk = id = None

    def has_perm(self, perm, obj=None):
        return False

    def has_role(self, *names):
        return False


GUARDED = [(r, v) for r, v in ROUTES if declaration(v) not in (PUBLIC, SIGNED_IN, None)]


def arguments(route: str) -> dict:
    return {name: "1" for name in re.findall(r"<(?:\w+:)?(\w+)>", route)}


@pytest.mark.parametrize(("route", "view"), GUARDED, ids=[route for route, _view in GUARDED])
def test_someone_without_what_the_page_declares_is_refused_before_the_page_runs(route, view):
    for method in ("get", "post"):
        request = getattr(RequestFactory(), method)("/")
        request.user = NobodyInParticular()
        request.session = {}
        try:
            response = view(request, **arguments(route))
        except PermissionDenied:
            continue
        # require_POST / require_GET outside the guard answer 405 before anything runs
        assert response.status_code == 405, f"{method.upper()} {route} answered {response.status_code}"
