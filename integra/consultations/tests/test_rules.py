"""The rules that protect consultation records hold in the service, for every caller, not only in the forms."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from integra.centres.models import Centre
from integra.clients import services as client_services
from integra.consultations import services
from integra.consultations.models import Consultation
from integra.topics.models import Topic

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel("2026-03-10 10:00 +02:00", tick=False), translation.override("en"):
        yield


def record(staff, **overrides):
    fields = {
        "by": staff["consultant.sofia"],
        "centre": Centre.objects.get(slug="sofia"),
        "held_on": TODAY,
        "channel": Consultation.Channel.IN_PERSON,
        "topics": [Topic.objects.get(slug="residence")],
        "language": "ar",
        "duration_minutes": 30,
    } | overrides
    return services.consultation_record(**fields)


def test_the_service_refuses_a_consultation_held_tomorrow(staff):
    with pytest.raises(ValidationError) as refused:
        record(staff, held_on=TODAY + timedelta(days=1))
    assert refused.value.message_dict == {"held_on": ["A consultation cannot be recorded for a future date."]}
    assert not Consultation.objects.exists()
    assert record(staff, held_on=TODAY).held_on == TODAY


@pytest.mark.parametrize("minutes", [0, -5, 481])
def test_the_service_refuses_an_implausible_duration(staff, minutes):
    with pytest.raises(ValidationError) as refused:
        record(staff, duration_minutes=minutes)
    assert list(refused.value.message_dict) == ["duration_minutes"]
    assert not Consultation.objects.exists()


def test_the_service_refuses_a_new_record_on_the_file_of_a_client_who_withdrew_consent(staff):
    sofia = Centre.objects.get(slug="sofia")
    file = client_services.client_create(centre=sofia, by=staff["consultant.sofia"], name="Amira Haddad")
    consent = client_services.consent_record(
        client=file, purpose="records", version="1", given_on=date(2026, 1, 5), method="signed", by=None
    )
    assert record(staff, client=file).client == file
    client_services.consent_withdraw(consent=consent)
    with pytest.raises(ValidationError) as refused:
        record(staff, client=file)
    assert list(refused.value.message_dict) == ["client"]
    assert Consultation.objects.count() == 1
    assert record(staff).client is None  # anonymously is still possible


def test_an_update_keeps_the_date_and_duration_rules(staff):
    consultation = record(staff)
    with pytest.raises(ValidationError):
        services.consultation_update(consultation=consultation, held_on=TODAY + timedelta(days=3))
    with pytest.raises(ValidationError):
        services.consultation_update(consultation=consultation, duration_minutes=900)
    consultation.refresh_from_db()
    assert (consultation.held_on, consultation.duration_minutes) == (TODAY, 30)


def test_an_update_with_an_unknown_field_is_rejected_instead_of_ignored(staff):
    consultation = record(staff)
    with pytest.raises(TypeError, match="centre"):
        services.consultation_update(consultation=consultation, centre=Centre.objects.get(slug="burgas"))
    with pytest.raises(TypeError, match="duration"):
        services.consultation_update(consultation=consultation, duration=45)
    consultation.refresh_from_db()
    assert consultation.centre.slug == "sofia" and consultation.duration_minutes == 30
    services.consultation_update(consultation=consultation, duration_minutes=45, outcome=Consultation.Outcome.REFERRED)
    consultation.refresh_from_db()
    assert consultation.duration_minutes == 45
