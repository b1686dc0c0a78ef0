"""Back and reload in the report and question wizards, in headless Chromium (issue 11 item 2).

Every answer is a POST answered by a redirect to a GET page: the browser's Back button shows the
earlier question with its answer (never "Confirm form resubmission" or ERR_CACHE_MISS), and
reloading the receipt or the private link shows it again without sending anything twice.
"""

import pytest
from playwright.sync_api import expect

from integra.forum.models import Question
from integra.violations import services as violation_services
from integra.violations.models import Report
from tests.base import PASSWORD, make_staff
from tests.e2e.helpers import go_on, t

pytestmark = pytest.mark.e2e

@pytest.fixture
def open_channel(site):
    violation_services.officer_keys_create(user=make_staff()["rights.officer"], password=PASSWORD)
    return site


def watch(page) -> list[str]:
    """Console errors (a CSP violation is one) and failed navigations seen by the page."""
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_keeps_the_report_answers_and_reload_shows_the_receipt_again(new_context, open_channel, javascript):
    lang = "uk"
    context = new_context(java_script_enabled=javascript, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{open_channel}/{lang}/report/")
    page.locator("input[name=category-category][value=authority_conduct]").check()
    go_on(page, lang)
    page.fill("input[name=place-institution]", "Migration office on Kneginya Maria Luiza")
    go_on(page, lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "In which city?"))

    page.go_back()  # the place question again, with what was typed, and no resubmission prompt
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Where did it happen?"))
    expect(page.locator("input[name=place-institution]")).to_have_value("Migration office on Kneginya Maria Luiza")
    page.go_back()
    expect(page.locator("input[name=category-category][value=authority_conduct]")).to_be_checked()
    page.go_forward()
    page.go_forward()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "In which city?"))
    page.reload()  # a reload of a question is a GET too
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "In which city?"))

    page.locator("select[name=city-city]").select_option("plovdiv")
    go_on(page, lang)
    page.fill("input[name=when-when]", "2025-11-03")
    go_on(page, lang)
    page.fill("textarea[name=description-description]", "At the counter the inspector tore up my card.")
    go_on(page, lang)
    page.locator("input[name=contact-contact_by][value=none]").check()
    go_on(page, lang)
    go_on(page, lang)  # identity is optional
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Check your answers before sending"))
    page.get_by_role("button", name=t(lang, "Send the report"), exact=True).click()

    receipt = page.locator(".receipt strong").inner_text()
    page.reload()
    expect(page.locator(".receipt strong")).to_have_text(receipt)
    page.go_back()  # back to the check page: the receipt again, nothing sent twice
    expect(page.locator(".receipt strong")).to_have_text(receipt)
    assert Report.objects.count() == 1
    expect(
        page.get_by_text(
            t(
                lang,
                "This page can be opened again in this browser for 30 minutes. After that it cannot be shown again.",
            )
        )
    ).to_be_visible()
    copy = page.get_by_role("button", name=t(lang, "Copy the receipt"))
    printing = page.get_by_role("button", name=t(lang, "Print or save this page"))
    if javascript:
        copy.click()
        expect(page.get_by_role("status")).to_have_text(t(lang, "The receipt is copied."))
        assert page.evaluate("navigator.clipboard.readText()") == receipt
        expect(printing).to_be_visible()
    else:
        expect(copy).to_be_hidden()  # the buttons need the script; the text stays to copy by hand
        expect(printing).to_be_hidden()
    assert problems == []


def test_back_in_the_question_wizard_in_arabic_and_reload_of_the_private_link(new_context, site):
    lang = "ar"
    page = new_context().new_page()
    problems = watch(page)
    page.goto(f"{site}/{lang}/questions/ask/")
    page.fill("input[name=question-title]", "How do I get health insurance?")
    page.fill("textarea[name=question-body]", "I work in Sofia and need a doctor.")
    go_on(page, lang)
    page.go_back()
    expect(page.locator("input[name=question-title]")).to_have_value("How do I get health insurance?")
    go_on(page, lang)
    page.locator("input[name=topic-topic]").first.check()
    go_on(page, lang)
    go_on(page, lang)  # the city is optional
    page.locator("input[name=notify-notify_by][value=link]").check()
    go_on(page, lang)
    go_on(page, lang)  # the similar questions
    page.get_by_role("button", name=t(lang, "Send the question"), exact=True).click()
    link = page.locator(".token a").inner_text()
    page.reload()
    expect(page.locator(".token a")).to_have_text(link)
    assert Question.objects.count() == 1
    assert problems == []
