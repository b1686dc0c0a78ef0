"""The warning before the 30-minute idle sign-out, in a real browser (issue 11 item 15).

The page's clock is Playwright's: 28 minutes pass in an instant, nothing sleeps."""

from django.test import Client

from integra.accounts import roles
from integra.centres.models import Centre
from tests.base import make_user, signed_in


def staff_context(new_context, site, **options):
    user = make_user("consultant.idle", roles.CONSULTANT, [Centre.objects.get(slug="sofia")])
    client = signed_in(Client(), user)
    context = new_context(viewport={"width": 360, "height": 740}, **options)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])
    return context


def test_two_minutes_before_the_sign_out_a_warning_offers_to_stay_signed_in(new_context, site, settings):
    page = staff_context(new_context, site).new_page()
    page.clock.install()
    page.goto(f"{site}/ar/staff/")
    warning = page.locator("#idle-warning")
    assert warning.is_hidden()
    page.clock.fast_forward((settings.STAFF_IDLE_TIMEOUT - settings.STAFF_IDLE_WARNING - 5) * 1000)
    assert warning.is_hidden()
    page.clock.fast_forward(10 * 1000)
    assert warning.is_visible()
    button = warning.get_by_role("button")
    assert button.evaluate("element => element === document.activeElement")
    with page.expect_response(lambda response: "/accounts/keep-alive/" in response.url) as answer:
        button.click()
    assert answer.value.status == 204
    warning.wait_for(state="hidden")
    assert page.url.endswith("/ar/staff/")  # still on the same page, nothing reloaded


def test_without_javascript_the_warning_never_shows_and_the_page_works(new_context, site):
    page = staff_context(new_context, site, java_script_enabled=False).new_page()
    page.goto(f"{site}/en/staff/")
    assert page.locator("#idle-warning").is_hidden()
    assert page.get_by_role("heading", level=1).count() == 1
