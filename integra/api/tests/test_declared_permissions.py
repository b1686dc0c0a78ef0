"""Every API operation declares who may call it, and the declaration holds (issue 10).

The API counterpart of tests/test_backoffice_permissions.py: it walks every operation of the
OpenAPI document, so a new endpoint that forgets its declaration fails here.
"""

import re

import pytest
from django.test import RequestFactory

from integra.api.api import api
from integra.api.permissions import ANY_STAFF, PUBLIC, declaration

OPERATIONS = sorted(api.operations(), key=lambda item: (item[1], item[0]))
IDS = [f"{method} {path}" for method, path, _op in OPERATIONS]


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def documented(method: str, path: str) -> dict:
    return api.get_openapi_schema()["paths"][path][method.lower()]


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_operation_declares_who_may_call_it(method, path, operation):
    declared = declaration(operation.view_func)
    assert declared is not None, f"{method} {path} declares nothing: add @requires(…), @any_staff or @public"
    doc = documented(method, path)
    if declared == PUBLIC:
        assert doc.get("x-integra-public") is True
        assert not doc.get("security"), f"{method} {path} is declared public but asks for a token"
    else:
        assert doc.get("security"), f"{method} {path} needs a token but the document says it does not"
        assert doc.get("x-integra-permission")


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_no_token_is_refused_and_public_operations_need_none(client, method, path, operation):
    response = client.generic(method, concrete(path), content_type="application/json", data="{}")
    if declaration(operation.view_func) == PUBLIC:
        assert response.status_code != 401
    else:
        assert response.status_code == 401, f"{method} {path} answered {response.status_code} without a token"


class StaffWithoutPermissions:
    """A token owner with no permission and no role: every declared requirement must refuse them."""

    is_authenticated = True

    def has_perm(self, perm):
        return False

    def has_role(self, *names):
        return False


GUARDED = [(m, p, op) for m, p, op in OPERATIONS if declaration(op.view_func) not in (PUBLIC, ANY_STAFF, None)]


@pytest.mark.parametrize(("method", "path", "operation"), GUARDED, ids=[f"{m} {p}" for m, p, _op in GUARDED])
def test_a_token_without_the_declared_permission_is_refused_before_the_handler(method, path, operation):
    request = RequestFactory().generic(method, concrete(path))
    request.auth = request.user = StaffWithoutPermissions()
    result = operation.view_func(request)  # refused before the handler: it needs no arguments
    assert result.status_code == 403 or (result.status_code == 404 and "/violations/reports/" in path)


def test_most_staff_operations_name_a_permission():
    """any_staff is the exception (whoami and the like), not a way around declaring a permission."""
    any_staff = [f"{m} {p}" for m, p, op in OPERATIONS if declaration(op.view_func) == ANY_STAFF]
    assert len(any_staff) <= 2, any_staff
    assert len(GUARDED) >= 40
