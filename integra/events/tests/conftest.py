from datetime import timedelta

import pytest
from django.utils import timezone

from integra.centres.models import Centre, Place
from integra.events.models import Event


def make_event(centre="sofia", *, days=7, hours=2, place=None, **fields) -> Event:
    start = (timezone.now() + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
    defaults = {
        "kind": Event.Kind.INFORMATION_DAY,
        "title": {"en": "Information day", "bg": "Информационен ден", "ar": "يوم إعلامي"},
        "description": {"en": "Residence permits and health insurance."},
        "centre": Centre.objects.get(slug=centre),
        "place": Place.objects.get(slug=place) if place else None,
        "address": {"en": "Community hall, 1 Main Street"} if place else {},
        "start": start,
        "end": start + timedelta(hours=hours),
        "languages": ["bg", "ar"],
        "interpretation": True,
        "capacity": 30,
        "registration": Event.Registration.OPTIONAL,
        "is_public": True,
    }
    defaults.update(fields)
    return Event.objects.create(**defaults)


@pytest.fixture
def event(reference_data):
    return make_event()


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    from integra.core import sms  # noqa: PLC0415

    sms.outbox.clear()
    yield
    sms.outbox.clear()


def register(event, name, *, phone="", email="", adults=1, children=0, language="en", **kwargs):
    """A registration through the service, joining the waiting list when the event is full."""
    from integra.events import services  # noqa: PLC0415

    return services.registration_create(
        event=event,
        name=name,
        phone=phone,
        email=email,
        adults=adults,
        children=children,
        language=language,
        waiting_list_ok=True,
        **kwargs,
    )
