"""Helpers shared by the member's page tests."""

from datetime import timedelta

from django.utils import timezone

from integra.accounts import services
from integra.centres.models import Centre
from integra.consultations.models import Appointment
from integra.topics.models import Topic

PHONE = "+359881234567"


def member(name="amina", language="ar"):
    return services.member_create(username=name, email=f"{name}@example.org", password="x" * 20, language=language)


def booking(phone=PHONE, email="", member=None, days=3):
    start = (timezone.now() + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)
    return Appointment.objects.create(
        centre=Centre.objects.get(slug="sofia"),
        start=start,
        end=start + timedelta(minutes=30),
        topic=Topic.objects.get(slug="residence"),
        language="ar",
        name="Amina",
        phone=phone,
        email=email,
        member=member,
    )
