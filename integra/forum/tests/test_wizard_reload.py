"""Reloading the page with the private link shows it again for 30 minutes and never asks again (issue 11 item 2)."""

import pytest

from integra.forum.models import Question
from integra.forum.tests.helpers import URL, fill_in, link_of, state_of

pytestmark = pytest.mark.usefixtures("reference_data")


def test_reloading_the_private_link_page_shows_the_same_link_and_sends_nothing(client):
    done = client.post(URL, {"wizard_state": state_of(fill_in(client)), "wizard_step": "check"})
    assert done.status_code == 303
    first, reloaded = client.get(done["Location"]), client.get(done["Location"])
    assert link_of(first) == link_of(reloaded) and Question.objects.count() == 1
    assert reloaded["Referrer-Policy"] == "no-referrer"
    body = reloaded.content.decode()
    assert "Copy the link" in body and "Print or save this page" in body
    assert "After that it cannot be shown again." in body
