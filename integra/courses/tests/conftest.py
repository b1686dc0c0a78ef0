import re
from datetime import time, timedelta

import pytest
from django.utils import timezone

from integra.centres.models import Centre
from integra.core import sms
from integra.courses import services
from integra.courses.models import Course, Group


def make_course(slug="bulgarian-a1", **fields) -> Course:
    defaults = {
        "kind": Course.Kind.LANGUAGE,
        "level": "A1",
        "title": {
            "en": "Bulgarian for beginners (A1)",
            "bg": "Български език за начинаещи (A1)",
            "ar": "اللغة البلغارية (A1)",
        },
        "description": {"en": "Cyrillic, shopping, the doctor."},
        "what_to_bring": {"en": "A notebook and a pen."},
    }
    defaults.update(fields)
    return Course.objects.create(slug=slug, **defaults)


def make_group(centre="sofia", *, course=None, capacity=10, weeks_from_now=1, weeks=4, weekdays=(0, 2), hour=18,
               trainer=None, **fields) -> Group:  # fmt: skip
    """A group with its sessions (two hours, on these weekdays), enrolment open today."""
    today = timezone.localdate()
    start = today + timedelta(weeks=weeks_from_now)
    defaults = {
        "course": course or Course.objects.first() or make_course(),
        "centre": Centre.objects.get(slug=centre),
        "trainer": trainer,
        "room": "2",
        "capacity": capacity,
        "languages": ["bg", "ar"],
        "start_date": start,
        "end_date": start + timedelta(weeks=weeks) - timedelta(days=1),
        "enrolment_opens": today - timedelta(days=7),
        "enrolment_closes": max(today, start) + timedelta(days=7),
    }
    defaults.update(fields)
    group = Group.objects.create(**defaults)
    services.sessions_schedule(group=group, by=None, weekdays=list(weekdays), starts_at=time(hour), minutes=120)
    return group


def state_of(response) -> str:
    return re.search(r'name="wizard_state" value="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def group(reference_data):
    return make_group()
