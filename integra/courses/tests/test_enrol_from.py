"""Enrolling in a course in one step from a consultation or a hotline call (issue 14 item 7): the person's
details and client file come prefilled, the file is linked only with consent, a double submit enrols once,
and another centre's consultation or call is a 404."""

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from integra.centres.models import Centre, Hotline
from integra.clients import services as client_services
from integra.consultations.models import Consultation
from integra.core.models import AuditEntry
from integra.courses.models import Enrolment
from integra.courses.tests.conftest import make_group
from integra.hotline.models import Call
from tests.base import signed_in


@pytest.fixture
def group(staff):
    return make_group(weeks_from_now=1, trainer=staff["trainer.sofia"])


@pytest.fixture
def amira(staff):
    return client_services.client_create(
        centre=Centre.objects.get(slug="sofia"),
        by=staff["consultant.sofia"],
        name="Amira Haddad",
        phone="+359881234567",
        nationality="SY",
    )


@pytest.fixture
def consultation(staff, amira):
    return Consultation.objects.create(
        centre=amira.centre,
        consultant=staff["consultant.sofia"],
        client=amira,
        held_on=timezone.localdate(),
        language="ar",
        nationality="SY",
        gender="female",
        age_band="25-34",
    )


@pytest.fixture
def call(staff):
    return Call.objects.create(
        hotline=Hotline.objects.first(),
        centre=Centre.objects.get(slug="sofia"),
        operator=staff["consultant.sofia"],
        language="uk",
        nationality="UA",
        gender="female",
    )


def test_the_consultation_page_offers_to_enrol_with_the_client_file_prefilled(client, staff, consultation, group):
    signed_in(client, staff["consultant.sofia"])
    page = client.get(f"/en/staff/consultations/{consultation.pk}/").content.decode()
    url = f"/en/staff/courses/enrol/?consultation={consultation.pk}"
    assert f'href="{url}"' in page.replace("&amp;", "&")
    form = client.get(url).content.decode()
    assert 'value="Amira Haddad"' in form and 'value="088 123 4567"' in form
    assert f'value="{consultation.client.reference}"' in form and '<option value="ar" selected>' in form
    assert '<option value="SY" selected>' in form
    assert AuditEntry.objects.get_for_object(consultation.client).filter(action=LogEntry.Action.ACCESS).exists()


def test_the_file_is_linked_only_with_consent_and_a_double_submit_enrols_once(client, staff, consultation, group):
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/courses/enrol/?consultation={consultation.pk}"
    answers = {
        "group": group.pk,
        "name": "Amira Haddad",
        "phone": "+359881234567",
        "language": "ar",
        "gender": "female",
        "client_reference": consultation.client.reference,
        "key": "one-submission",
    }
    refused = client.post(url, answers).content.decode()
    assert "Ask the person first" in refused and 'value="Amira Haddad"' in refused
    assert not Enrolment.objects.exists()
    first = client.post(url, {**answers, "consent": "on"})
    assert first.status_code == 302 and first["Location"] == f"/en/staff/consultations/{consultation.pk}/"
    again = client.post(url, {**answers, "consent": "on"})
    assert again.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.group, enrolment.client, enrolment.source) == (group, consultation.client, "staff")
    assert enrolment.status == Enrolment.Status.ENROLLED and enrolment.language == "ar"


def test_the_call_page_offers_to_enrol_the_caller_in_their_language(client, staff, call, group):
    signed_in(client, staff["consultant.sofia"])
    page = client.get(f"/en/staff/hotline/calls/{call.pk}/").content.decode()
    url = f"/en/staff/courses/enrol/?call={call.pk}"
    assert f'href="{url}"' in page.replace("&amp;", "&")
    form = client.get(url).content.decode()
    assert '<option value="uk" selected>' in form and '<option value="UA" selected>' in form
    missing = client.post(url, {"name": "Olena K.", "language": "uk", "key": "k"})
    assert "Choose a group." in missing.content.decode() and 'value="Olena K."' in missing.content.decode()
    done = client.post(
        url, {"group": group.pk, "name": "Olena K.", "phone": "0882222222", "language": "uk", "key": "k"}
    )
    assert done["Location"] == f"/en/staff/hotline/calls/{call.pk}/"
    enrolment = Enrolment.objects.get()
    assert (enrolment.name, str(enrolment.phone), enrolment.client) == ("Olena K.", "+359882222222", None)


def test_a_full_group_puts_the_person_on_the_waiting_list(client, staff, call):
    full = make_group(capacity=1, trainer=staff["trainer.sofia"])
    Enrolment.objects.create(group=full, name="First", status=Enrolment.Status.ENROLLED)
    signed_in(client, staff["consultant.sofia"])
    response = client.post(
        f"/en/staff/courses/enrol/?call={call.pk}", {"group": full.pk, "name": "Second"}, follow=True
    )
    assert "is on the waiting list" in response.content.decode()
    assert Enrolment.objects.get(name="Second").status == Enrolment.Status.WAITING


def test_another_centres_consultation_or_call_or_group_is_refused(client, staff, consultation, call, group):
    signed_in(client, staff["consultant.burgas"])
    assert client.get(f"/en/staff/courses/enrol/?consultation={consultation.pk}").status_code == 404
    assert client.get(f"/en/staff/courses/enrol/?call={call.pk}").status_code == 404
    assert client.get("/en/staff/courses/enrol/?call=nonsense").status_code == 404
    response = client.post("/en/staff/courses/enrol/", {"group": group.pk, "name": "X"})
    assert response.status_code == 200 and not Enrolment.objects.exists()  # not a choice for Burgas


def test_who_may_enrol_from_a_consultation(client, staff, consultation):
    signed_in(client, staff["trainer.sofia"])  # enrols, but reads no consultations
    assert client.get(f"/en/staff/courses/enrol/?consultation={consultation.pk}").status_code == 403
    signed_in(client, staff["moderator"])
    assert client.get("/en/staff/courses/enrol/").status_code == 403
