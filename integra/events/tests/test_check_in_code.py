"""The QR code on the confirmation holds the check-in link; staff scan it with a phone camera, the link
opens the check-in page finding that registration, and marking it arrived twice counts once."""

import segno

from integra.events import qr, services
from integra.events.forms import reference_from_scan
from integra.events.models import Registration
from integra.events.tests.conftest import make_event
from integra.events.tests.test_public_pages import register
from integra.events.views import confirmation_token
from tests.base import signed_in


def confirmation(client, event):
    response = register(client, event)
    assert response.status_code == 302
    return response["Location"]


def test_the_confirmation_shows_a_qr_code_until_the_event_is_over(client, event):
    html = client.get(confirmation(client, event)).content.decode()
    registration = Registration.objects.get()
    assert "<svg" in html and f"QR code with your reference {registration.reference}" in html


def test_the_code_holds_the_check_in_link_without_a_language(rf, event):
    registration = services.registration_create(event=event, name="A. K.", phone="+359881234567")
    url = qr.check_in_url(rf.get("/"), registration)
    assert url == f"http://testserver/staff/events/{event.pk}/check-in/?q={registration.reference}"
    assert qr.qr_svg(url, "t") == segno.make(url, error="m").svg_inline(scale=4, border=2, title="t")


def test_scanning_the_link_opens_check_in_in_the_staff_language_and_finds_the_person(client, staff, event):
    registration = services.registration_create(event=event, name="Amal K.", phone="+359881234567")
    signed_in(client, staff["consultant.sofia"])
    scanned = f"/staff/events/{event.pk}/check-in/?q={registration.reference}"
    response = client.get(scanned, headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == f"/en{scanned}"
    html = client.get(response["Location"]).content.decode()
    assert "Amal K." in html and "Mark arrived" in html


def test_the_find_box_accepts_a_pasted_link_or_reference(client, staff, event):
    registration = services.registration_create(event=event, name="Amal K.", phone="+359881234567")
    link = f"https://integra.example/staff/events/{event.pk}/check-in/?q={registration.reference}"
    assert reference_from_scan(link) == registration.reference
    assert reference_from_scan(registration.reference.lower()) == registration.reference
    assert reference_from_scan("Amal") == "Amal"
    signed_in(client, staff["consultant.sofia"])
    html = client.get(f"/en/staff/events/{event.pk}/check-in/", {"q": link}).content.decode()
    assert "Amal K." in html


def test_a_double_scan_counts_once(client, staff, event):
    registration = services.registration_create(event=event, name="Amal K.", phone="+359881234567", adults=2)
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/events/{event.pk}/check-in/{registration.reference}/arrived/"
    client.post(url)
    response = client.post(url, follow=True)
    assert "already marked arrived; counted once" in response.content.decode()
    assert Registration.objects.filter(arrived_at__isnull=False).count() == 1


def test_an_unknown_code_gets_a_clear_message(client, staff, event):
    signed_in(client, staff["consultant.sofia"])
    response = client.post(f"/en/staff/events/{event.pk}/check-in/EV-ZZZ-ZZZ/arrived/", follow=True)
    assert "No registration for this event has the reference EV-ZZZ-ZZZ." in response.content.decode()
    html = client.get(f"/en/staff/events/{event.pk}/check-in/", {"q": "EV-ZZZ-ZZZ"}).content.decode()
    assert "Nobody registered for this event matches" in html
    assert 'value="EV-ZZZ-ZZZ"' in html


def test_an_event_that_is_over_shows_the_feedback_link_instead_of_the_code(client, reference_data):
    event = make_event(days=-1)
    registration = Registration.objects.create(event=event, name="A. K.", phone="+359881234567")
    html = client.get(f"/en/events/registered/{confirmation_token(registration)}/").content.decode()
    assert "<svg" not in html
    assert f"/en/events/registered/{confirmation_token(registration)}/feedback/" in html
