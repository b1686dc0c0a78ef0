"""Claiming records made without an account with a one-time code (issue 17): /<lang>/my/claim/."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from integra.accounts.models import ClaimCode, User
from integra.accounts.tests.conftest import PHONE, booking, member
from integra.consultations.models import Appointment
from integra.core import sms
from integra.courses import services as course_services
from integra.courses.tests.conftest import make_group
from integra.events import services as event_services
from integra.events.tests.conftest import make_event
from integra.forum.models import Question
from integra.hotline import services as hotline_services
from integra.topics.models import Topic
from tests.base import signed_in

pytestmark = pytest.mark.usefixtures("reference_data")
CLAIM, CODE = "/en/my/claim/", "/en/my/claim/code/"


@pytest.fixture(autouse=True)
def sms_in_memory(settings):
    settings.SMS_BACKEND = "locmem"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def question(phone="", email=""):
    return Question.objects.create(
        title="Residence card", body="When?", topic=Topic.objects.get(slug="residence"), language="ar",
        phone=phone, email=email,
    )  # fmt: skip


def records_made_without_an_account():
    """A booking, a question, an enrolment, an event registration and a call-back, all with PHONE."""
    return {
        "booking": booking(),
        "question": question(phone="0881 234 567"),
        "enrolment": course_services.enrolment_create(group=make_group(), name="Amina", phone=PHONE),
        "registration": event_services.registration_create(event=make_event(), name="A. K.", phone=PHONE),
        "call_back": hotline_services.call_back_request(phone="0881234567", language="ar"),
    }


def sent_code() -> str:
    text = sms.outbox[-1].body if sms.outbox else mail.outbox[-1].body
    return re.search(r"\b(\d{6})\b", text).group(1)


def test_a_code_sent_by_sms_ties_every_kind_of_record_with_that_phone_to_the_account(client):
    records = records_made_without_an_account()
    someone_elses = booking(member=member("boris", "en"), days=4)
    other_phone = booking(phone="+359887777777", days=5)
    amina = member()
    signed_in(client, amina)

    response = client.post(CLAIM, {"target": "0881 234 567"})
    assert response.status_code == 302 and response["Location"] == CODE
    assert len(sms.outbox) == 1 and sms.outbox[0].to == PHONE
    assert client.get(CODE).status_code == 200

    response = client.post(CODE, {"code": sent_code()})
    assert response.status_code == 302 and response["Location"] == "/en/my/"
    for record in records.values():
        record.refresh_from_db()
        assert record.member == amina, record
    someone_elses.refresh_from_db()
    other_phone.refresh_from_db()
    assert someone_elses.member.username == "boris" and other_phone.member is None
    amina.refresh_from_db()
    assert str(amina.phone) == PHONE  # confirmed, so it may now be used for text messages
    page = client.get("/en/my/").content.decode()
    assert "5 records were added to your page" in page
    assert records["registration"].reference in page and records["call_back"].reference in page


def test_the_code_comes_in_the_members_language(monkeypatch):
    from integra.accounts import claims

    amina = member(language="en")
    claims.claim_code_send(user=amina, target=claims.target_parse("amina.k@example.org"))
    assert mail.outbox[-1].to == ["amina.k@example.org"]
    assert "Your code is" in mail.outbox[-1].body and "15 minutes" in mail.outbox[-1].body
    languages = []
    real = claims.render_to_string
    monkeypatch.setattr(
        claims, "render_to_string", lambda *a, **k: languages.append(translation.get_language()) or real(*a, **k)
    )
    amina.preferred_language = "fa"
    with translation.override("en"):
        claims.claim_code_send(user=amina, target=claims.target_parse(PHONE))
    assert languages == ["fa"] and sms.outbox[-1].to == PHONE


def test_an_email_claims_records_with_that_address_whatever_its_case(client):
    mine = question(email="Amina.K@Example.org")
    theirs = question(email="someone@example.org")
    amina = member()
    signed_in(client, amina)
    client.post(CLAIM, {"target": "amina.k@example.org"})
    assert mail.outbox[-1].to == ["amina.k@example.org"]
    client.post(CODE, {"code": sent_code()})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.member == amina and theirs.member is None
    amina.refresh_from_db()
    assert amina.phone == ""  # an e-mail confirmed sets no phone


def test_the_page_says_the_same_whether_or_not_records_exist_for_a_number(client):
    booking()
    amina = member()
    signed_in(client, amina)

    def page(number):
        text = client.post(CLAIM, {"target": number}, follow=True).content.decode()
        return re.sub(r'value="[A-Za-z0-9]{64}"', "", text.replace(number, "N"))  # less the CSRF token

    assert page(PHONE) == page("+359887654321")
    assert len(sms.outbox) == 2  # a code goes to both


def test_the_code_is_stored_only_as_a_keyed_hash():
    amina = member()
    from integra.accounts.claims import claim_code_send, target_parse

    row = claim_code_send(user=amina, target=target_parse(PHONE))
    code = sent_code()
    row.refresh_from_db()
    assert code not in row.code_hash and len(row.code_hash) == 64
    assert row.expires_at == row.created_at + timedelta(minutes=15)


def test_three_wrong_codes_lock_claiming_with_a_clear_message(client):
    booking()
    amina = member()
    signed_in(client, amina)
    client.post(CLAIM, {"target": PHONE})
    right = sent_code()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(2):
        page = client.post(CODE, {"code": wrong})
        assert page.status_code == 200
        assert "This code is not right" in page.content.decode()
        assert 'value="' + wrong in page.content.decode()  # what was typed is kept
    locked = client.post(CODE, {"code": wrong})
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "You typed a wrong code three times" in text and "30 minutes" in text
    # The right code no longer works, and no new code can be asked for while locked.
    assert client.post(CODE, {"code": right}).status_code == 429
    assert client.post(CLAIM, {"target": PHONE}).status_code == 429
    assert Appointment.objects.filter(member=amina).count() == 0
    assert len(sms.outbox) == 1
    # Another member is not locked by Amina's mistakes.
    boris = member("boris", "en")
    signed_in(client, boris)
    assert client.get(CLAIM).status_code == 200


def test_the_lock_ends_after_a_while_and_a_new_code_works(client):
    booking()
    amina = member()
    signed_in(client, amina)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post(CLAIM, {"target": PHONE})
        for _ in range(3):
            client.post(CODE, {"code": "999999" if sent_code() != "999999" else "888888"})
        assert client.get(CLAIM).status_code == 429
        traveller.shift(timedelta(minutes=31))
        assert client.get(CLAIM).status_code == 200
        client.post(CLAIM, {"target": PHONE})
        assert client.post(CODE, {"code": sent_code()}).status_code == 302
    assert Appointment.objects.get().member == amina


def test_an_expired_code_is_refused_and_claims_nothing(client):
    booking()
    amina = member()
    signed_in(client, amina)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post(CLAIM, {"target": PHONE})
        traveller.shift(timedelta(minutes=16))
        page = client.post(CODE, {"code": sent_code()})
    assert page.status_code == 200
    assert "This code has expired" in page.content.decode()
    assert Appointment.objects.get().member is None


def test_a_right_code_sent_twice_claims_once_and_a_used_code_is_gone(client):
    booking()
    amina = member()
    signed_in(client, amina)
    client.post(CLAIM, {"target": PHONE})
    code = sent_code()
    assert client.post(CODE, {"code": code})["Location"] == "/en/my/"
    assert client.post(CODE, {"code": code})["Location"] == CLAIM  # no code waiting any more
    assert ClaimCode.objects.get().used_at is not None


def test_a_new_code_replaces_the_one_before(client):
    booking()
    amina = member()
    signed_in(client, amina)
    client.post(CLAIM, {"target": PHONE})
    first = sent_code()
    client.post(CLAIM, {"target": PHONE})
    second = sent_code()
    if first != second:
        page = client.post(CODE, {"code": first})
        assert "This code is not right" in page.content.decode()
    assert client.post(CODE, {"code": second}).status_code == 302


def test_sending_codes_is_limited_per_account(client, settings):
    amina = member()
    signed_in(client, amina)
    for i in range(5):
        assert client.post(CLAIM, {"target": f"+35988765432{i}"}).status_code == 302
    page = client.post(CLAIM, {"target": "+359887654329"})
    assert page.status_code == 200 and "Too many codes were asked for" in page.content.decode()
    assert len(sms.outbox) == 5


def test_what_is_not_a_phone_or_an_email_gets_a_clear_message_and_is_kept(client):
    signed_in(client, member())
    page = client.post(CLAIM, {"target": "abc123"}).content.decode()
    assert "Enter a phone number, like 0888 123 456" in page and 'value="abc123"' in page
    assert not sms.outbox and not mail.outbox


def test_the_code_page_without_a_code_waiting_goes_back_to_the_start(client):
    signed_in(client, member())
    assert client.get(CODE)["Location"] == CLAIM


def test_staff_are_sent_to_the_back_office_and_visitors_to_sign_in(client, staff):
    for url in [CLAIM, CODE]:
        assert "/accounts/login/" in client.get(url)["Location"]
    signed_in(client, staff["consultant.sofia"])
    for url in [CLAIM, CODE]:
        assert client.get(url)["Location"] == "/en/staff/"
    assert client.post(CLAIM, {"target": PHONE})["Location"] == "/en/staff/"
    assert not sms.outbox and User.objects.filter(claim_codes__isnull=False).count() == 0
