"""The shared waiting list's small pieces: matching the contact someone types, the language written in,
and that courses and events describe their lists with it (one piece of code for both)."""

from integra.core import waitlist
from integra.courses import services as courses
from integra.events import services as events


def test_a_typed_phone_matches_in_any_usual_writing_and_an_email_in_any_case():
    assert waitlist.contact_matches("088 123 4567", phone="+359881234567", email="")
    assert waitlist.contact_matches("+359 88 123 4567", phone="+359881234567", email="")
    assert waitlist.contact_matches("A@Example.org", phone="", email="a@example.org")
    assert not waitlist.contact_matches("0881234568", phone="+359881234567", email="")
    assert not waitlist.contact_matches("", phone="", email="")
    assert not waitlist.contact_matches("not a phone", phone="+359881234567", email="")


def test_messages_go_in_the_persons_language_or_bulgarian_when_the_site_lacks_it():
    assert waitlist.person_language("fa") == "fa"
    assert waitlist.person_language("ps") == "bg"
    assert waitlist.person_language("") == "bg"


def test_courses_and_events_keep_their_lists_with_the_same_code():
    assert isinstance(courses.QUEUE, waitlist.Queue) and isinstance(events.QUEUE, waitlist.Queue)
    assert courses.QUEUE.parent_model.__name__ == "Group" and events.QUEUE.parent_model.__name__ == "Event"
