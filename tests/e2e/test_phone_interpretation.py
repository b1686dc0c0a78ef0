"""Phone interpretation now in the browser (issue 13 item 7): a consultant asks for an interpreter by phone and
watches the status page follow the call without reloading it by hand; the page has no serious WCAG violations.
The console backend: the test plays the interpreter's phone through the same service the provider's webhook calls."""

import pytest
import time_machine
from django.test import Client
from playwright.sync_api import expect

from integra.accounts.models import User
from integra.interpreting import phone
from integra.interpreting.phone_models import PhoneAttempt
from integra.interpreting.tests.conftest import make_mediator
from integra.interpreting.tests.phone.conftest import MORNING
from tests.base import make_staff, signed_in
from tests.e2e.helpers import axe_violations

pytestmark = pytest.mark.e2e


def test_the_status_page_follows_the_call_by_itself(site, new_context):
    with time_machine.travel(MORNING, tick=True):
        make_staff()
        make_mediator("Omar", gender="male", phone="+359881000002")
        client = signed_in(Client(), User.objects.get(username="consultant.sofia"))
        context = new_context(bypass_csp=True)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])
        page = context.new_page()
        page.goto(f"{site}/en/staff/interpreting/phone/")
        page.get_by_label("Your phone", exact=True).fill("088 765 4321")
        page.locator("#id_language").select_option("ar")
        page.locator("#id_subject").select_option("medical")
        page.get_by_role("button", name="Call an interpreter now").click()
        live = page.locator("#phone-live")
        expect(live).to_contain_text("Calling interpreter 1 of 1")
        assert axe_violations(page) == []
        attempt = PhoneAttempt.objects.get()
        phone.attempt_answered(attempt_token=attempt.token, call_sid=attempt.call_sid)
        phone.attempt_keypad(attempt_token=attempt.token, call_sid=attempt.call_sid, digits="1")
        expect(live).to_contain_text("Omar", timeout=20_000)  # the page's script picked the change up
        expect(page.get_by_role("button", name="Your phone is answered")).to_be_visible()
