"""My page in a real browser on a 360-px phone (issue 17): a member signs in through the form, sees what is theirs
(an event registration, a question with its answer) in Arabic right to left without JavaScript, changes how they
hear from the centre (a refused choice is explained and kept), and downloads their data with JavaScript on in
Ukrainian."""

import json

from integra.accounts.tests.conftest import member
from integra.events import services as event_services
from integra.events.models import Registration
from integra.events.tests.conftest import make_event
from integra.forum.models import Answer, Question
from integra.topics.models import Topic
from tests.e2e.helpers import axe_violations, t

PHONE = {"viewport": {"width": 360, "height": 740}, "bypass_csp": True}


def sign_in(page, site, lang, username):
    page.goto(f"{site}/{lang}/accounts/login/?next=/{lang}/my/")
    page.get_by_label(t(lang, "Username or e-mail")).fill(username)
    page.get_by_label(t(lang, "Password")).fill("x" * 20)
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Sign in")).click()


def records_of(user):
    registration = event_services.registration_create(event=make_event(), name="A. K.", phone="+359881234567")
    Registration.objects.filter(pk=registration.pk).update(member=user)
    question = Question.objects.create(
        title="Residence card", body="When?", topic=Topic.objects.get(slug="residence"), language="ar", member=user,
        status=Question.Status.PUBLISHED,
    )  # fmt: skip
    Answer.objects.create(question=question, author_role="consultant", body="Go to the migration office on Monday.")
    return registration


def test_my_page_in_arabic_without_javascript_on_a_phone(site, new_context):
    amina = member("amina", "ar")
    registration = records_of(amina)
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    sign_in(page, site, "ar", "amina")
    assert page.url == f"{site}/ar/my/"
    assert page.locator("html").get_attribute("dir") == "rtl"
    text = page.locator("main").inner_text()
    assert registration.reference in text and "Go to the migration office on Monday." in text
    with_script = new_context(**PHONE).new_page()  # axe-core needs JavaScript: the same page in a second browser
    sign_in(with_script, site, "ar", "amina")
    assert with_script.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    assert axe_violations(with_script) == []

    page.get_by_role("link", name=t("ar", "Change messages and language")).click()
    page.get_by_label(t("ar", "By text message (SMS)")).check()
    page.get_by_role("combobox", name=t("ar", "Language")).select_option("fa")
    with page.expect_navigation():
        page.get_by_role("button", name=t("ar", "Save")).click()
    refusal = "To get text messages, first confirm your phone number with a code (below, under “Add records”)."
    assert page.get_by_role("link", name=t("ar", refusal)).is_visible()  # in the summary, linked to the field
    assert t("ar", refusal) in page.locator("#id_notify_by_error").inner_text()  # and next to it, in Arabic
    assert page.get_by_label(t("ar", "By text message (SMS)")).is_checked()  # the refused choice is kept
    assert page.get_by_role("combobox", name=t("ar", "Language")).input_value() == "fa"
    page.get_by_label(t("ar", "By e-mail")).check()
    with page.expect_navigation():
        page.get_by_role("button", name=t("ar", "Save")).click()
    assert page.url == f"{site}/fa/my/" and t("fa", "Your choices are saved.") in page.content()
    amina.refresh_from_db()
    assert (amina.notify_by, amina.preferred_language) == ("email", "fa")


def test_downloading_my_data_in_ukrainian_with_javascript(site, new_context):
    olena = member("olena", "uk")
    registration = records_of(olena)
    context = new_context(accept_downloads=True, **PHONE)
    page = context.new_page()
    sign_in(page, site, "uk", "olena")
    with page.expect_download() as download:
        page.get_by_role("link", name=t("uk", "Download my data (JSON)")).click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())  # noqa: SIM115
    assert registration.reference in json.dumps(data, ensure_ascii=False)
    with page.expect_download() as pdf:
        page.get_by_role("link", name=t("uk", "Download my data (PDF, to read or print)")).click()
    assert open(pdf.value.path(), "rb").read(5) == b"%PDF-"  # noqa: SIM115
