"""One person across channels (issue 17 item 5): the client file's timeline, candidates, link and unlink."""

from datetime import date

from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from integra.accounts.tests.conftest import booking
from integra.centres.models import Centre, Hotline
from integra.clients import services
from integra.clients.models import ClientLink
from integra.consultations.services import consultation_record
from integra.core.models import AuditEntry
from integra.events import services as event_services
from integra.events.tests.conftest import make_event
from integra.forum.models import Question
from integra.hotline import services as hotline_services
from integra.hotline.models import Call
from integra.interpreting.tests.conftest import make_request
from integra.topics.models import Topic
from tests.base import signed_in

PHONE = "+359881234567"  # the sofia_client fixture's phone


def url(file, suffix=""):
    return f"/en/staff/clients/{file.reference}/timeline/{suffix}"


def consent_to_linking(file):
    return services.consent_record(
        client=file, purpose="linking", version="1", given_on=date(2026, 11, 1), method="oral", by=None
    )


def records_in_other_channels():
    """A booking, a question, an event registration and a call-back made with the client's phone."""
    question = Question.objects.create(
        title="Residence card renewal", body="When?", topic=Topic.objects.get(slug="residence"), language="ar",
        phone=PHONE,
    )  # fmt: skip
    return {
        "booking": booking(phone=PHONE),
        "question": question,
        "registration": event_services.registration_create(event=make_event(), name="A. H.", phone=PHONE),
        "call_back": hotline_services.call_back_request(phone="0881 234 567", language="ar"),
    }


def on_the_file(staff, file):
    topic = Topic.objects.get(slug="residence")
    consultation_record(
        by=staff["consultant.sofia"], centre=file.centre, held_on=date(2026, 11, 2), channel="in_person",
        topics=[topic], language="ar", notes="", client=file,
    )  # fmt: skip
    call = Call.objects.create(
        hotline=Hotline.objects.first(), centre=file.centre, operator=staff["consultant.sofia"], language="ar",
        client=file, client_consent_at=timezone.now(),
    )  # fmt: skip
    request = make_request(staff["consultant.sofia"], client=file)
    return call, request


def link_all(client, file):
    page = client.get(url(file)).content.decode()
    values = [v for v in page.split('name="record" value="')[1:]]
    return client.post(url(file, "link/"), {"record": [v.split('"')[0] for v in values]})


def test_candidates_are_found_by_phone_and_linking_needs_consent(client, staff, sofia_client):
    records = records_in_other_channels()
    other = booking(phone="+359887777777", days=5)
    signed_in(client, staff["consultant.sofia"])
    page = client.get(url(sofia_client)).content.decode()
    for record in (records["booking"], records["registration"], records["call_back"]):
        assert record.reference in page
    assert "Residence card renewal" in page and other.reference not in page
    assert "consent to linking." in page and " disabled>" in page

    refused = client.post(url(sofia_client, "link/"), {"record": [f"booking:{records['booking'].pk}"]})
    assert refused.status_code == 302 and not ClientLink.objects.exists()

    consent_to_linking(sofia_client)
    assert link_all(client, sofia_client).status_code == 302
    assert ClientLink.objects.active().count() == 4
    entry = AuditEntry.objects.get(additional_data__event="client_records_linked")
    assert entry.object_pk == str(sofia_client.pk) and len(entry.additional_data["records"]) == 4


def test_the_timeline_shows_every_channel_newest_first_and_each_opening_is_logged(client, staff, sofia_client):
    records = records_in_other_channels()
    call, request = on_the_file(staff, sofia_client)
    consent_to_linking(sofia_client)
    signed_in(client, staff["consultant.sofia"])
    link_all(client, sofia_client)
    before = AuditEntry.objects.filter(object_pk=str(sofia_client.pk), action=LogEntry.Action.ACCESS).count()
    with translation.override("en"):
        page = client.get(url(sofia_client)).content.decode()
    for kind in ["Consultation", "Hotline call", "Interpreting", "Booking", "Question", "Event registration",
                 "Call-back"]:  # fmt: skip
        assert f"<strong>{kind}</strong>" in page, kind
    assert request.job_number in page and f"/en/staff/hotline/calls/{call.pk}/" in page
    assert page.index(records["registration"].reference) < page.index("<strong>Consultation</strong>")  # newest first
    after = AuditEntry.objects.filter(object_pk=str(sofia_client.pk), action=LogEntry.Action.ACCESS).count()
    assert after == before + 1


def test_each_kind_is_shown_only_to_staff_allowed_to_see_it(client, staff, sofia_client):
    records = records_in_other_channels()
    consent_to_linking(sofia_client)
    signed_in(client, staff["consultant.sofia"])
    link_all(client, sofia_client)
    signed_in(client, staff["manager.sofia"])  # a manager does not answer forum questions
    page = client.get(url(sofia_client)).content.decode()
    assert records["booking"].reference in page and "Residence card renewal" not in page


def test_a_linked_booking_of_another_centre_stays_hidden_from_this_centre(client, staff, sofia_client):
    theirs = booking(phone=PHONE)
    theirs.centre = Centre.objects.get(slug="burgas")
    theirs.save()
    consent_to_linking(sofia_client)
    ClientLink.objects.create(
        client=sofia_client, kind="booking", object_id=theirs.pk, consent=sofia_client.consents.get()
    )
    signed_in(client, staff["consultant.sofia"])
    assert theirs.reference not in client.get(url(sofia_client)).content.decode()
    signed_in(client, staff["coordinator"])
    assert theirs.reference in client.get(url(sofia_client)).content.decode()


def test_unlinking_needs_the_clients_request_is_logged_and_can_be_undone(client, staff, sofia_client):
    records = records_in_other_channels()
    consent_to_linking(sofia_client)
    signed_in(client, staff["consultant.sofia"])
    client.post(url(sofia_client, "link/"), {"record": [f"booking:{records['booking'].pk}"]})
    link = ClientLink.objects.active().get()
    client.post(url(sofia_client, f"{link.pk}/unlink/"))
    assert ClientLink.objects.active().count() == 1  # not ticked: nothing done
    client.post(url(sofia_client, f"{link.pk}/unlink/"), {"client_asked": "yes"})
    link.refresh_from_db()
    assert link.unlinked_at is not None and link.unlinked_by == staff["consultant.sofia"]
    assert AuditEntry.objects.filter(additional_data__event="client_record_unlinked").count() == 1
    page = client.get(url(sofia_client)).content.decode()
    assert f'value="booking:{records["booking"].pk}"' in page  # a candidate again
    client.post(url(sofia_client, "link/"), {"record": [f"booking:{records['booking'].pk}"]})
    assert ClientLink.objects.count() == 2 and ClientLink.objects.active().count() == 1


def test_a_withdrawn_consent_to_linking_hides_the_linked_records(client, staff, sofia_client):
    records = records_in_other_channels()
    consent = consent_to_linking(sofia_client)
    signed_in(client, staff["consultant.sofia"])
    link_all(client, sofia_client)
    services.consent_withdraw(consent=consent)
    assert records["booking"].reference not in client.get(url(sofia_client)).content.decode().split("<h2>")[0]


def test_records_not_matching_the_file_cannot_be_linked_by_a_forged_post(client, staff, sofia_client):
    other = booking(phone="+359887777777")
    consent_to_linking(sofia_client)
    signed_in(client, staff["consultant.sofia"])
    client.post(url(sofia_client, "link/"), {"record": [f"booking:{other.pk}", "nonsense", "booking:x"]})
    assert not ClientLink.objects.exists()


def test_another_centres_file_is_404_and_staff_without_client_files_are_refused(client, staff, plovdiv_client):
    signed_in(client, staff["consultant.sofia"])
    assert client.get(url(plovdiv_client)).status_code == 404
    assert client.post(url(plovdiv_client, "link/"), {"record": ["booking:1"]}).status_code == 404
    assert client.post(url(plovdiv_client, "1/unlink/"), {"client_asked": "yes"}).status_code == 404
    signed_in(client, staff["trainer.plovdiv"])
    assert client.get(url(plovdiv_client)).status_code == 403


def test_the_timeline_costs_the_same_number_of_queries_for_one_or_many(client, staff, sofia_client):
    consent_to_linking(sofia_client)
    on_the_file(staff, sofia_client)
    records_in_other_channels()
    signed_in(client, staff["consultant.sofia"])
    link_all(client, sofia_client)
    client.get(url(sofia_client))
    with CaptureQueriesContext(connection) as one:
        client.get(url(sofia_client))
    for i in range(4):
        on_the_file(staff, sofia_client)
        booking(phone=PHONE, days=6 + i)
        event_services.registration_create(event=make_event(days=9 + i), name="A. H.", phone=PHONE)
    link_all(client, sofia_client)
    assert ClientLink.objects.active().count() == 12
    with CaptureQueriesContext(connection) as many:
        client.get(url(sofia_client))
    assert len(many) == len(one)
