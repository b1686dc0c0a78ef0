"""The public call-back request in headless Chromium: every page passes axe-core in a left-to-right and a
right-to-left language, and the whole request works without JavaScript; it arrives once, after "Send"."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from integra.hotline.models import CallBack
from tests.e2e.helpers import axe_violations

pytestmark = pytest.mark.e2e


def walk(page, site, lang, check=lambda page: []):
    with translation.override(lang):
        go_on, send, reference_label = (
            gettext("Continue"),
            gettext("Ask for the call-back"),
            gettext("Your reference is"),
        )
    violations = []
    page.goto(f"{site}/{lang}/call-back/")
    violations += check(page)
    page.fill("input[name=phone-phone]", "088 123 4567")
    page.get_by_role("button", name=go_on).click()
    violations += check(page)
    page.check("input[name=language-language][value=fa]")
    page.get_by_role("button", name=go_on).click()
    violations += check(page)
    page.locator("input[name=topic-topic]").first.check()
    page.get_by_role("button", name=go_on).click()
    violations += check(page)
    page.get_by_role("button", name=go_on).click()  # no window chosen: any time the line is open
    violations += check(page)
    page.fill("input[name=name-first_name]", "Reza")
    page.get_by_role("button", name=go_on).click()
    violations += check(page)
    assert CallBack.objects.count() == 0  # nothing stored before "Send"
    page.get_by_role("button", name=send).click()
    violations += check(page)
    assert reference_label in page.content()
    call_back = CallBack.objects.get()
    assert call_back.reference in page.content() and call_back.language == "fa"
    return violations


@pytest.mark.parametrize("lang", ["bg", "fa"])
def test_every_page_of_the_call_back_request_passes_axe(site, new_context, lang):
    page = new_context(bypass_csp=True).new_page()
    violations = walk(page, site, lang, check=axe_violations)
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "fa" else "ltr")
    assert not violations, "\n".join(violations)


def test_the_call_back_request_works_without_javascript(site, new_context):
    page = new_context(java_script_enabled=False).new_page()
    walk(page, site, "ar")
