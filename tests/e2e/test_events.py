"""Events in a browser: the calendar and an event's page on a 360 px phone in Arabic (right to left)
without JavaScript, registering with an error first, axe-core and the page weight."""

import pytest
from playwright.sync_api import expect

from integra.events.models import Registration
from integra.events.tests.conftest import make_event
from tests.e2e.helpers import axe_violations, first_load_weight

pytestmark = pytest.mark.e2e
PHONE = {"viewport": {"width": 360, "height": 740}}


def test_find_an_event_and_register_in_arabic_without_javascript(site, new_context):
    event = make_event(title={"ar": "يوم إعلامي عن الإقامة", "en": "Residence day"}, capacity=10)
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    main = page.get_by_role("main")
    page.goto(f"{site}/ar/events/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    main.get_by_role("link", name="يوم إعلامي عن الإقامة").click()
    expect(page).to_have_url(f"{site}/ar/events/{event.pk}/")
    main.get_by_label("اسمك أو الأحرف الأولى من اسمك").fill("م. ح.")
    main.get_by_role("button", name="سجّل").click()
    expect(page.locator(".error-summary")).to_contain_text("اكتب رقم هاتف أو بريدًا إلكترونيًا")
    expect(main.get_by_label("اسمك أو الأحرف الأولى من اسمك")).to_have_value("م. ح.")
    main.get_by_label("الهاتف").fill("0881234567")
    main.get_by_role("button", name="سجّل").click()
    expect(main.get_by_role("heading", level=1)).to_have_text("تم تسجيلك")
    registration = Registration.objects.get()
    expect(main).to_contain_text(registration.reference)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_event_pages_are_accessible_and_light(site, new_context, lang):
    event = make_event()
    page = new_context(bypass_csp=True, **PHONE).new_page()
    violations = []
    for path in ("events/", f"events/{event.pk}/"):
        assert page.goto(f"{site}/{lang}/{path}").ok
        violations += axe_violations(page)
        weight = first_load_weight(new_context(), f"{site}/{lang}/{path}")
        assert weight["total"] <= 100 * 1024, (path, weight["total"])
    assert not violations, "\n".join(violations)
