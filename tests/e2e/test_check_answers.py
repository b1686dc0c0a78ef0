"""The check-your-answers page and the error summary on a 360 × 740 phone, in a right-to-left language
(Arabic) and a left-to-right one (Ukrainian or English), in headless Chromium (issue 11 items 1, 3, 4, 6)."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from integra.consultations.forms import parse_slot
from integra.core import dates
from tests.e2e.helpers import axe_violations, go_on, t

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
LONG_EMAIL = "amira.al-hashimi.the-second.with-a-very-long-address@subdomain.example-organisation.org"


def answer_booking(page, site, lang, *, email=LONG_EMAIL, phone="+359 88 123 4567"):
    """Answer every booking question; returns the chosen slot's start (aware, Sofia time)."""
    page.goto(f"{site}/{lang}/book/start/")
    page.locator("input[name=centre-centre][value=sofia]").check()
    go_on(page, lang)
    page.locator("input[name=topic-topic]").first.check()
    go_on(page, lang)
    page.select_option("select[name=language-language]", "ar")
    go_on(page, lang)
    page.locator("input[name=day-day]").first.check()
    go_on(page, lang)
    slot = page.locator("input[name=slot-slot]").first
    start = parse_slot(slot.get_attribute("value"))
    slot.check()
    go_on(page, lang)
    page.fill("input[name=contact-name]", "Amira")
    page.fill("input[name=contact-phone]", phone)
    page.fill("input[name=contact-email]", email)
    go_on(page, lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Check your answers before sending"))
    return start


CONTRAST = """element => {
  const rgb = value => value.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  let node = element, background = null;
  while (node) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour.length < 4 || colour[3] > 0) { background = colour; break; }
    node = node.parentElement;
  }
  background = background || [255, 255, 255];
  const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_change_on_the_check_page_is_a_visible_link_with_enough_contrast(site, new_context, lang):
    page = new_context(bypass_csp=True, **PHONE).new_page()
    answer_booking(page, site, lang)
    change = page.get_by_role("button", name=t(lang, "Change")).first
    expect(change).to_be_visible()
    assert change.evaluate(CONTRAST) >= 4.5
    assert change.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    assert not axe_violations(page), axe_violations(page)

    change.click()  # the first "Change" goes back to the centre question, which keeps the answer
    expect(page.locator("input[name=centre-centre][value=sofia]")).to_be_checked()


def summary_value(page, lang, label):
    return page.locator(".summary-row").filter(has=page.locator("dt", has_text=t(lang, label))).locator("dd").first


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_check_page_and_confirmation_show_dates_in_words_and_isolate_numbers(site, new_context, lang):
    page = new_context(**PHONE).new_page()
    start = answer_booking(page, site, lang)
    with translation.override(lang):
        day_text, moment_text = dates.long_date(start), dates.long_datetime(start)
    expect(summary_value(page, lang, "Day")).to_have_text(day_text)
    expect(summary_value(page, lang, "Time")).to_have_text(moment_text)
    assert "-" not in day_text and "+02:00" not in moment_text and "+03:00" not in moment_text
    if lang == "ar":
        assert "," not in moment_text and "،" in moment_text  # the Arabic comma, never the Latin one
    assert summary_value(page, lang, "Time").locator("time").get_attribute("datetime") == start.isoformat(
        timespec="minutes"
    )
    phone = summary_value(page, lang, "Mobile phone").locator('bdi[dir="ltr"]')
    expect(phone).to_have_text("+359 88 123 4567")
    expect(summary_value(page, lang, "E-mail").locator('bdi[dir="ltr"]')).to_have_text(LONG_EMAIL)

    page.get_by_role("button", name=t(lang, "Book the consultation")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Your consultation is booked"))
    expect(page.locator(".facts time")).to_have_text(moment_text)
    if lang == "ar":  # the clock time stays left-to-right inside the Arabic sentence
        expect(page.locator('.facts time bdi[dir="ltr"]')).to_have_text(dates.clock_time(start))


def signed_in_context(new_context, site, username, role, centres, **options):
    """A browser context with a staff member's session (past two-factor), made by Django's test client."""
    from django.test import Client

    from tests.base import make_user, signed_in

    client = signed_in(Client(), make_user(username, role, centres))
    context = new_context(**options)
    host = site.split("//", 1)[1].split(":")[0]
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "domain": host, "path": "/"}])
    return context


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_a_failed_step_focuses_the_error_summary_and_says_error_in_the_title(site, new_context, lang):
    page = new_context(**PHONE).new_page()
    page.goto(f"{site}/{lang}/book/start/")
    go_on(page, lang)  # no centre chosen
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert page.title().startswith(t(lang, "Error:") + " ")
    link = summary.get_by_role("link").first
    assert link.get_attribute("href") == "#id_centre-centre_0"  # the radio group's first option
    link.click()
    expect(page.locator("#id_centre-centre_0")).to_be_focused()


def test_without_javascript_the_title_still_says_error(site, new_context):
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    page.goto(f"{site}/ar/book/start/")
    go_on(page, "ar")
    assert page.title().startswith(t("ar", "Error:") + " ")
    assert page.locator(".error-summary a").first.get_attribute("href") == "#id_centre-centre_0"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_failed_back_office_form_focuses_the_error_summary(site, new_context, lang):
    from integra.accounts import roles

    context = signed_in_context(new_context, site, "consultant.e2e", roles.CONSULTANT, ["sofia"], **PHONE)
    page = context.new_page()
    page.goto(f"{site}/{lang}/staff/consultations/new/")
    page.locator("form[method=post] button[type=submit]").last.click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert page.title().startswith(t(lang, "Error:") + " ")
    topics = summary.locator('a[href="#id_topics_0"]')
    expect(topics).to_have_count(1)  # the checkbox group's link goes to its first box
    topics.click()
    expect(page.locator("#id_topics_0")).to_be_focused()


WIDTH = "() => document.documentElement.scrollWidth"


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_a_long_email_wraps_on_the_check_page_of_a_360_px_phone(site, new_context, lang):
    page = new_context(**PHONE).new_page()
    answer_booking(page, site, lang)
    assert page.evaluate(WIDTH) <= 360
    email = summary_value(page, lang, "E-mail")
    box = email.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_back_office_list_becomes_stacked_rows_on_a_phone(site, new_context, lang):
    from integra.accounts import roles

    booking = new_context(**PHONE).new_page()
    answer_booking(booking, site, lang)
    booking.get_by_role("button", name=t(lang, "Book the consultation")).click()
    expect(booking.get_by_role("heading", level=1)).to_have_text(t(lang, "Your consultation is booked"))

    context = signed_in_context(new_context, site, "consultant.narrow", roles.CONSULTANT, ["sofia"], **PHONE)
    page = context.new_page()
    page.goto(f"{site}/{lang}/staff/appointments/")
    assert page.evaluate(WIDTH) <= 360
    cell = page.locator("tbody td[data-label]").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    label = cell.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == f'"{t(lang, "When")}"'
    expect(page.locator("thead")).not_to_be_in_viewport()
