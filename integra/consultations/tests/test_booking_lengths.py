"""Nothing typed into the booking form is cut off or changed silently (issue 11 item 5): the browser gets no
`maxlength`, the server says how long the name may be and shows back everything typed; a phone number
that is not one is shown back as typed, with a message."""

import re

import pytest

from integra.consultations.tests import booking_steps
from tests.wizard_walk import answer, value_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_question(client, reference_data, monday_morning):
    page = client.get(booking_steps.URL)
    for step, fields in list(booking_steps.ANSWERS.items())[:-1]:
        page = answer(client, page, step, fields)
    return page


def test_a_200_character_booking_name_is_refused_with_its_length_and_kept_whole(client, contact_question):
    name = "Amira " + "Haddad-" * 28
    assert len(name) > 150
    page = answer(client, contact_question, "contact", {"contact-name": name, "contact-email": "amira@example.org"})
    html = page.content.decode()
    assert "maxlength" not in html
    assert f"it can have at most 150 characters (it has {len(name)})" in html
    assert value_of(page, "contact-name") == name
    assert "Check your answers" not in html


def test_a_phone_typed_as_abc123_comes_back_as_typed_with_a_message(client, contact_question):
    page = answer(client, contact_question, "contact", {"contact-name": "Amira", "contact-phone": "abc123"})
    html = page.content.decode()
    assert value_of(page, "contact-phone") == "abc123"
    assert "Enter a phone number, for example +359 88 123 4567." in html
    assert 'dir="ltr"' in re.search(r'<input[^>]*name="contact-phone"[^>]*>', html).group(0)


def test_a_good_phone_is_shown_in_the_national_format(client, contact_question):
    page = answer(client, contact_question, "contact", {"contact-name": "Amira", "contact-phone": "+359881234567"})
    assert "Check your answers" in page.content.decode()
    assert "+359 88 123 4567" in page.content.decode()  # on the check page, isolated left-to-right
