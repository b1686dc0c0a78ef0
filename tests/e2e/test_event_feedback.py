"""The "was this useful for you?" card in a browser: a Farsi phone (360 px, no JavaScript) scans the
printed code, lands on the card in Farsi, sends without an answer first (error summary, comment kept),
then answers; axe-core on the card."""

import pytest
from playwright.sync_api import expect

from integra.events.models import Feedback
from integra.events.tests.conftest import make_event
from tests.e2e.helpers import axe_violations, t

pytestmark = pytest.mark.e2e
PHONE = {"viewport": {"width": 360, "height": 740}, "locale": "fa-IR"}


def test_a_farsi_phone_answers_the_card_without_javascript(site, new_context):
    event = make_event(days=-1, title={"fa": "دیدار چندفرهنگی", "en": "Multicultural meeting"})
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    main = page.get_by_role("main")
    page.goto(f"{site}/events/{event.pk}/feedback/")  # what the printed QR code holds
    expect(page).to_have_url(f"{site}/fa/events/{event.pk}/feedback/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    expect(main.get_by_role("radio")).to_have_count(3)
    main.get_by_role("textbox").fill("موسیقی عالی بود")
    main.get_by_role("button", name=t("fa", "Send")).click()
    expect(page.locator(".error-summary")).to_contain_text(t("fa", "Choose one of the three answers."))
    expect(main.get_by_role("textbox")).to_have_value("موسیقی عالی بود")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    main.get_by_role("radio").nth(1).check()
    main.get_by_role("button", name=t("fa", "Send")).click()
    expect(main.get_by_role("heading", level=1)).to_have_text(t("fa", "Thank you"))
    feedback = Feedback.objects.get()
    assert (feedback.answer, feedback.comment, feedback.language) == ("partly", "موسیقی عالی بود", "fa")


def test_the_card_is_accessible(site, new_context):
    event = make_event(days=-1)
    page = new_context(bypass_csp=True, **PHONE).new_page()
    assert page.goto(f"{site}/fa/events/{event.pk}/feedback/").ok
    violations = axe_violations(page)
    page.get_by_role("button", name=t("fa", "Send")).click()
    page.wait_for_load_state()
    violations += axe_violations(page)
    assert not violations, "\n".join(violations)
