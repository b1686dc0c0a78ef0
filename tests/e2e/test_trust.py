"""Browser tests for issue 11, items 10 and 17: the report channel's "Leave this page quickly" button (with
JavaScript it replaces the history entry, without it is a plain link), and our 403 page in Arabic."""

import pytest
from django.test import Client
from django.utils import translation
from playwright.sync_api import expect

from tests.base import make_user, signed_in
from tests.e2e.helpers import axe_violations

pytestmark = pytest.mark.e2e
NEUTRAL = "https://www.google.com/"


def neutral_site(context):
    """The neutral site answers from the test itself: no test reaches the internet."""
    context.route(
        "https://www.google.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Neutral</title><p>Neutral"),
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_with_javascript_leaving_quickly_replaces_the_report_page_in_the_history(site, new_context, lang):
    context = new_context()
    neutral_site(context)
    page = context.new_page()
    page.goto(f"{site}/{lang}/")
    page.goto(f"{site}/{lang}/report/")
    with translation.override(lang):
        button = page.get_by_role("link", name=translation.gettext("Leave this page quickly"))
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["y"] < 120  # at the top of the page, before the header
    button.click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    page.wait_for_url(f"{site}/{lang}/")  # Back skips the report channel: its entry was replaced
    assert "/report/" not in page.url


def test_without_javascript_leaving_quickly_is_a_plain_link_to_the_neutral_site(site, new_context):
    context = new_context(java_script_enabled=False)
    neutral_site(context)
    page = context.new_page()
    page.goto(f"{site}/uk/")
    page.goto(f"{site}/uk/report/")
    with translation.override("uk"):
        page.get_by_role("link", name=translation.gettext("Leave this page quickly")).click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    page.wait_for_url(f"{site}/uk/report/")  # a plain link: the page stays in the history


def test_the_403_page_is_arabic_right_to_left_with_navigation_and_the_way_back(site, new_context):
    user = make_user("consultant.e2e", "consultant", ["sofia"])
    client = signed_in(Client(), user)
    context = new_context(bypass_csp=True)  # axe is injected as an inline script
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])
    page = context.new_page()
    page.goto(f"{site}/ar/staff/")
    response = page.goto(f"{site}/ar/staff/hotline/figures/", referer=f"{site}/ar/staff/")
    assert response.status == 403
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    with translation.override("ar"):
        expect(page.locator("h1")).to_have_text(translation.gettext("You cannot open this page"))
        expect(page.get_by_role("navigation", name=translation.gettext("Main"))).to_be_visible()
        assert axe_violations(page) == []
        page.get_by_role("link", name=translation.gettext("Back to the previous page")).click()
    page.wait_for_url(f"{site}/ar/staff/")


@pytest.mark.parametrize("path", ["privacy/", "accessibility/", "about/", "report/"])
def test_the_trust_pages_and_the_leave_button_pass_axe_on_a_phone_in_arabic(site, new_context, path):
    page = new_context(bypass_csp=True, viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"{site}/ar/{path}")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
