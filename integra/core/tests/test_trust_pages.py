"""Issue 11, item 10: privacy notice, accessibility statement and "who runs this service", linked from every
page's footer in every language; the notice states the retention periods the code enforces."""

import re

import pytest
from django.conf import settings
from django.utils import translation

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PAGES = {"privacy": "Privacy notice", "accessibility": "Accessibility statement", "about": "Who runs this service"}

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("start", ["/", "/centres/sofia/", "/report/", "/book/", "/accounts/login/"])
def test_every_page_footer_links_the_three_pages_in_the_pages_language(client, lang, start):
    body = client.get(f"/{lang}{start}").content.decode()
    footer = body.split('<footer class="site-footer">', 1)[1]
    with translation.override(lang):
        for slug, title in PAGES.items():
            assert f'<a href="/{lang}/{slug}/">{translation.gettext(title)}</a>' in footer


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", list(PAGES))
def test_each_page_opens_without_signing_in_in_every_language(client, lang, slug):
    response = client.get(f"/{lang}/{slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{lang}" dir="{"rtl" if lang in settings.LANGUAGES_BIDI else "ltr"}">' in body
    with translation.override(lang):
        assert f"<h1>{translation.gettext(PAGES[slug])}</h1>" in body


def test_the_privacy_notice_covers_each_capability_with_the_four_answers(client):
    body = client.get("/en/privacy/").content.decode()
    sections = re.findall(r'<section aria-labelledby="privacy-(\w+)">(.*?)</section>', body, re.S)
    assert [name for name, _text in sections] == ["booking", "questions", "reports", "callbacks", "accounts"]
    for _name, text in sections:
        for question in ("What we keep", "For how long", "Who sees it", "Your data"):
            assert f"<dt>{question}</dt>" in text


def test_the_privacy_notice_states_the_retention_the_code_enforces(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the same page is asked for twice, with different settings
    body = client.get("/en/privacy/").content.decode()
    assert "deleted 90 days after the report is closed" in body
    assert "until 7 days after the consultation" in body
    settings.VIOLATIONS_RETENTION_DAYS = 30
    settings.BOOKING_LINK_DAYS_AFTER = 1
    body = client.get("/en/privacy/").content.decode()
    assert "deleted 30 days after the report is closed" in body
    assert "until 1 day after the consultation" in body


def test_the_operator_is_named_when_configured_and_data_requests_go_to_its_address(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "Call the hotline or ask at any centre." in client.get("/en/privacy/").content.decode()
    settings.SERVICE_OPERATOR_NAME = "Example Integration Network"
    settings.SERVICE_OPERATOR_EMAIL = "privacy@integra.example"
    privacy = client.get("/en/privacy/").content.decode()
    assert "Example Integration Network is responsible for your personal data." in privacy
    assert "Write to privacy@integra.example, call the hotline or ask at any centre." in privacy
    about = client.get("/en/about/").content.decode()
    assert "This service is run by Example Integration Network." in about
    assert 'href="/en/centres/kardzhali/"' in about and 'href="tel:+35929394755"' in about


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_report_channel_has_a_leave_quickly_link_to_a_neutral_site_and_other_pages_do_not(client, lang):
    report = client.get(f"/{lang}/report/").content.decode()
    with translation.override(lang):
        label = translation.gettext("Leave this page quickly")
    assert (
        f'<a class="leave-quickly" href="https://www.google.com/" rel="noreferrer" data-leave-quickly>{label}</a>'
        in report
    )
    assert "/static/js/leave-quickly.js" in report
    assert "data-leave-quickly" in client.get(f"/{lang}/report/follow/").content.decode()
    assert "data-leave-quickly" not in client.get(f"/{lang}/book/").content.decode()
