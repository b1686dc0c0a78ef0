"""Back-office dates day first in every language, languages by their names, and the coordinators' centre
filter on every list (issue 11 item 13)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from integra.centres.models import Centre
from integra.clients import services as client_services
from integra.consultations import services
from integra.consultations.models import Appointment
from integra.consultations.tests.conftest import NOW, local
from integra.forum.models import Question
from integra.hotline.models import CallBack
from integra.topics.models import Topic
from tests.base import signed_in

pytestmark = pytest.mark.usefixtures("reference_data", "monday_morning")
SELECT = '<select name="centre"'


def rows_for(slug, user):
    """One row of every list for a centre, each carrying the centre's slug in a visible text."""
    centre = Centre.objects.get(slug=slug)
    topic = Topic.objects.get(slug="residence")
    Appointment.objects.create(
        centre=centre, start=local(2026, 11, 24, 10), end=local(2026, 11, 24, 10, 30), topic=topic,
        language="fa", name=f"{slug} visitor",
    )  # fmt: skip
    file = client_services.client_create(centre=centre, by=user, name=f"{slug} client")
    consultation = services.consultation_record(
        by=user, centre=centre, held_on=NOW.date(), channel="in_person", topics=[topic], language="bg", client=file
    )
    services.follow_up_create(consultation=consultation, assigned_to=user, task=f"{slug} task", due_on=NOW.date())
    Question.objects.create(
        title=f"{slug} question", body="…", topic=topic, language="ar", status=Question.Status.REFERRED,
        referred_centre=centre, moderated_at=timezone.now(),
    )  # fmt: skip
    CallBack.objects.create(centre=centre, language="uk", phone="+359888000111", due_at=NOW + timedelta(hours=3))
    return file


LISTS = {
    "/en/staff/appointments/": "{slug} visitor",
    "/en/staff/clients/": "{slug} client",
    "/en/staff/consultations/": "{reference}",
    "/en/staff/follow-ups/": "{slug} task",
    "/en/staff/forum/referred/": "{slug} question",
    "/en/staff/hotline/call-backs/": "{call_back}",
}


def marker(path, slug, files):
    call_back = CallBack.objects.get(centre__slug=slug).reference
    return LISTS[path].format(slug=slug, reference=files[slug].reference, call_back=call_back)


@pytest.mark.parametrize("path", list(LISTS))
def test_a_coordinator_filters_every_list_by_centre(client, staff, path):
    coordinator = staff["coordinator"]
    files = {slug: rows_for(slug, coordinator) for slug in ("sofia", "plovdiv")}
    signed_in(client, coordinator)
    everything = client.get(path).content.decode()
    assert SELECT in everything
    assert marker(path, "sofia", files) in everything and marker(path, "plovdiv", files) in everything
    plovdiv = client.get(path, {"centre": "plovdiv"}).content.decode()
    assert marker(path, "plovdiv", files) in plovdiv and marker(path, "sofia", files) not in plovdiv
    assert '<option value="plovdiv" selected>' in plovdiv
    unknown = client.get(path, {"centre": "atlantis"})
    assert unknown.status_code == 200


@pytest.mark.parametrize("path", list(LISTS))
def test_a_consultant_gets_no_centre_select_and_cannot_reach_another_centre_with_it(client, staff, path):
    files = {
        "sofia": rows_for("sofia", staff["consultant.sofia"]),
        "plovdiv": rows_for("plovdiv", staff["consultant.plovdiv"]),
    }
    signed_in(client, staff["consultant.sofia"])
    page = client.get(path, {"centre": "plovdiv"}).content.decode()
    assert SELECT not in page
    assert marker(path, "plovdiv", files) not in page
    if path != "/en/staff/follow-ups/":  # follow-ups are the user's own; the others are the centre's
        assert marker(path, "sofia", files) in page


def test_english_back_office_dates_are_day_month_year_and_languages_are_named(client, staff):
    rows_for("sofia", staff["consultant.sofia"])
    signed_in(client, staff["consultant.sofia"])
    bookings = client.get("/en/staff/appointments/").content.decode()
    assert "24 Nov 2026, 10:00" in bookings and "11/24/2026" not in bookings
    assert '<span lang="fa">فارسی</span>' in bookings
    consultations = client.get("/en/staff/consultations/").content.decode()
    assert "23 Nov 2026" in consultations and "11/23/2026" not in consultations
    referred = client.get("/en/staff/forum/referred/").content.decode()
    assert '<span lang="ar">العربية</span>' in referred


@pytest.mark.parametrize(
    ("language", "expected"),
    [("bg", "24.11.2026 10:00"), ("ru", "24.11.2026 10:00"), ("uk", "24.11.2026 10:00"), ("tr", "24 Kas 2026 10:00"),
     ("fa", "24 نوامبر 2026، 10:00"), ("en", "24 Nov 2026, 10:00")],
)  # fmt: skip
def test_every_language_writes_the_day_first(client, staff, language, expected):
    rows_for("sofia", staff["consultant.sofia"])
    page = signed_in(client, staff["consultant.sofia"]).get(f"/{language}/staff/appointments/").content.decode()
    assert expected in page
