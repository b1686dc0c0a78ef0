"""A consultation names the interpreter who took part from the interpreting registry (issue 13 item 6): the
form offers the registry's mediators for the centre, the record shows their name and ID, and records that
had only a typed name keep it."""

import pytest
from django.utils import timezone

from integra.centres.models import Centre
from integra.consultations import services
from integra.consultations.models import Consultation
from integra.interpreting.tests.conftest import make_mediator
from integra.topics.models import Topic
from tests.base import signed_in


def form(**overrides):
    data = {
        "centre": Centre.objects.get(slug="sofia").pk,
        "held_on": timezone.localdate().isoformat(),
        "channel": "in_person",
        "topics": [Topic.objects.get(slug="residence").pk],
        "language": "ar",
        "interpreting": "interpreter",
        "duration_minutes": "40",
        "outcome": "informed",
        "gender": "undisclosed",
    }
    data.update(overrides)
    return data


@pytest.fixture
def layla(reference_data):
    return make_mediator("Layla Haddad", centres=("sofia",))


def test_the_form_offers_the_centre_s_mediators_and_the_record_shows_name_and_id(client, staff, layla):
    make_mediator("Burgas only", centres=("burgas",))
    make_mediator("Anywhere", centres=())
    signed_in(client, staff["consultant.sofia"])
    page = client.get("/en/staff/consultations/new/").content.decode()
    assert f"Layla Haddad ({layla.code})" in page and "Anywhere" in page and "Burgas only" not in page
    response = client.post("/en/staff/consultations/new/", form(mediator=layla.pk), follow=True)
    consultation = Consultation.objects.get()
    assert consultation.mediator == layla
    shown = response.content.decode()
    assert "Layla Haddad" in shown and layla.code in shown


def test_a_mediator_of_another_centre_is_refused_and_the_form_kept(client, staff, layla):
    burgas = make_mediator("Burgas only", centres=("burgas",))
    signed_in(client, staff["coordinator"])
    response = client.post("/en/staff/consultations/new/", form(mediator=burgas.pk, notes="Kept text"))
    page = response.content.decode()
    assert response.status_code == 200 and "does not work for this centre" in page and "Kept text" in page
    assert not Consultation.objects.exists()


def test_a_mediator_without_interpreting_is_refused(client, staff, layla):
    signed_in(client, staff["consultant.sofia"])
    response = client.post("/en/staff/consultations/new/", form(mediator=layla.pk, interpreting="none"))
    assert "Say whether an interpreter" in response.content.decode() and not Consultation.objects.exists()


def test_an_old_record_keeps_its_typed_name(client, staff, layla):
    old = services.consultation_record(
        by=staff["consultant.sofia"], centre=Centre.objects.get(slug="sofia"), held_on=timezone.localdate(),
        channel="in_person", topics=Topic.objects.filter(slug="residence"), language="ar",
        interpreting="mediator", interpreter_name="Demo mediator",
    )  # fmt: skip
    assert old.mediator is None and old.interpreter_name == "Demo mediator"
    signed_in(client, staff["consultant.sofia"])
    assert "Demo mediator" in client.get(f"/en/staff/consultations/{old.pk}/").content.decode()
    client.post(f"/en/staff/consultations/{old.pk}/edit/", form(mediator=layla.pk, interpreter_name="Demo mediator"))
    old.refresh_from_db()
    assert old.mediator == layla and old.interpreter_name == "Demo mediator"


def test_a_mediator_who_left_the_registry_stays_on_the_record(client, staff, layla):
    signed_in(client, staff["consultant.sofia"])
    client.post("/en/staff/consultations/new/", form(mediator=layla.pk))
    layla.is_active = False
    layla.save()
    consultation = Consultation.objects.get()
    response = client.post(f"/en/staff/consultations/{consultation.pk}/edit/", form(mediator=layla.pk, notes="x"))
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.mediator == layla
