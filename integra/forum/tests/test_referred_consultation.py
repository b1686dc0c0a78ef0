"""A referred question becomes a consultation at the centre it was referred to (issue 5, point 3)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integra.centres.models import Centre
from integra.clients import services as client_services
from integra.consultations.models import Consultation
from integra.core.models import AuditEntry
from integra.forum import services
from integra.forum.models import Question
from integra.forum.tests.helpers import make_question
from integra.topics.models import Topic
from tests.base import signed_in

pytestmark = pytest.mark.django_db

NOTES = "Called her back: employer keeps the passport, clause 7 of the contract"


def referred(title="My employer kept my passport", centre="burgas", **fields):
    question = make_question(title, published=False, language="ar", topic="labour-market", **fields)
    services.question_moderate(
        question=question, by=None, action="refer", centre=Centre.objects.get(slug=centre), note="Call her"
    )
    question.refresh_from_db()
    return question


def url(question) -> str:
    return f"/en/staff/forum/referred/{question.pk}/consultation/"


def filled(**overrides):
    data = {
        "held_on": timezone.localdate().isoformat(),
        "channel": "phone",
        "topics": [str(Topic.objects.get(slug="labour-market").pk)],
        "language": "ar",
        "duration_minutes": "25",
        "outcome": "informed",
        "notes": NOTES,
        "client": "",
    }
    data.update(overrides)
    return data


def test_the_centre_records_the_consultation_and_the_referral_shows_as_done(client, staff):
    question = referred()
    signed_in(client, staff["consultant.burgas"])
    listing = client.get("/en/staff/forum/referred/").content.decode()
    assert url(question) in listing and "Record the consultation" in listing
    assert url(question) in client.get(f"/en/staff/forum/questions/{question.pk}/").content.decode()

    page = client.get(url(question))
    body = page.content.decode()
    assert page.status_code == 200 and "My employer kept my passport" in body
    assert re.search(r'<input type="radio" name="channel" value="online"[^>]* checked>', body)
    assert '<option value="ar" selected>' in body  # the question's language
    assert re.search(rf'<input type="checkbox" name="topics" value="{question.topic_id}"[^>]* checked>', body)
    assert len(re.findall(r'name="topics"[^>]* checked', body)) == 1

    response = client.post(url(question), filled())
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/staff/consultations/{consultation.pk}/"
    question.refresh_from_db()
    assert question.consultation == consultation and question.referral_handled_at is not None
    assert question.status == Question.Status.REFERRED  # still private
    assert consultation.centre.slug == "burgas" and consultation.consultant == staff["consultant.burgas"]
    assert (consultation.channel, consultation.language, consultation.duration_minutes) == ("phone", "ar", 25)
    assert [t.slug for t in consultation.topics.all()] == ["labour-market"]
    assert consultation.client is None and consultation.notes == NOTES

    listing = client.get("/en/staff/forum/referred/").content.decode()
    assert "Done" in listing and f"/en/staff/consultations/{consultation.pk}/" in listing
    assert url(question) not in listing
    assert client.get(f"/en/staff/consultations/{consultation.pk}/").status_code == 200


def test_the_recording_is_audit_logged_with_the_actor(client, staff):
    question = referred()
    signed_in(client, staff["consultant.burgas"])
    client.post(url(question), filled())
    consultation = Consultation.objects.get()
    created = AuditEntry.objects.get_for_object(consultation).filter(action=AuditEntry.Action.CREATE).get()
    assert created.actor == staff["consultant.burgas"] and created.actor_centres == "burgas"
    linked = AuditEntry.objects.get_for_object(question).filter(action=AuditEntry.Action.UPDATE).latest("timestamp")
    assert linked.actor == staff["consultant.burgas"] and "consultation" in linked.changes_dict


def test_a_double_submit_makes_one_consultation(client, staff):
    question = referred()
    signed_in(client, staff["consultant.burgas"])
    first = client.post(url(question), filled())
    second = client.post(url(question), filled())
    assert Consultation.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_service_called_twice_returns_the_first_consultation(staff):
    question = referred()
    kwargs = dict(
        by=staff["consultant.burgas"],
        held_on=timezone.localdate(),
        channel="online",
        topics=[question.topic],
        language="ar",
        duration_minutes=30,
        outcome="informed",
    )
    first = services.question_consultation_record(question=question, **kwargs)
    stale = Question.objects.get(pk=question.pk)
    stale.consultation = None  # an old copy of the question, as a second request would hold it
    assert services.question_consultation_record(question=stale, **kwargs) == first
    assert Consultation.objects.count() == 1


def test_a_consultant_of_another_centre_gets_404(client, staff):
    question = referred(centre="burgas")
    signed_in(client, staff["consultant.sofia"])
    assert client.get(url(question)).status_code == 404
    assert client.post(url(question), filled()).status_code == 404
    assert Consultation.objects.count() == 0
    assert url(question) not in client.get("/en/staff/forum/referred/").content.decode()


def test_a_question_that_is_not_referred_is_a_404(client, staff):
    question = make_question("Published one")
    signed_in(client, staff["consultant.burgas"])
    assert client.get(url(question)).status_code == 404
    assert client.get("/en/staff/forum/referred/999999/consultation/").status_code == 404


def test_a_moderator_without_the_permission_gets_403_and_sees_no_link(client, staff):
    question = referred()
    signed_in(client, staff["moderator"])
    assert client.get(url(question)).status_code == 403
    assert client.post(url(question), filled()).status_code == 403
    assert Consultation.objects.count() == 0
    listing = client.get("/en/staff/forum/referred/").content.decode()
    assert "My employer kept my passport" in listing and url(question) not in listing
    assert url(question) not in client.get(f"/en/staff/forum/questions/{question.pk}/").content.decode()


@pytest.mark.parametrize("user", ["trainer.burgas", "mediator.burgas", "partner.burgas", "member"])
def test_staff_without_the_permission_get_403(client, staff, user):
    question = referred()
    signed_in(client, staff[user])
    assert client.get(url(question)).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, staff):
    question = referred()
    response = client.get(url(question))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_bad_input_keeps_what_was_typed_with_an_error_summary(client, staff):
    question = referred()
    signed_in(client, staff["consultant.burgas"])
    future = (timezone.localdate() + timezone.timedelta(days=3)).isoformat()
    response = client.post(url(question), filled(held_on=future, duration_minutes="900", topics=[]))
    body = response.content.decode()
    assert response.status_code == 200 and 'class="error-summary"' in body
    assert "A consultation cannot be recorded for a future date." in body
    assert "Enter a duration between 1 and 480 minutes." in body
    assert "This field is required." in body
    assert NOTES in body and future in body and 'value="900"' in body
    assert Consultation.objects.count() == 0
    question.refresh_from_db()
    assert question.consultation is None and question.referral_handled_at is None


def test_a_client_file_of_the_centre_is_linked_and_one_of_another_centre_is_refused(client, staff):
    question = referred()
    ours = client_services.client_create(
        centre=Centre.objects.get(slug="burgas"), by=staff["consultant.burgas"], name="Amira", gender="female"
    )
    theirs = client_services.client_create(
        centre=Centre.objects.get(slug="sofia"), by=staff["consultant.sofia"], name="Other"
    )
    signed_in(client, staff["consultant.burgas"])
    refused = client.post(url(question), filled(client=theirs.reference))
    assert refused.status_code == 200
    assert "There is no client file of this centre with this reference." in refused.content.decode()
    assert theirs.reference in refused.content.decode()
    client.post(url(question), filled(client=ours.reference.lower()))
    consultation = Consultation.objects.get()
    assert consultation.client == ours and consultation.gender == "female"


def test_the_notes_are_encrypted_in_the_database(client, staff):
    question = referred()
    signed_in(client, staff["consultant.burgas"])
    client.post(url(question), filled())
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM consultations_consultation")
        dump = repr(cursor.fetchall())
    assert "passport" not in dump and "clause" not in dump and "v1:" in dump
    assert Consultation.objects.get().notes == NOTES


def test_a_deleted_consultation_leaves_the_question(client, staff):
    question = referred()
    signed_in(client, staff["consultant.burgas"])
    client.post(url(question), filled())
    Consultation.objects.all().delete()
    question.refresh_from_db()
    assert question.consultation is None and question.status == Question.Status.REFERRED


def test_the_referred_list_costs_the_same_queries_for_one_or_many_questions(client, staff):
    signed_in(client, staff["consultant.burgas"])
    referred("First")
    client.get("/en/staff/forum/referred/")
    with CaptureQueriesContext(connection) as one:
        client.get("/en/staff/forum/referred/")
    for number in range(5):
        done = referred(f"Question {number}")
        client.post(url(done), filled())
    with CaptureQueriesContext(connection) as many:
        listing = client.get("/en/staff/forum/referred/").content.decode()
    assert listing.count("Done") == 5
    assert len(many) == len(one)
