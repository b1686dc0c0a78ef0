"""axe-core on the back office, in English and Arabic (issue 11 item 18): the pages a consultant, a moderator,
a coordinator, a translator and a rights officer use every day, with the demo's rows in their lists.

The same pages as the HTML validator's (tests/test_valid_html.py STAFF_PAGES), as the demo's own staff."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from integra.accounts.demo import DEMO_PASSWORD
from integra.accounts.models import User
from tests.base import signed_in
from tests.e2e.helpers import axe_violations
from tests.test_valid_html import STAFF_PAGES, staff_page_args

pytestmark = pytest.mark.e2e


def staff_page(new_context, site, username):
    client = signed_in(Client(), User.objects.get(username=username))
    context = new_context(bypass_csp=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])
    return context.new_page()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_back_office_pages_have_no_serious_accessibility_violations(site, new_context, lang):
    call_command("load_demo", stdout=StringIO())
    pages = {}
    violations = []
    for username, name, args in STAFF_PAGES:
        if username not in pages:
            pages[username] = staff_page(new_context, site, username)
        page = pages[username]
        with translation.override(lang):
            path = reverse(name, args=staff_page_args(name, args))
            unlock = reverse("violations_staff:unlock") + "?next=" + path
        if name == "violations_staff:list":
            page.goto(f"{site}{unlock}")
            page.locator('input[name="password"]').fill(DEMO_PASSWORD)
            page.locator('main form[method="post"] button[type="submit"]').last.click()
            page.wait_for_url(f"{site}{path}")
        response = page.goto(f"{site}{path}")
        assert response.ok, f"{path} as {username}: HTTP {response.status}"
        assert page.locator("html").get_attribute("lang") == lang
        violations += axe_violations(page)
        if name == "violations_staff:list":
            lock = page.locator('button[form="lock-reports"]')  # outside the <p>, the form still sends
            expect(lock).to_be_visible()
            lock.click()
            expect(page.locator(f'main a[href^="{unlock.split("?")[0]}"]')).to_be_visible()
            expect(lock).to_have_count(0)
    assert not violations, f"{len(violations)} serious or critical axe violations:\n" + "\n".join(violations)
