"""The pages after the event (paper sheet, feedback, printable cards) and their POSTs, tried as every
named user: anonymous → sign-in, wrong role → 403, another centre → 404 (like a missing event)."""

import pytest

from integra.events.tests.conftest import make_event
from integra.events.tests.test_denials import DOOR, EVERY_USER, expected
from tests.base import signed_in

PAGES = ["paper-sheet/", "feedback/", "feedback/cards/"]
POSTS = ["paper-sheet/arrived/", "feedback/paper/", "paper-sheet/"]


@pytest.mark.parametrize("suffix", PAGES)
def test_each_user_gets_the_page_their_role_and_centre_allow(client, staff, suffix):
    event = make_event("sofia", days=-1)
    url = f"/en/staff/events/{event.pk}/{suffix}"
    assert client.get(url).status_code == 302
    results = {}
    for name in EVERY_USER:
        client.logout()
        signed_in(client, staff[name])
        results[name] = client.get(url).status_code
    assert results == {name: expected(name, DOOR) for name in EVERY_USER}


@pytest.mark.parametrize("suffix", POSTS)
def test_each_user_may_send_only_what_their_role_and_centre_allow(client, staff, suffix):
    """Allowed users get past the guard (an empty form is answered 400 with its messages); nothing is
    written by the others."""
    event = make_event("sofia", days=-1)
    url = f"/en/staff/events/{event.pk}/{suffix}"
    assert client.post(url, {"yes": "1"}).status_code == 302
    results = {}
    for name in EVERY_USER:
        client.logout()
        signed_in(client, staff[name])
        status = client.post(url, {"n_female_25-34": "x", "yes": "x"}).status_code
        results[name] = 200 if status == 400 else status
    assert results == {name: expected(name, DOOR) for name in EVERY_USER}
    assert not event.paper_feedback.exists() and not event.paper_attendance.exists()
