"""Enrolling without an account, the waiting list and its offers, leaving, and finding an enrolment, over HTTP."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from integra.accounts.tests.conftest import member
from integra.core import sms
from integra.courses import services, tasks
from integra.courses.models import Enrolment
from integra.courses.tests.conftest import make_course, make_group, state_of


def answer(client, url, response, step, **fields):
    data = {"wizard_state": state_of(response), "wizard_step": step}
    data.update({f"{step}-{name}": value for name, value in fields.items()})
    response = client.post(url, data)
    return client.get(response["Location"]) if response.status_code == 303 else response


def enrol(client, group, *, lang="en", name="Amira Haddad", phone="088 123 4567", email="", language="ar"):
    """Answer every question of the enrolment; returns the check page."""
    url = f"/{lang}/courses/{group.pk}/enrol/"
    response = client.get(url)
    response = answer(client, url, response, "name", name=name)
    response = answer(client, url, response, "contact", phone=phone, email=email)
    response = answer(client, url, response, "language", language=language)
    return answer(client, url, response, "about", gender="female", age_band="25-34", nationality="SY")


def send(client, group, check, lang="en"):
    url = f"/{lang}/courses/{group.pk}/enrol/"
    return client.post(url, {"wizard_state": state_of(check), "wizard_step": "check"})


def test_a_visitor_enrols_in_arabic_and_gets_a_reference(client, group):
    check = enrol(client, group, lang="ar")
    assert Enrolment.objects.count() == 0  # nothing stored before "Send"
    page = check.content.decode()
    assert "Amira Haddad" in page and 'dir="rtl"' in page
    sent = send(client, group, check, lang="ar")
    assert sent.status_code == 302
    enrolment = Enrolment.objects.get()
    assert enrolment.status == Enrolment.Status.ENROLLED and str(enrolment.phone) == "+359881234567"
    assert (enrolment.gender, enrolment.age_band, str(enrolment.nationality)) == ("female", "25-34", "SY")
    confirmation = client.get(sent["Location"]).content.decode()
    assert enrolment.reference in confirmation and 'lang="ar"' in confirmation
    send(client, group, check, lang="ar")  # "Send" again: the same enrolment
    assert Enrolment.objects.count() == 1


def test_contact_is_needed_and_a_bad_phone_comes_back_as_typed(client, group):
    url = f"/en/courses/{group.pk}/enrol/"
    response = answer(client, url, client.get(url), "name", name="Olena")
    response = answer(client, url, response, "contact", phone="", email="")
    assert "Give a phone number or an e-mail address" in response.content.decode()
    response = answer(client, url, response, "contact", phone="abc123", email="")
    page = response.content.decode()
    assert "Enter a phone number" in page and 'value="abc123"' in page


def test_a_full_group_offers_the_waiting_list_in_order(client, reference_data):
    group = make_group(capacity=1)
    first = send(client, group, enrol(client, group, name="First", phone="0881111111"))
    assert first.status_code == 302
    check = enrol(client, group, name="Second", phone="0882222222")
    assert "sending puts you on the waiting list" in check.content.decode()
    send(client, group, check)
    send(client, group, enrol(client, group, name="Third", phone="0883333333"))
    statuses = dict(Enrolment.objects.values_list("name", "status"))
    assert statuses == {"First": "enrolled", "Second": "waiting", "Third": "waiting"}
    third = Enrolment.objects.get(name="Third")
    page = client.get(f"/en/courses/enrolled/{_token(third)}/").content.decode()
    assert "You are number 2 on the waiting list." in page


def _token(enrolment):
    from integra.courses.enrolment import confirmation_token  # noqa: PLC0415

    return confirmation_token(enrolment)


def test_leaving_offers_the_place_to_the_first_waiting_by_sms_in_their_language(
    client, reference_data, django_capture_on_commit_callbacks
):
    group = make_group(capacity=1)
    holder = services.enrolment_create(group=group, name="Holder", phone="+359881111111")
    waiting = services.enrolment_create(group=group, name="Waiting", phone="+359882222222", language="uk")
    later = services.enrolment_create(group=group, name="Later", phone="+359883333333")
    assert waiting.status == later.status == Enrolment.Status.WAITING
    token = _token(holder)
    refused = client.post(f"/en/courses/enrolled/{token}/", {"action": "leave"}, follow=True)
    assert "Tick the box" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the message is sent once the place is given
        client.post(f"/en/courses/enrolled/{token}/", {"action": "leave", "confirm": "1"})
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.OFFERED
    assert waiting.offer_expires_at - timezone.now() > timedelta(hours=47)
    assert Enrolment.objects.get(pk=later.pk).status == Enrolment.Status.WAITING
    [message] = sms.outbox
    assert message.to == "+359882222222" and "/uk/courses/offer/" in message.body
    assert "Місце" in message.body or "місце" in message.body  # Ukrainian
    offer_url = message.body.split("http://localhost:8000")[1].split()[0]
    page = client.get(offer_url)
    assert page.status_code == 200 and "Accept" in client.get("/en" + offer_url[3:]).content.decode()
    accepted = client.post(offer_url, {"action": "accept"})
    assert accepted.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.ENROLLED


def test_an_offer_past_its_deadline_lapses_and_goes_to_the_next(
    client, reference_data, django_capture_on_commit_callbacks
):
    group = make_group(capacity=1)
    holder = services.enrolment_create(group=group, name="Holder", phone="+359881111111")
    waiting = services.enrolment_create(group=group, name="Waiting", email="w@example.org")
    later = services.enrolment_create(group=group, name="Later", phone="+359883333333")
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_leave(enrolment=holder)
    waiting.refresh_from_db()
    assert len(mail.outbox) == 1 and waiting.email in mail.outbox[0].to
    offer_url = "/en/courses/offer/" + services.offer_token(waiting) + "/"
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        late = client.post(offer_url, {"action": "accept"})
        assert late.status_code == 409
        assert "The time to accept this place has passed" in late.content.decode()
        assert services.offers_expire() == 1
    assert Enrolment.objects.get(pk=waiting.pk).status == Enrolment.Status.EXPIRED
    assert Enrolment.objects.get(pk=later.pk).status == Enrolment.Status.OFFERED
    assert client.get(offer_url).status_code == 404  # the old link: no longer open, said plainly


def test_the_same_person_cannot_hold_places_in_groups_at_the_same_time(client, reference_data):
    a = make_group(weekdays=(0,), hour=18)
    b = make_group(course=make_course("computer", kind="computer", level=""), weekdays=(0,), hour=19)
    c = make_group(course=a.course, weekdays=(1,), hour=18)
    send(client, a, enrol(client, a, phone="0881234567"))
    check = enrol(client, b, phone="0881234567")
    refused = send(client, b, check)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "already have a place in a group that meets at the same time" in page and "Amira Haddad" in page
    assert send(client, c, enrol(client, c, phone="0881234567")).status_code == 302  # Tuesdays: no clash
    assert Enrolment.objects.count() == 2


def test_a_closed_enrolment_window_sends_back_to_the_group_page(client, reference_data):
    today = timezone.localdate()
    group = make_group(enrolment_opens=today - timedelta(days=20), enrolment_closes=today - timedelta(days=1))
    response = client.get(f"/en/courses/{group.pk}/enrol/")
    assert response.status_code == 302 and response["Location"].endswith(f"/courses/{group.pk}/")
    assert "Enrolment for this group is closed." in client.get(response["Location"]).content.decode()


def test_a_visitor_finds_their_enrolment_with_reference_and_phone(client, group):
    enrolment = services.enrolment_create(group=group, name="Reza", phone="+359881234567")
    wrong = client.post("/fa/courses/my-enrolment/", {"reference": enrolment.reference, "contact": "0880000000"})
    assert wrong.status_code == 200 and 'value="0880000000"' in wrong.content.decode()
    found = client.post(
        "/fa/courses/my-enrolment/", {"reference": enrolment.reference.lower(), "contact": "088 123 4567"}
    )
    assert found.status_code == 302 and "/fa/courses/enrolled/" in found["Location"]


def test_finding_is_rate_limited_without_storing_the_address(client, group, settings):
    settings.COURSE_RATE_LIMITS = {**settings.COURSE_RATE_LIMITS, "find": (2, 3600)}
    for _ in range(2):
        assert client.post("/en/courses/my-enrolment/", {"reference": "CR-AAA-AAA", "contact": "x"}).status_code == 200
    assert client.post("/en/courses/my-enrolment/", {"reference": "CR-AAA-AAA", "contact": "x"}).status_code == 429


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_the_catalogue_lists_groups_with_free_places_in_every_language(client, reference_data, lang):
    full = make_group(capacity=1)
    services.enrolment_create(group=full, name="One", phone="+359881111111")
    open_ = make_group(centre="burgas", capacity=12)
    page = client.get(f"/{lang}/courses/").content.decode()
    assert f"/{lang}/courses/{full.pk}/" in page and f"/{lang}/courses/{open_.pk}/" in page
    burgas = client.get(f"/{lang}/courses/?centre=burgas").content.decode()
    assert f"/courses/{open_.pk}/" in burgas and f"/courses/{full.pk}/" not in burgas
    detail = client.get(f"/{lang}/courses/{open_.pk}/").content.decode()
    assert 'lang="en"' in detail  # the description exists in English only: marked as such


def test_an_offer_to_a_member_follows_their_choice_of_channel_and_language(reference_data):
    group = make_group(capacity=1)
    services.enrolment_create(group=group, name="Holder", phone="+359881111111")
    amina = member("amina", "ar")
    amina.notify_by, amina.preferred_language = "email", "fa"
    amina.save()
    waiting = services.enrolment_create(group=group, name="Amina", phone="+359882222222", language="ar", member=amina)
    Enrolment.objects.filter(pk=waiting.pk).update(
        status=Enrolment.Status.OFFERED, offer_expires_at=timezone.now() + timedelta(days=2)
    )
    assert tasks.send_offer.call(waiting.pk) is True
    assert sms.outbox == []
    [message] = mail.outbox
    assert message.to == ["amina@example.org"] and "/fa/courses/offer/" in message.body
