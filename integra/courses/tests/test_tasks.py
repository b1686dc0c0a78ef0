from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.utils import timezone

from integra.courses import services
from integra.courses.models import Enrolment
from integra.courses.tests.conftest import make_group


def test_the_hourly_command_lapses_late_offers_and_offers_the_next(reference_data, django_capture_on_commit_callbacks):
    group = make_group(capacity=1)
    holder = services.enrolment_create(group=group, name="Holder", phone="+359881111111")
    first = services.enrolment_create(group=group, name="First", phone="+359882222222")
    second = services.enrolment_create(group=group, name="Second", phone="+359883333333")
    services.enrolment_leave(enrolment=holder)
    with time_machine.travel(timezone.now() + timedelta(hours=47)):
        call_command("course_offers", stdout=open("/dev/null", "w"))  # noqa: SIM115 - within the deadline
    assert Enrolment.objects.get(pk=first.pk).status == Enrolment.Status.OFFERED
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("course_offers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Enrolment.objects.get(pk=first.pk).status == Enrolment.Status.EXPIRED
    assert Enrolment.objects.get(pk=second.pk).status == Enrolment.Status.OFFERED
