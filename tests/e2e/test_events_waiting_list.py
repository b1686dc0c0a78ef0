"""A full event in a browser: joining its waiting list on a 360 px phone in Arabic (right to left) without
JavaScript, then leaving it from one's own page; axe-core on the full event's page and the person's page.
Texts are looked up with t(), so the test holds before and after the catalogues get the new strings."""

import pytest
from playwright.sync_api import expect

from integra.events.models import Registration
from integra.events.tests.conftest import make_event, register
from tests.e2e.helpers import axe_violations, t

pytestmark = pytest.mark.e2e
PHONE = {"viewport": {"width": 360, "height": 740}}


def test_join_the_waiting_list_of_a_full_event_in_arabic_on_a_phone_without_javascript(site, new_context):
    event = make_event(title={"ar": "حفل موسيقي", "en": "Concert"}, capacity=1)
    register(event, "Holder", phone="+359881111111")
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    main = page.get_by_role("main")
    page.goto(f"{site}/ar/events/{event.pk}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(main).to_contain_text(t("ar", "This event is full: there are no places left."))
    expect(main.get_by_role("button", name=t("ar", "Register"), exact=True)).to_have_count(0)
    main.get_by_label(t("ar", "Your name or initials")).fill("م. ح.")
    main.get_by_label(t("ar", "Phone")).fill("0882222222")
    main.get_by_role("button", name=t("ar", "Join the waiting list")).click()
    expect(main.get_by_role("heading", level=1)).to_have_text(t("ar", "You are on the waiting list"))
    waiting = Registration.objects.get(name="م. ح.")
    assert waiting.status == Registration.Status.WAITING and waiting.language == "ar"
    expect(main).to_contain_text(waiting.reference)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    main.get_by_role("button", name=t("ar", "Leave the waiting list")).click()
    expect(page.locator(".messages")).to_contain_text(t("ar", "Tick the box to confirm that you want to cancel."))
    main.get_by_label(t("ar", "Yes, take me off the waiting list.")).check()
    main.get_by_role("button", name=t("ar", "Leave the waiting list")).click()
    expect(page.locator(".messages")).to_contain_text(
        t("ar", "Your registration is cancelled. Thank you for telling us.")
    )
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CANCELLED


def test_the_full_event_and_the_waiting_persons_page_are_accessible(site, new_context):
    from integra.events.views import confirmation_token  # noqa: PLC0415

    event = make_event(capacity=1)
    register(event, "Holder", phone="+359881111111")
    waiting = register(event, "Waiting", phone="+359882222222")
    page = new_context(bypass_csp=True, **PHONE).new_page()
    violations = []
    for path in (f"ar/events/{event.pk}/", f"ar/events/registered/{confirmation_token(waiting)}/"):
        assert page.goto(f"{site}/{path}").ok
        violations += axe_violations(page)
    assert not violations, "\n".join(violations)
