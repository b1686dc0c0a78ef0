"""The Today page (issue 11 item 12): a consultant's and a manager's day at their centres, scoped and in a
constant number of queries; "Arrived" asks first and puts the consultation on the file the phone leads to."""

from datetime import timedelta

import pytest
from django.utils import timezone

from integra.centres.models import Centre
from integra.clients import services as client_services
from integra.consultations import services
from integra.consultations.models import Appointment, Consultation
from integra.consultations.tests.conftest import NOW, local
from integra.forum.models import Question
from integra.hotline.models import CallBack
from integra.topics.models import Topic
from tests.base import signed_in

pytestmark = pytest.mark.usefixtures("reference_data", "monday_morning")
TODAY = "/en/staff/today/"


def book(slug, hour, name, phone="", **extra):
    start = local(2026, 11, 23, hour)
    return Appointment.objects.create(
        centre=Centre.objects.get(slug=slug),
        start=start,
        end=start + timedelta(minutes=30),
        topic=Topic.objects.get(slug="residence"),
        language=extra.pop("language", "ar"),
        name=name,
        phone=phone,
        **extra,
    )


def day_of(slug, user, n=1, tag="", first_hour=10):
    """n of each kind of row for one centre: bookings today, a follow-up due, a referred question, a call-back."""
    centre = Centre.objects.get(slug=slug)
    topic = Topic.objects.get(slug="residence")
    for i in range(n):
        phone = f"+35988{1 if slug == 'sofia' else 2}00000{i}"
        book(slug, first_hour + i, f"{tag}booking {i}", phone=phone, language="uk")
        consultation = services.consultation_record(
            by=user, centre=centre, held_on=NOW.date(), channel="in_person", topics=[topic], language="bg"
        )
        services.follow_up_create(
            consultation=consultation, assigned_to=user, task=f"{tag}follow-up {i}", due_on=NOW.date()
        )
        Question.objects.create(
            title=f"{tag}question {i}", body="…", topic=topic, language="fa", status=Question.Status.REFERRED,
            referred_centre=centre, moderated_at=timezone.now(),
        )  # fmt: skip
        CallBack.objects.create(
            centre=centre, language="ru", phone="+359888000111", due_at=NOW + timedelta(hours=2 + i)
        )


def test_consultants_and_managers_land_on_today_after_signing_in(client, staff):
    for username, landing in (("consultant.sofia", TODAY), ("manager.plovdiv", TODAY), ("coordinator", "/en/staff/")):
        response = signed_in(client, staff[username]).get("/en/accounts/after-login/")
        assert response.status_code == 302 and response["Location"] == landing, username


def test_today_lists_my_centres_day_each_row_with_its_action(client, staff):
    consultant = staff["consultant.sofia"]
    day_of("sofia", consultant, tag="sofia ")
    day_of("plovdiv", staff["consultant.plovdiv"], tag="plovdiv ")
    Appointment.objects.create(  # tomorrow's booking is not today's
        centre=Centre.objects.get(slug="sofia"), start=local(2026, 11, 24, 10), end=local(2026, 11, 24, 10, 30),
        topic=Topic.objects.get(slug="residence"), language="ar", name="tomorrow's visitor",
    )  # fmt: skip
    page = signed_in(client, consultant).get(TODAY).content.decode()
    for row in ("sofia booking 0", "sofia follow-up 0", "sofia question 0"):
        assert row in page
    for row in ("plovdiv booking 0", "plovdiv follow-up 0", "plovdiv question 0", "tomorrow&#x27;s visitor"):
        assert row not in page
    booking = Appointment.objects.get(name="sofia booking 0")
    assert f'href="/en/staff/appointments/{booking.pk}/arrived/"' in page
    assert 'href="tel:+359881000000"' in page
    assert '<span lang="uk">Українська</span>' in page  # the language by its name, not "uk"
    assert "interpreter needed" not in page
    call_back = CallBack.objects.get(centre__slug="sofia")
    assert f'href="/en/staff/hotline/call-backs/{call_back.pk}/"' in page
    assert f"/en/staff/hotline/call-backs/{CallBack.objects.get(centre__slug='plovdiv').pk}/" not in page
    question = Question.objects.get(title="sofia question 0")
    assert f'href="/en/staff/forum/referred/{question.pk}/consultation/"' in page
    assert "Walk-ins are not put on a waiting list here" in page


def test_today_costs_the_same_number_of_queries_whatever_the_day_holds(client, staff, django_assert_num_queries):
    consultant = staff["consultant.sofia"]
    signed_in(client, consultant)
    day_of("sofia", consultant, n=1)
    client.get(TODAY)  # warm the content-type and permission caches of this process
    with django_assert_num_queries(16):
        assert client.get(TODAY).status_code == 200
    day_of("sofia", consultant, n=3, tag="more ", first_hour=12)
    with django_assert_num_queries(16):
        page = client.get(TODAY).content.decode()
    assert page.count("/arrived/") == 4


@pytest.mark.parametrize("username", ["trainer.sofia", "moderator", "partner.sofia", "rights.officer"])
def test_roles_without_bookings_cannot_open_today(client, staff, username):
    assert signed_in(client, staff[username]).get(TODAY).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(TODAY)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_arrived_asks_first_then_opens_the_form_on_the_client_file_found_by_phone(client, staff):
    consultant = staff["consultant.sofia"]
    file = client_services.client_create(
        centre=Centre.objects.get(slug="sofia"), by=consultant, name="Olena", phone="+359881234567", nationality="UA"
    )
    booking = book("sofia", 11, "Olena K.", phone="+359881234567", interpreter_needed=True)
    signed_in(client, consultant)
    page = client.get(f"/en/staff/appointments/{booking.pk}/arrived/").content.decode()
    assert '<form method="post">' in page and "Yes, the client arrived: start the record" in page
    assert file.reference in page and 'value="none"' in page
    booking.refresh_from_db()
    assert booking.status == Appointment.Status.BOOKED and not Consultation.objects.exists()  # a GET changes nothing
    response = client.post(f"/en/staff/appointments/{booking.pk}/arrived/", {"client": file.reference})
    consultation = Consultation.objects.get()
    assert response["Location"] == f"/en/staff/consultations/{consultation.pk}/edit/"
    assert consultation.client == file and consultation.nationality == "UA"
    assert consultation.interpreting == "interpreter" and consultation.appointment == booking
    form = client.get(response["Location"]).content.decode()
    assert file.reference in form
    # Arriving again opens the same record.
    again = client.get(f"/en/staff/appointments/{booking.pk}/arrived/")
    assert again["Location"] == f"/en/staff/consultations/{consultation.pk}/edit/"


def test_arrived_without_the_file_when_the_consultant_says_it_is_someone_else(client, staff):
    consultant = staff["consultant.sofia"]
    client_services.client_create(centre=Centre.objects.get(slug="sofia"), by=consultant, phone="+359881234567")
    booking = book("sofia", 11, "Someone", phone="+359881234567")
    signed_in(client, consultant).post(f"/en/staff/appointments/{booking.pk}/arrived/", {"client": "none"})
    assert Consultation.objects.get().client is None


def test_another_centres_file_is_never_found_by_phone(client, staff):
    client_services.client_create(
        centre=Centre.objects.get(slug="plovdiv"), by=staff["consultant.plovdiv"], phone="+359881234567"
    )
    booking = book("sofia", 11, "Someone", phone="+359881234567")
    signed_in(client, staff["consultant.sofia"])
    page = client.get(f"/en/staff/appointments/{booking.pk}/arrived/").content.decode()
    assert "No client file has this phone number" in page
    client.post(f"/en/staff/appointments/{booking.pk}/arrived/")
    assert Consultation.objects.get().client is None


def test_another_centres_booking_cannot_be_confirmed(client, staff):
    booking = book("sofia", 11, "Someone")
    signed_in(client, staff["consultant.plovdiv"])
    assert client.get(f"/en/staff/appointments/{booking.pk}/arrived/").status_code == 404
    assert client.post(f"/en/staff/appointments/{booking.pk}/arrived/").status_code == 404
