"""The feedback page for staff: online answers and the paper cards' tally, the share "useful", the
comments, the card's link and QR code and the printable cards."""

import pytest

from integra.events import services
from integra.events.models import PaperFeedback
from integra.events.tests.conftest import make_event
from tests.base import signed_in


@pytest.fixture
def held(reference_data):
    return make_event(days=-1, languages=["fa", "ar"])


def test_the_paper_cards_tally_is_saved_and_sending_it_twice_changes_nothing(client, staff, held):
    signed_in(client, staff["mediator.sofia"])
    url = f"/en/staff/events/{held.pk}/feedback/paper/"
    for _ in range(2):
        assert client.post(url, {"yes": "7", "partly": "2", "no": "1"}).status_code == 302
    assert services.feedback_summary(held)["paper"] == {"yes": 7, "partly": 2, "no": 1}


def test_the_page_shows_counts_share_and_comments(client, staff, held):
    services.feedback_record(event=held, answer="no", comment="Too loud", language="fa")
    services.paper_feedback_set(event=held, by=staff["mediator.sofia"], counts={"yes": 3, "partly": 0, "no": 0})
    signed_in(client, staff["mediator.sofia"])
    html = client.get(f"/en/staff/events/{held.pk}/feedback/").content.decode()
    assert "75% found it useful (4 answers)" in html
    assert "Too loud" in html and 'lang="fa"' in html
    assert f"http://testserver/events/{held.pk}/feedback/" in html and "<svg" in html


def test_a_tally_below_zero_is_refused_and_what_was_typed_stays(client, staff, held):
    signed_in(client, staff["mediator.sofia"])
    response = client.post(f"/en/staff/events/{held.pk}/feedback/paper/", {"yes": "4", "partly": "-1", "no": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "A number cannot be below zero." in html and 'value="4"' in html and 'value="-1"' in html
    assert not PaperFeedback.objects.exists()


def test_the_service_refuses_below_zero_and_before_the_event(staff, held, reference_data):
    with pytest.raises(services.ValidationError):
        services.paper_feedback_set(event=held, by=staff["mediator.sofia"], counts={"yes": -1})
    with pytest.raises(services.ValidationError):
        services.paper_feedback_set(event=make_event(days=1), by=staff["mediator.sofia"], counts={"yes": 1})


def test_printable_cards_are_in_the_events_languages(client, staff, held):
    signed_in(client, staff["mediator.sofia"])
    html = client.get(f"/en/staff/events/{held.pk}/feedback/cards/").content.decode()
    for code, direction in (("fa", "rtl"), ("ar", "rtl"), ("bg", "ltr"), ("en", "ltr")):
        assert f'lang="{code}" dir="{direction}"' in html
    assert html.count("☐") == 12


def test_the_share_useful_counts_yes_only(held):
    services.feedback_record(event=held, answer="yes")
    services.feedback_record(event=held, answer="partly")
    summary = services.feedback_summary(held)
    assert summary["total"] == 2 and summary["useful_share"] == 50
    assert services.feedback_summary(make_event(days=-2))["useful_share"] is None
