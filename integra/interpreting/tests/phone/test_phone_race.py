"""The provider retrying a webhook while the first delivery is still running: the same "no-answer" delivered by
several threads at once rings exactly one next interpreter, and the same "completed" logs exactly one session.

Each delivery is a thread with its own database connection. On PostgreSQL they really run at once (the call's
row is locked first); SQLite allows one writer at a time, so there they run one after another.
"""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection

from integra.accounts import roles
from integra.centres.models import Centre
from integra.interpreting import phone
from integra.interpreting.models import Session
from integra.interpreting.phone_models import PhoneAttempt, PhoneCall
from integra.interpreting.tests.conftest import make_mediator
from integra.interpreting.tests.phone.conftest import MORNING
from tests.base import load_reference_data, make_user

DELIVERIES = 5


@pytest.fixture(scope="module", autouse=True)
def restore_what_the_flush_removed(django_db_blocker):
    """The flush after a test with available_apps skips post_migrate: bring back permissions and groups."""
    yield
    from django.core.management.sql import emit_post_migrate_signal

    with django_db_blocker.unblock():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


def at_once(work):
    def run(barrier, close=True):
        try:
            barrier.wait(timeout=30)
            work()
        finally:
            if close:
                connection.close()

    if connection.vendor == "sqlite":
        for _ in range(DELIVERIES):
            run(threading.Barrier(1), close=False)
        return
    barrier = threading.Barrier(DELIVERIES)
    threads = [threading.Thread(target=run, args=(barrier,)) for _ in range(DELIVERIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


@pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)
def test_the_same_webhook_delivered_several_times_at_once_has_one_effect():
    with time_machine.travel(MORNING, tick=False):
        load_reference_data()
        consultant = make_user("consultant.race", roles.CONSULTANT, ["sofia"])
        for n in range(3):
            make_mediator(f"M{n}", phone=f"+35988100{n:04d}")
        call = phone.phone_request_start(
            by=consultant, requester_phone="+359887654321", centre=Centre.objects.get(slug="sofia"), language="ar",
            dialect="levantine", subject="medical", client_label="A. K.",
        )  # fmt: skip
        first = call.attempts.get(position=1)
        at_once(lambda: phone.attempt_status(attempt_token=first.token, call_sid=first.call_sid, status="no-answer"))
        states = list(PhoneAttempt.objects.order_by("position").values_list("state", flat=True))
        assert states == ["no_answer", "ringing", "waiting"]

        second = call.attempts.get(position=2)
        phone.attempt_answered(attempt_token=second.token, call_sid=second.call_sid)
        phone.attempt_keypad(attempt_token=second.token, call_sid=second.call_sid, digits="1")
        requester_sid = PhoneCall.objects.get().requester_call_sid
        phone.requester_status(call_token=call.token, call_sid=requester_sid, status="in-progress")
    with time_machine.travel(MORNING + timedelta(minutes=9), tick=False):
        at_once(lambda: phone.attempt_status(attempt_token=second.token, call_sid=second.call_sid, status="completed"))
    assert Session.objects.count() == 1 and Session.objects.get().minutes == 9
    assert PhoneCall.objects.get().state == PhoneCall.State.ENDED
