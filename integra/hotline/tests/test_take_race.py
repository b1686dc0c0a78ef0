"""Operators racing to take the same call-back: exactly one gets it, the others a clear refusal.

Each operator is a thread with its own database connection. On PostgreSQL the conditional UPDATE
really runs concurrently; SQLite allows one writer at a time, so there they run one after another.
"""

import threading
from contextlib import nullcontext

import pytest
from django.conf import settings
from django.db import connection

from integra.accounts import roles
from integra.hotline import services
from integra.hotline.models import CallBack

try:
    from tests.base import load_reference_data, make_user
except ImportError:
    from integra.core.testing import load_reference_data, make_user

OPERATORS = 6


@pytest.fixture(scope="module", autouse=True)
def restore_what_the_flush_removed(django_db_blocker):
    """The flush after a test with available_apps skips post_migrate: bring back permissions and groups."""
    yield
    from django.core.management.sql import emit_post_migrate_signal

    with django_db_blocker.unblock():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


@pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)
def test_operators_racing_for_one_call_back_only_one_takes_it():
    load_reference_data()
    operators = [make_user(f"operator.{n}", roles.CONSULTANT, ["sofia"]) for n in range(OPERATORS)]
    call_back = services.call_back_request(phone="+359881234567", language="uk")
    barrier = threading.Barrier(OPERATORS)
    serialise = threading.Lock() if connection.vendor == "sqlite" else nullcontext()
    results: list = [None] * OPERATORS

    def take(index, close=True):
        try:
            barrier.wait(timeout=30)
            with serialise:
                services.call_back_take(call_back_id=call_back.pk, by=operators[index])
            results[index] = "taken"
        except services.CallBackTaken:
            results[index] = "refused"
        finally:
            if close:
                connection.close()

    if connection.vendor == "sqlite":
        # One writer at a time: the takes run one after another on the test's own connection
        # (closing the shared in-memory connection from threads upsets the tests that follow).
        barrier = threading.Barrier(1)
        for index in range(OPERATORS):
            take(index, close=False)
    else:
        threads = [threading.Thread(target=take, args=(i,)) for i in range(OPERATORS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert sorted(results) == ["refused"] * (OPERATORS - 1) + ["taken"]
    winner = operators[results.index("taken")]
    assert CallBack.objects.get().taken_by == winner
