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
