"""Issue 11, item 18: the rights officer's message form redirects after a failed POST too, so a reload never
sends it again; what was typed comes back with its errors, and is kept encrypted in the meantime."""

import re

import pytest

from integra.violations.models import Message
from integra.violations.tests.test_triage import detail, sent  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_a_message_with_an_error_redirects_and_the_page_shows_the_text_and_the_error(officer_client, sent):  # noqa: F811
    report, _receipt = sent
    typed = "Dear reporter, " + "x" * 20000  # longer than a message may be
    response = officer_client.post(f"{detail(report)}messages/", {"kind": "officer", "text": typed})
    assert response.status_code == 302 and response["Location"] == detail(report)
    assert report.messages.filter(kind=Message.Kind.OFFICER).count() == 0
    page = officer_client.get(detail(report)).content.decode()
    assert typed in page  # kept, to be shortened rather than typed again
    assert "at most 20000 characters" in page
    # Reloading the page does not send anything again, and the kept text is shown once only.
    again = officer_client.get(detail(report)).content.decode()
    assert typed not in again
    assert report.messages.count() == 0


def test_an_empty_message_is_explained_after_the_redirect(officer_client, sent):  # noqa: F811
    report, _receipt = sent
    response = officer_client.post(f"{detail(report)}messages/", {"kind": "note", "text": ""})
    assert response.status_code == 302
    page = officer_client.get(detail(report)).content.decode()
    assert "This field is required." in page
    assert re.search(r'<input type="radio" name="kind" value="note"[^>]*\bchecked\b', page)  # the choice is kept


def test_what_waits_in_the_session_is_encrypted(officer_client, sent):  # noqa: F811
    report, _receipt = sent
    officer_client.post(f"{detail(report)}messages/", {"kind": "officer", "text": "Secret detail " + "y" * 20000})
    stored = {key: value for key, value in officer_client.session.items() if key.startswith("violations:typed")}
    assert len(stored) == 1
    assert "Secret detail" not in next(iter(stored.values()))
