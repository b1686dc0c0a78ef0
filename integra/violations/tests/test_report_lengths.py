"""Nothing typed into the report form is cut off or changed silently (issue 11 item 5)."""

from integra.violations.tests import helpers as report
from tests.wizard_walk import answer, value_of


def test_a_480_character_report_place_is_refused_with_its_length_and_kept_whole(client, officer):
    place = ("The office at the end of the corridor, " * 12).strip()
    assert len(place) > 300
    page = client.get(report.URL)
    page = answer(client, page, *report.ANSWERS[0])
    page = answer(client, page, "place", {"place-institution": place})
    html = page.content.decode()
    assert page.status_code == 200 and "maxlength" not in html
    assert f"it can have at most 300 characters (it has {len(place)})" in html
    assert value_of(page, "place-institution") == place.replace("'", "&#x27;")


def test_a_report_contact_phone_that_is_not_one_comes_back_as_typed(client, officer):
    page = client.get(report.URL)
    for step, fields in report.ANSWERS[:5]:
        page = answer(client, page, step, fields)
    page = answer(client, page, "contact", {"contact-contact_by": "phone", "contact-phone": "abc123"})
    assert value_of(page, "contact-phone") == "abc123"
    assert "Check your answers" not in page.content.decode()
