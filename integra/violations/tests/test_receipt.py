import time

import pytest

from integra.violations import crypto, services
from integra.violations.tests.helpers import FOLLOW_URL, KNOWN_PHRASE, receipt_of, submit

pytestmark = pytest.mark.django_db

NOT_FOUND = "We could not find a report with this receipt. Check the 16 digits and try again."


def _open(client, receipt):
    return client.post(FOLLOW_URL, {"receipt": receipt})


def _wrong(receipt: str) -> str:
    """The same receipt with the last digit changed (same lookup tag only by rare chance)."""
    return receipt[:-1] + str((int(receipt[-1]) + 1) % 10)


def test_the_receipt_opens_the_report_with_spaces_or_without(client, officer):
    receipt = receipt_of(submit(client))
    for typed in (receipt, crypto.format_receipt(receipt), f"{receipt[:8]}-{receipt[8:]}"):
        page = _open(client, typed)
        assert page.status_code == 200
        assert KNOWN_PHRASE in page.content.decode()
        assert "Status" in page.content.decode()


def test_a_wrong_receipt_and_an_unknown_one_get_the_same_page(client, officer):
    receipt = receipt_of(submit(client))
    wrong, unknown = _wrong(receipt), "0000111122223333"
    pages = [_open(client, wrong), _open(client, unknown)]
    bodies = [p.content.decode().replace(wrong, "X").replace(unknown, "X") for p in pages]
    assert [p.status_code for p in pages] == [200, 200]
    assert NOT_FOUND in bodies[0]
    strip = lambda body: body.split('name="csrfmiddlewaretoken" value="')[0]  # noqa: E731
    assert strip(bodies[0]) == strip(bodies[1])
    assert KNOWN_PHRASE not in bodies[0]


def test_a_receipt_that_matches_the_lookup_tag_but_not_the_hash_is_refused(client, officer):
    receipt = receipt_of(submit(client))
    other = "9999888877776666"
    report = services.Report.objects.get()
    report.receipt_tag = crypto.receipt_tag(other)  # a tag collision: only Argon2 decides
    report.save(update_fields=["receipt_tag"])
    assert NOT_FOUND in _open(client, other).content.decode()
    assert services.report_find(receipt=receipt) is None  # the tag no longer leads to it


def test_wrong_and_unknown_receipts_both_run_exactly_one_argon2_verification(client, officer, monkeypatch):
    # So both cost the same; their times are measured by bench/violations_receipt_timing.py, not asserted here.
    submit(client)
    calls = []
    original = crypto.receipt_verify
    monkeypatch.setattr(
        crypto, "receipt_verify", lambda encoded, typed: calls.append(encoded) or original(encoded, typed)
    )
    report = services.Report.objects.get()
    report.receipt_tag = crypto.receipt_tag("1111222233334444")
    report.save(update_fields=["receipt_tag"])
    services.report_find(receipt="1111222233334444")  # found by tag, wrong receipt
    services.report_find(receipt="5555666677778888")  # unknown
    assert len(calls) == 2 and calls[0] is not None and calls[1] is None


@pytest.mark.parametrize("typed", ["1234 5678 abcd 9012", "l234567890123456", "１２３４５６７８９０１２３４５６"])
def test_a_receipt_with_letters_gets_a_clear_message_and_stays_in_the_field(client, officer, typed):
    page = _open(client, typed)
    body = page.content.decode()
    assert "A receipt has only digits (16 of them)." in body
    assert 'class="error-summary"' in body
    assert f'value="{typed}"' in body


def test_a_receipt_of_the_wrong_length_gets_a_clear_message(client, officer):
    assert "A receipt has exactly 16 digits." in _open(client, "1234 5678").content.decode()


def test_the_receipt_is_stored_only_as_an_argon2id_hash_and_a_short_tag(client, officer):
    receipt = receipt_of(submit(client))
    report = services.Report.objects.get()
    assert report.receipt_hash.startswith("$argon2id$")
    assert len(report.receipt_tag) == 10 and receipt not in report.receipt_tag


def test_receipts_come_from_a_secure_generator_and_have_sixteen_digits():
    receipts = {crypto.new_receipt() for _ in range(200)}
    assert len(receipts) == 200
    assert all(len(r) == 16 and r.isdigit() for r in receipts)


def test_a_receipt_still_opens_its_report_after_the_argon2_parameters_change(client, officer, settings):
    receipt = receipt_of(submit(client))
    settings.VIOLATIONS_ARGON2 = {"time_cost": 2, "memory_cost": 16 * 1024, "parallelism": 2}
    found = services.report_find(receipt=receipt)
    assert found is not None
    assert KNOWN_PHRASE in services.report_content(report=found[0], key=found[1])["description"]


def test_the_follow_up_page_is_protected_against_cross_site_posts(officer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(FOLLOW_URL, {"receipt": "1234123412341234"}).status_code == 403
    page = strict.get(FOLLOW_URL)
    token = page.cookies["csrftoken"].value
    assert strict.post(FOLLOW_URL, {"receipt": "1234123412341234", "csrfmiddlewaretoken": token}).status_code == 200


def test_a_tampered_or_expired_follow_up_page_asks_for_the_receipt_again(client, officer):
    import time_machine

    from integra.violations.tests.helpers import token_of

    token = token_of(submit(client))
    tampered = client.post(FOLLOW_URL, {"token": token[:-4] + "AAAA", "text": "hello"})
    assert "Enter your receipt again" in tampered.content.decode()
    with time_machine.travel(time.time() + 3601, tick=False):
        expired = client.post(FOLLOW_URL, {"token": token, "text": "hello"})
    assert "Enter your receipt again" in expired.content.decode()
    assert not services.Report.objects.get().messages.exists()


def test_production_hashes_with_the_rfc_9106_low_memory_profile(settings):
    """Only config/test_settings.py makes Argon2id cheap: production settings leave the default."""
    import config.settings

    assert "VIOLATIONS_ARGON2" not in vars(config.settings)
    del settings.VIOLATIONS_ARGON2
    assert crypto.argon2_params() == {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4}
    assert crypto.receipt_hash("1111222233334444").startswith("$argon2id$v=19$m=65536,t=3,p=4$")
