"""Walking a visitor through the booking wizard, as a browser would."""

import re

URL = "/en/book/start/"

ANSWERS = {
    "centre": {"centre-centre": "sofia"},
    "topic": {"topic-topic": "residence"},
    "language": {"language-language": "ar", "language-interpreter_needed": "on"},
    "day": {"day-day": "2026-11-24"},
    "slot": {"slot-slot": "2026-11-24T10:00"},
    "contact": {"contact-name": "Amira", "contact-phone": "088 123 4567", "contact-email": "amira@example.org"},
}


def state_of(response) -> str:
    return re.search(r'name="wizard_state" value="([^"]+)"', response.content.decode()).group(1)


def post(client, page, step, **fields):
    """Answer a step: a POST answered by a 303 to the next GET page (post/redirect/get), followed.
    Sending's own redirect to the confirmation (a 302) is returned as it is."""
    response = client.post(URL, {"wizard_state": state_of(page), "wizard_step": step, **fields})
    return client.get(response["Location"]) if response.status_code == 303 else response


def reach_check_page(client, **overrides):
    """Answer every question (overrides replace a step's answers) and return the check-your-answers page."""
    page = client.get(URL)
    for step, fields in ANSWERS.items():
        page = post(client, page, step, **overrides.get(step, fields))
        assert page.status_code == 200
    assert "Check your answers" in page.content.decode(), page.content.decode()[:3000]
    return page


def book(client, **overrides):
    return post(client, reach_check_page(client, **overrides), "check")
