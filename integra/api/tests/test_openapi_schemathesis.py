"""Schemathesis runs every operation of the OpenAPI document with generated requests.

It fails on any server error and on any response that does not match the document
(status code, content type, body schema). Generation is derandomized with no example database,
so every machine runs the same cases.
Staff operations are called with a real token, so they are exercised past auth.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, seed, settings

from integra.accounts.services import api_token_create

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_the_test_transactions_connection():
    """Like Django's test client: calling the WSGI app directly must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(staff):
    _token, key = api_token_create(user=staff["manager.sofia"], name="schemathesis")
    return key


@schema.parametrize()
@seed(20261124)
# derandomize and no example database: the same cases on every machine and every run.
@settings(
    max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
)
def test_every_operation_answers_within_the_document_and_never_with_a_server_error(case, token):
    # Put the real token only where the case carries an Authorization header: a negative case that
    # dropped the header must reach the server without credentials (no session, no default header).
    headers = dict(case.headers or {})
    if "Authorization" in headers:
        headers["Authorization"] = f"Bearer {token}"
    case.headers = headers
    case.call_and_validate()
