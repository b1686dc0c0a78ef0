from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integra.centres.models import Centre, Institution
from integra.clients import services as client_services
from integra.consultations import services
from integra.consultations.models import Consultation, FollowUp, Referral
from integra.topics.models import Topic
from tests.base import signed_in

NOTE = "Husband's employer withholds passport, see contract clause 7"


@pytest.fixture
def sofia_client(staff):
    return client_services.client_create(
        centre=Centre.objects.get(slug="sofia"),
        by=staff["consultant.sofia"],
        name="Amira Haddad",
        nationality="SY",
        gender="female",
        year_of_birth=1990,
    )


def form(**overrides):
    data = {
        "centre": Centre.objects.get(slug="sofia").pk,
        "held_on": timezone.localdate().isoformat(),
        "channel": "in_person",
        "topics": [Topic.objects.get(slug="labour-market").pk, Topic.objects.get(slug="residence").pk],
        "language": "ar",
        "interpreting": "mediator",
        "interpreter_name": "Layla",
        "interpreter_not_family": "on",
        "duration_minutes": "40",
        "outcome": "referred",
        "notes": NOTE,
    }
    data.update(overrides)
    return data


def test_a_consultation_with_referral_and_follow_up_is_recorded_in_one_screen(client, staff, sofia_client):
    signed_in(client, staff["consultant.sofia"])
    page = client.get(f"/en/staff/consultations/new/?client={sofia_client.reference}")
    assert sofia_client.reference in page.content.decode()
    due = timezone.localdate() + timedelta(days=3)
    response = client.post(
        "/en/staff/consultations/new/",
        form(
            client=sofia_client.reference,
            referral_institution=Institution.objects.get(slug="nhif").pk,
            referral_reason="Needs a health insurance number",
            follow_up_task="Call about the NHIF answer",
            follow_up_due=due.isoformat(),
        ),
    )
    consultation = Consultation.objects.get()
    assert response["Location"] == f"/en/staff/consultations/{consultation.pk}/"
    assert consultation.client == sofia_client and consultation.consultant == staff["consultant.sofia"]
    assert sorted(t.slug for t in consultation.topics.all()) == ["labour-market", "residence"]
    assert (consultation.nationality.code, consultation.gender, consultation.age_band) == ("SY", "female", "35-49")
    assert consultation.notes == NOTE and consultation.interpreter_name == "Layla"
    referral = Referral.objects.get()
    assert (referral.institution.slug, referral.status) == ("nhif", "sent")
    follow_up = FollowUp.objects.get()
    assert (follow_up.assigned_to, follow_up.due_on) == (staff["consultant.sofia"], due)
    detail = client.get(response["Location"]).content.decode()
    assert NOTE.replace("'", "&#x27;") in detail


def test_an_anonymous_walk_in_is_counted_by_nationality_gender_and_age_band(client, staff):
    signed_in(client, staff["consultant.sofia"])
    client.post("/en/staff/consultations/new/", form(nationality="UA", gender="female", age_band="25-34", notes=""))
    consultation = Consultation.objects.get()
    assert consultation.is_anonymous
    assert (consultation.nationality.code, consultation.gender, consultation.age_band) == ("UA", "female", "25-34")


def test_bad_input_is_explained_and_kept(client, staff):
    signed_in(client, staff["consultant.sofia"])
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    page = client.post(
        "/en/staff/consultations/new/",
        form(held_on=future, topics=[], referral_institution=Institution.objects.get(slug="nhif").pk),
    )
    body = page.content.decode()
    assert "A consultation cannot be recorded for a future date." in body
    assert "Say why the client is referred." in body
    assert "This field is required." in body
    assert "contract clause 7" in body  # the notes typed are still there
    assert not Consultation.objects.exists()


def test_a_consultant_cannot_record_for_another_centre(client, staff):
    signed_in(client, staff["consultant.sofia"])
    client.post("/en/staff/consultations/new/", form(centre=Centre.objects.get(slug="plovdiv").pk))
    assert not Consultation.objects.exists()


def test_notes_are_encrypted_in_the_database(staff):
    services.consultation_record(
        by=staff["consultant.sofia"],
        centre=Centre.objects.get(slug="sofia"),
        held_on=date(2026, 11, 2),
        channel="phone",
        topics=[Topic.objects.get(slug="healthcare")],
        language="en",
        notes=NOTE,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM consultations_consultation")
        dump = repr(cursor.fetchall())
    assert "passport" not in dump and "clause" not in dump
    assert "v1:" in dump
    assert Consultation.objects.get().notes == NOTE


def _record(user, centre, day, channel="in_person", topic="healthcare", **kwargs):
    return services.consultation_record(
        by=user,
        centre=Centre.objects.get(slug=centre),
        held_on=day,
        channel=channel,
        topics=[Topic.objects.get(slug=topic)],
        language="bg",
        **kwargs,
    )


def test_the_list_filters_by_date_topic_consultant_and_channel_within_your_centres(client, staff):
    _record(staff["consultant.sofia"], "sofia", date(2026, 10, 1), channel="phone", topic="education")
    _record(staff["manager.sofia"], "sofia", date(2026, 11, 2), channel="online", topic="healthcare")
    _record(staff["consultant.plovdiv"], "plovdiv", date(2026, 11, 3), channel="online", topic="healthcare")
    signed_in(client, staff["consultant.sofia"])

    def count(**params):
        return len(client.get("/en/staff/consultations/", params).context["page"].object_list)

    assert count() == 2
    assert count(channel="online") == 1
    assert count(topic="education") == 1
    assert count(date_from="2026-11-01", date_to="2026-11-30") == 1
    assert count(consultant=staff["manager.sofia"].pk) == 1
    signed_in(client, staff["coordinator"])
    assert count() == 3


def test_the_list_makes_the_same_number_of_queries_whatever_its_length(client, staff):
    signed_in(client, staff["consultant.sofia"])
    _record(staff["consultant.sofia"], "sofia", date(2026, 11, 2))
    client.get("/en/staff/consultations/")  # warm up sessions and caches
    with CaptureQueriesContext(connection) as one:
        client.get("/en/staff/consultations/")
    for day in range(1, 30):
        _record(staff["consultant.sofia"], "sofia", date(2026, 10, day), topic="education")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/en/staff/consultations/")
    assert len(page.context["page"].object_list) == 25 and page.context["page"].has_next()
    assert len(many) == len(one)
    second = client.get("/en/staff/consultations/", {"page": 2})
    assert len(second.context["page"].object_list) == 5 and not second.context["page"].has_next()
    assert 'rel="prev"' in second.content.decode()
    assert client.get("/en/staff/consultations/", {"page": "x"}).context["page"].number == 1


def test_my_follow_ups_due_lists_mine_and_marks_them_done(client, staff):
    consultation = _record(staff["consultant.sofia"], "sofia", date(2026, 11, 2))
    today = timezone.localdate()
    mine = services.follow_up_create(
        consultation=consultation, assigned_to=staff["consultant.sofia"], task="Call back", due_on=today
    )
    services.follow_up_create(
        consultation=consultation, assigned_to=staff["consultant.sofia"], task="Far away", due_on=today + timedelta(30)
    )
    services.follow_up_create(
        consultation=consultation, assigned_to=staff["manager.sofia"], task="Not mine", due_on=today
    )
    signed_in(client, staff["consultant.sofia"])
    body = client.get("/en/staff/follow-ups/").content.decode()
    assert "Call back" in body and "Far away" not in body and "Not mine" not in body
    client.post(f"/en/staff/follow-ups/{mine.pk}/done/")
    assert "Call back" not in client.get("/en/staff/follow-ups/").content.decode()
    signed_in(client, staff["manager.sofia"])
    assert client.post(f"/en/staff/follow-ups/{mine.pk}/done/").status_code == 404


def test_a_referral_gets_its_status_and_outcome(client, staff):
    consultation = _record(
        staff["consultant.sofia"],
        "sofia",
        date(2026, 11, 2),
        referral=services.ReferralData(Institution.objects.get(slug="nhif"), "Insurance"),
    )
    referral = consultation.referrals.get()
    signed_in(client, staff["consultant.sofia"])
    client.post(f"/en/staff/consultations/referrals/{referral.pk}/", {"status": "resolved", "outcome": "Insured"})
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("resolved", "Insured")
    signed_in(client, staff["consultant.plovdiv"])
    assert client.get(f"/en/staff/consultations/referrals/{referral.pk}/").status_code == 404


@pytest.mark.parametrize("path", ["{pk}/", "{pk}/edit/"])
def test_consultation_pages_deny_anonymous_wrong_role_and_other_centre(client, staff, path):
    consultation = _record(staff["consultant.sofia"], "sofia", date(2026, 11, 2))
    target = "/en/staff/consultations/" + path.format(pk=consultation.pk)
    assert client.get(target).status_code == 302
    signed_in(client, staff["trainer.sofia"])
    assert client.get(target).status_code == 403
    signed_in(client, staff["consultant.plovdiv"])
    assert client.get(target).status_code == 404
    signed_in(client, staff["manager.sofia"])
    assert client.get(target).status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/en/staff/consultations/", "/en/staff/consultations/new/", "/en/staff/follow-ups/", "/en/staff/appointments/"],
)
def test_back_office_lists_deny_anonymous_and_wrong_roles(client, staff, path):
    assert client.get(path).status_code == 302
    signed_in(client, staff["partner.sofia"])
    assert client.get(path).status_code == 403
    signed_in(client, staff["consultant.sofia"])
    assert client.get(path).status_code == 200


def test_opening_a_consultation_is_audit_logged(client, staff):
    from auditlog.models import LogEntry

    from integra.core.models import AuditEntry

    consultation = _record(staff["consultant.sofia"], "sofia", date(2026, 11, 2), notes=NOTE)
    signed_in(client, staff["manager.sofia"])
    client.get(f"/en/staff/consultations/{consultation.pk}/")
    entry = AuditEntry.objects.get_for_object(consultation).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == staff["manager.sofia"]
    assert "passport" not in " ".join(str(e.changes) for e in AuditEntry.objects.all())


def test_erasing_a_client_keeps_the_consultations_counted_without_identity(client, staff, sofia_client):
    consultation = _record(staff["consultant.sofia"], "sofia", date(2026, 11, 2), client=sofia_client, notes=NOTE)
    signed_in(client, staff["manager.sofia"])
    page = client.post(f"/en/staff/clients/{sofia_client.reference}/erase/", {"confirm": "wrong"})
    assert page.status_code == 200
    client.post(f"/en/staff/clients/{sofia_client.reference}/erase/", {"confirm": sofia_client.reference})
    sofia_client.refresh_from_db()
    consultation.refresh_from_db()
    assert sofia_client.is_erased and sofia_client.name == "" and not sofia_client.nationality
    assert consultation.client is None and consultation.notes == ""
    assert (consultation.nationality.code, consultation.gender, consultation.age_band) == ("SY", "female", "35-49")
    assert Consultation.objects.filter(centre__slug="sofia").count() == 1


def test_a_client_who_withdrew_consent_to_records_gets_no_new_consultation_on_file(client, staff, sofia_client):
    consent = client_services.consent_record(
        client=sofia_client, purpose="records", version="1", given_on=date(2026, 1, 5), method="signed", by=None
    )
    client_services.consent_withdraw(consent=consent)
    signed_in(client, staff["consultant.sofia"])
    page = client.post("/en/staff/consultations/new/", form(client=sofia_client.reference))
    body = page.content.decode()
    assert "The client has withdrawn consent to keeping records." in body
    assert "contract clause 7" in body
    assert not Consultation.objects.exists()


def test_a_referral_and_a_follow_up_can_be_added_after_the_consultation(client, staff):
    consultation = _record(staff["consultant.sofia"], "sofia", date(2026, 11, 2))
    signed_in(client, staff["consultant.sofia"])
    base = f"/en/staff/consultations/{consultation.pk}/"
    client.post(base + "referrals/new/", {"institution": Institution.objects.get(slug="nhif").pk, "reason": "Card"})
    assert consultation.referrals.get().reason == "Card"
    refused = client.post(base + "follow-ups/new/", {"task": "Call", "due_on": "2020-01-01"})
    assert "The due date cannot be in the past." in refused.content.decode()
    due = timezone.localdate() + timedelta(days=1)
    client.post(base + "follow-ups/new/", {"task": "Call", "due_on": due.isoformat()})
    assert FollowUp.objects.get().assigned_to == staff["consultant.sofia"]
    signed_in(client, staff["consultant.plovdiv"])
    assert client.get(base + "referrals/new/").status_code == 404
    assert client.get(base + "follow-ups/new/").status_code == 404
    signed_in(client, staff["trainer.sofia"])
    assert client.get(base + "follow-ups/new/").status_code == 403


def test_a_typed_interpreter_is_recorded_only_when_confirmed_not_family_and_a_kept_name_needs_no_new_confirmation(
    client, staff
):
    signed_in(client, staff["consultant.sofia"])
    walk_in = {"nationality": "UA", "gender": "female", "age_band": "25-34"}
    new = "/en/staff/consultations/new/"
    refused = client.post(new, form(interpreter_name="Her son", interpreter_not_family="", **walk_in))
    assert refused.status_code == 200 and not Consultation.objects.exists()
    page = refused.content.decode()
    assert "Family members, friends and children of the client are never recorded as interpreters" in page
    assert 'value="Her son"' in page  # what was typed is kept
    assert client.post("/en/staff/consultations/new/", form(**walk_in)).status_code == 302
    consultation = Consultation.objects.get()
    edit = f"/en/staff/consultations/{consultation.pk}/edit/"
    edited = client.post(edit, form(interpreter_not_family="", duration_minutes="50", **walk_in))
    consultation.refresh_from_db()
    assert edited.status_code == 302
    assert (consultation.duration_minutes, consultation.interpreter_name) == (50, "Layla")
    renamed = client.post(edit, form(interpreter_name="Her daughter", interpreter_not_family="", **walk_in))
    consultation.refresh_from_db()
    assert renamed.status_code == 200 and consultation.interpreter_name == "Layla"
