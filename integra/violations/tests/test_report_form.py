import pytest
from django.test import Client

from integra.violations.models import Report
from integra.violations.tests.helpers import URL, fill_in, receipt_of, state_of, submit, wizard_post

pytestmark = pytest.mark.django_db


def test_the_form_asks_one_question_per_page_then_shows_the_answers_to_check(client, officer):
    page = client.get(URL)
    body = page.content.decode()
    assert "What happened?" in body and "Question 1 of 7" in body
    assert "<fieldset" in body and "<legend>" in body  # radio group with a legend
    check = fill_in(client)
    body = check.content.decode()
    assert "Conduct of the police or an authority" in body
    assert "Migration office on Kneginya Maria Luiza" in body
    assert "Plovdiv" in body and "Amira Haddad" in body


def test_sending_creates_one_report_and_shows_a_sixteen_digit_receipt_once(client, officer):
    confirmation = submit(client)
    assert confirmation.status_code == 200
    receipt = receipt_of(confirmation)
    assert len(receipt) == 16 and receipt.isdigit()
    assert confirmation["Cache-Control"].startswith("max-age=0")
    report = Report.objects.get()
    assert (report.category, report.city, report.institution_kind) == ("authority_conduct", "plovdiv", "migration")
    assert report.channel == Report.Channel.ONLINE and report.contact_by == "email"
    assert report.sealed_keys.filter(officer=officer).exists()
    assert receipt not in report.receipt_hash


def test_a_double_submitted_report_makes_one_report_and_does_not_show_a_second_receipt(client, officer):
    check = fill_in(client)
    first = wizard_post(client, check, "check", {})
    second = wizard_post(client, check, "check", {})  # a double click: the same receipt again, nothing sent twice
    assert Report.objects.count() == 1
    assert 'class="receipt"' in first.content.decode() and receipt_of(second) == receipt_of(first)
    elsewhere = Client()  # the same sealed answers sent from another browser: no receipt at all
    third = wizard_post(elsewhere, check, "check", {})
    assert Report.objects.count() == 1
    assert "already sent" in third.content.decode() and 'class="receipt"' not in third.content.decode()


def test_a_date_in_the_future_is_refused_and_the_typed_date_stays(client, officer):
    page = client.get(URL)
    page = wizard_post(client, page, "category", {"category-category": "housing"})
    page = wizard_post(client, page, "place", {"place-institution": "Landlord"})
    page = wizard_post(client, page, "city", {"city-city": "sofia"})
    page = wizard_post(client, page, "when", {"when-when": "2999-01-01"})
    body = page.content.decode()
    assert "The date cannot be in the future." in body and 'class="error-summary"' in body
    assert 'value="2999-01-01"' in body


def test_when_accepts_an_approximate_time_but_not_nothing(client, officer):
    page = client.get(URL)
    page = wizard_post(client, page, "category", {"category-category": "housing"})
    page = wizard_post(client, page, "place", {"place-institution": "Landlord"})
    page = wizard_post(client, page, "city", {"city-city": "sofia"})
    empty = wizard_post(client, page, "when", {})
    assert "say approximately when" in empty.content.decode()
    page = wizard_post(client, empty, "when", {"when-when_text": "last spring"})
    assert "Tell us what happened" in page.content.decode()


def test_choosing_e_mail_contact_requires_an_address(client, officer):
    page = client.get(URL)
    answers = [
        ("category", {"category-category": "housing"}),
        ("place", {"place-institution": "Landlord"}),
        ("city", {"city-city": "sofia"}),
        ("when", {"when-when_text": "May"}),
        ("description", {"description-description": "No contract."}),
    ]
    for step, fields in answers:
        page = wizard_post(client, page, step, fields)
    page = wizard_post(client, page, "contact", {"contact-contact_by": "email"})
    assert "Write the e-mail address we should write to." in page.content.decode()


def test_the_form_works_in_every_interface_language(client, officer, settings):
    for code, _name in settings.LANGUAGES:
        page = client.get(f"/{code}/report/")
        assert page.status_code == 200
        assert f'lang="{code}"' in page.content.decode()
        assert state_of(page)


def test_without_any_rights_officer_key_the_channel_says_it_is_not_open(client, staff):
    response = client.get(URL)
    assert response.status_code == 503
    assert "not open yet" in response.content.decode()
