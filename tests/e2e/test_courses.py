"""Courses in a browser (issue 14): enrolling on a 360 px phone in Arabic without JavaScript (catalogue, group,
one question per page with an error kept on the way, check, confirmation with a reference) and in Ukrainian
with JavaScript; checking a certificate; axe-core on the course pages in Arabic and Ukrainian; and the
trainer's register on a phone, one row marked without JavaScript."""

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from integra.courses import services
from integra.courses.models import Attendance, Certificate, Enrolment
from integra.courses.tests.conftest import make_course, make_group
from tests.base import make_user, signed_in
from tests.e2e.helpers import axe_violations, first_load_weight, go_on, t

pytestmark = pytest.mark.e2e
PHONE = {"viewport": {"width": 360, "height": 740}}
TITLE = {"ar": "اللغة البلغارية للمبتدئين", "uk": "Болгарська мова для початківців", "en": "Bulgarian for beginners"}


def enrol(page, lang: str, *, name: str, phone: str) -> None:
    """From the catalogue to the confirmation, with a wrong e-mail first (the name and the e-mail are kept)."""
    main = page.get_by_role("main")
    main.get_by_role("link", name=TITLE[lang]).click()
    with page.expect_navigation():
        main.get_by_role("link", name=t(lang, "Enrol"), exact=True).click()
    main.get_by_label(t(lang, "Your full name")).fill(name)
    go_on(page, lang)
    main.get_by_label(t(lang, "E-mail")).fill("not-an-address")
    go_on(page, lang)
    expect(page.locator(".error-summary")).to_contain_text(t(lang, "Enter an e-mail address like name@example.com."))
    expect(main.get_by_label(t(lang, "E-mail"))).to_have_value("not-an-address")
    main.get_by_label(t(lang, "E-mail")).fill("")
    main.get_by_label(t(lang, "Mobile phone")).fill(phone)
    go_on(page, lang)
    expect(main.get_by_label(t(lang, "The language you read best"))).to_have_value(lang)
    go_on(page, lang)
    go_on(page, lang)  # the optional questions, skipped
    expect(main).to_contain_text(name)
    go_on(page, lang, "Enrol")
    expect(main.get_by_role("heading", level=1)).to_have_text(t(lang, "You are enrolled"))


def test_enrol_on_a_phone_in_arabic_without_javascript(site, new_context):
    group = make_group(course=make_course(title=TITLE))
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    page.goto(f"{site}/ar/courses/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    enrol(page, "ar", name="أميرة حداد", phone="0881234567")
    enrolment = Enrolment.objects.get()
    assert (enrolment.group, enrolment.name, enrolment.language) == (group, "أميرة حداد", "ar")
    expect(page.get_by_role("main")).to_contain_text(enrolment.reference)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_enrol_in_ukrainian_with_javascript(site, new_context):
    make_group(course=make_course(title=TITLE))
    page = new_context(**PHONE).new_page()
    page.goto(f"{site}/uk/courses/")
    enrol(page, "uk", name="Олена Коваль", phone="+359 88 765 4321")
    enrolment = Enrolment.objects.get()
    assert (str(enrolment.phone), enrolment.language) == ("+359887654321", "uk")
    expect(page.get_by_role("main")).to_contain_text(enrolment.reference)


def test_anyone_checks_a_certificate_by_its_code(site, new_context):
    group = make_group(course=make_course(title=TITLE), weeks_from_now=-6, weeks=4)
    enrolment = Enrolment.objects.create(group=group, name="Amira Haddad", phone="+359881111111", status="completed")
    certificate = Certificate.objects.create(enrolment=enrolment, name_as_printed="Amira Haddad")
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    main = page.get_by_role("main")
    page.goto(f"{site}/uk/certificates/")
    main.get_by_label(t("uk", "Certificate code")).fill("ZZZZZ-ZZZZZ")
    main.get_by_role("button", name=t("uk", "Check")).click()
    expect(page.locator(".error-summary")).to_contain_text("ZZZZZ-ZZZZZ")
    main.get_by_label(t("uk", "Certificate code")).fill(certificate.code.replace("-", "").lower())
    main.get_by_role("button", name=t("uk", "Check")).click()
    expect(page).to_have_url(f"{site}/uk/certificates/{certificate.code}/")
    expect(main).to_contain_text("Amira Haddad")
    expect(main).to_contain_text(TITLE["uk"])
    expect(main).not_to_contain_text("+359881111111")


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_course_pages_are_accessible_and_light(site, new_context, lang):
    group = make_group(course=make_course(title=TITLE))
    enrolment = services.enrolment_create(group=group, name="Amira Haddad", phone="+359881111111", language="ar")
    certificate = Certificate.objects.create(enrolment=enrolment, name_as_printed="Amira Haddad")
    page = new_context(bypass_csp=True, **PHONE).new_page()
    violations = []
    paths = ["courses/", f"courses/{group.pk}/", f"courses/{group.pk}/enrol/", "courses/my-enrolment/",
             "certificates/", f"certificates/{certificate.code}/"]  # fmt: skip
    for path in paths:
        assert page.goto(f"{site}/{lang}/{path}").ok, path
        violations += axe_violations(page)
    page.goto(f"{site}/{lang}/courses/{group.pk}/enrol/")
    go_on(page, lang)  # the name left empty: the error summary and the field's error
    violations += axe_violations(page)
    for path in paths[:2]:
        weight = first_load_weight(new_context(), f"{site}/{lang}/{path}")
        assert weight["total"] <= 50 * 1024, (path, weight["total"])
    assert not violations, "\n".join(violations)


def test_the_trainer_marks_one_row_on_a_phone_without_javascript(site, new_context):
    trainer = make_user("trainer.e2e", "trainer", ["sofia"])
    group = make_group(weeks_from_now=-2, weeks=4, trainer=trainer)
    amira = services.enrolment_create(group=group, name="Amira Haddad", phone="+359881111111")
    services.enrolment_create(group=group, name="Olena Koval", phone="+359882222222")
    session = group.sessions.filter(start__lte=timezone.now(), cancelled=False).first()
    client = signed_in(Client(), trainer)
    context = new_context(java_script_enabled=False, **PHONE)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])
    page = context.new_page()
    page.goto(f"{site}/en/staff/courses/{group.pk}/sessions/{session.pk}/")
    row = page.locator(f"#learner-{amira.pk}")
    row.get_by_label("Remark").fill("bus")
    row.get_by_label("Remark").press("Enter")  # saves nothing: only a tap on a mark does
    with page.expect_navigation():
        row.get_by_role("button", name="Late").click()  # one tap
    expect(page.locator(f"#learner-{amira.pk}")).to_contain_text("saved: Late")
    expect(page.locator(f"#learner-{amira.pk}").get_by_role("button", name="Late")).to_have_attribute(
        "aria-pressed", "true"
    )
    mark = Attendance.objects.get()
    assert (mark.enrolment, mark.mark, mark.remark) == (amira, "late", "bus")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
