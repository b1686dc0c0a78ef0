import logging
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.utils import translation

from integra.core.logging import NoPersonalDataFilter


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with mock.patch.object(connection, "cursor", side_effect=DatabaseError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.parametrize("path", ["/xx/", "/zz/centres/", "/en/no-such-page/", "/ar/centres/%00/"])
def test_unknown_addresses_get_a_404_page_never_a_server_error(client, reference_data, path):
    assert client.get(path).status_code == 404


def test_the_404_page_is_in_the_language_of_the_address(client, reference_data):
    body = client.get("/tr/no-such-page/").content.decode()
    assert '<html lang="tr" dir="ltr">' in body
    with translation.override("tr"):
        assert translation.gettext("Go to the home page") in body


def test_the_500_page_is_in_the_visitors_language(reference_data, settings):
    settings.ROOT_URLCONF = "integra.core.tests.urls_failing"
    client = Client(raise_request_exception=False)
    response = client.get("/fa/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in body
    with translation.override("fa"):
        assert translation.gettext("Something went wrong") in body


def test_log_lines_lose_query_strings_addresses_and_e_mails():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s from %s (%s)",
        ("/en/search/?q=my+name+is+Amira", "203.0.113.7", "amira@example.org"),
        None,
    )
    NoPersonalDataFilter().filter(record)
    message = record.getMessage()
    assert "Amira" not in message and "203.0.113.7" not in message and "amira@example.org" not in message
    assert "/en/search/?[query]" in message
