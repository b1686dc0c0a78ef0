"""The consultant's day and the visitor's change of time in the browser (issue 11 items 9 and 12):
rescheduling day then time on a 360-px phone in Arabic with JavaScript off, and in English with it on;
the Today page's "Arrived…" asks first and opens the consultation form on the file found by phone."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from integra.accounts.models import User
from integra.centres.models import Centre
from integra.clients import services as client_services
from integra.consultations import services
from integra.consultations.models import Appointment, Consultation
from integra.topics.models import Topic
from tests.base import make_staff, signed_in
from tests.e2e.helpers import axe_violations, t

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def book(start, phone="+359881234567"):
    return services.appointment_book(
        centre=Centre.objects.get(slug="sofia"), start=start, topic=Topic.objects.get(slug="residence"),
        language="fa", interpreter_needed=True, name="Reza", phone=phone,
    )  # fmt: skip


@pytest.mark.parametrize(("lang", "javascript"), [("ar", False), ("en", True)])
def test_a_visitor_moves_the_booking_day_then_time_on_a_phone(site, new_context, lang, javascript):
    free = services.free_slots(Centre.objects.get(slug="sofia"))
    booking = book(free[0])
    other_day = next(s for s in free if timezone.localtime(s).date() != timezone.localtime(free[0]).date())
    page = new_context(java_script_enabled=javascript, bypass_csp=True, **PHONE).new_page()
    page.goto(f"{site}/{lang}/book/change/")
    page.fill("input[name=reference]", booking.reference)
    page.fill("input[name=contact]", "0881234567")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("input[name=day]").first).to_be_visible()
    assert page.locator("select").count() == 0 and page.locator("input[name=slot]").count() == 0
    assert not javascript or not axe_violations(page)  # axe needs the script: run where it is on
    day = timezone.localtime(other_day).date().isoformat()
    page.locator(f"input[name=day][value='{day}']").check()
    page.get_by_role("button", name=t(lang, "Show the free times")).click()
    slot = page.locator("input[name=slot]").first
    expect(slot).to_be_visible()
    values = page.locator("input[name=slot]").evaluate_all("nodes => nodes.map(n => n.value)")
    assert values and all(v.startswith(day) for v in values)
    assert not javascript or not axe_violations(page)
    chosen = slot.get_attribute("value")
    slot.check()
    page.get_by_role("button", name=t(lang, "Change to this time")).click()
    expect(page).to_have_url(re.compile(r"/book/confirmation/$"))
    booking.refresh_from_db()
    assert timezone.localtime(booking.start).strftime("%Y-%m-%dT%H:%M") == chosen


def test_arrived_from_today_asks_first_and_opens_the_form_on_the_clients_file(site, new_context):
    staff = make_staff()
    consultant = staff["consultant.sofia"]
    now = timezone.localtime()
    start = now.replace(hour=23, minute=0, second=0, microsecond=0)  # later today, whatever the rota says
    booking = Appointment.objects.create(
        centre=Centre.objects.get(slug="sofia"), start=start, end=start + timezone.timedelta(minutes=30),
        topic=Topic.objects.get(slug="residence"), language="fa", interpreter_needed=True, name="Reza",
        phone="+359881234567",
    )  # fmt: skip
    file = client_services.client_create(centre=Centre.objects.get(slug="sofia"), by=consultant, phone="+359881234567")
    client = signed_in(Client(), User.objects.get(pk=consultant.pk))
    context = new_context(bypass_csp=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])
    page = context.new_page()
    page.goto(f"{site}/en/staff/today/")
    row = page.locator("tr", has_text=booking.reference)
    expect(row.locator('a[href^="tel:+359881234567"]')).to_be_visible()
    expect(row).to_contain_text("فارسی")
    expect(page.get_by_role("search")).to_be_visible()
    assert not axe_violations(page)
    row.get_by_role("link", name="Arrived…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Did the client arrive?")
    assert not Consultation.objects.exists()  # opening the question changes nothing
    expect(page.locator(f"input[name=client][value='{file.reference}']")).to_be_checked()
    assert not axe_violations(page)
    page.get_by_role("button", name="Yes, the client arrived: start the record").click()
    consultation = Consultation.objects.get()
    expect(page).to_have_url(re.compile(rf"/en/staff/consultations/{consultation.pk}/edit/$"))
    expect(page.locator("main")).to_contain_text(file.reference)
    assert consultation.client == file


def test_a_visitor_cancels_from_the_change_page_in_the_browser(site, new_context):
    """The change page's own forms are accepted by the CSRF check (no "Origin: null" from a no-referrer page)."""
    booking = book(services.free_slots(Centre.objects.get(slug="sofia"))[0])
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    page.goto(f"{site}/uk/book/change/")
    page.fill("input[name=reference]", booking.reference)
    page.fill("input[name=contact]", "+359 88 123 4567")
    page.locator("main form button[type=submit]").click()
    page.get_by_role("button", name=t("uk", "Cancel my booking")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == Appointment.Status.CANCELLED
