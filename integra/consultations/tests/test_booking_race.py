"""Two (and more) visitors racing for the last slot: exactly one booking, the others a clear message.

Each visitor is a separate thread with its own database connection, all sending "Book" at the same
moment. On PostgreSQL the requests really overlap and the unique constraint on active (centre, start)
decides; SQLite allows one writer at a time, so there the requests run one after another.
"""

import threading
from contextlib import nullcontext

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client

from integra.consultations.models import Appointment
from integra.consultations.tests.booking_steps import post, reach_check_page
from integra.consultations.tests.conftest import NOW
from tests.base import load_reference_data

VISITORS = 6


@pytest.fixture(scope="module", autouse=True)
def restore_what_the_flush_removed(django_db_blocker):
    """With available_apps the flush after the test skips post_migrate: bring back content types,
    permissions and role groups for the tests that follow (this runs after the flush)."""
    yield
    from django.core.management.sql import emit_post_migrate_signal

    with django_db_blocker.unblock():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


# available_apps lets the flush after the test TRUNCATE … CASCADE on PostgreSQL (the audit tables refer to users).
@pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)
def test_visitors_racing_for_one_slot_get_exactly_one_booking():
    load_reference_data()
    with time_machine.travel(NOW, tick=False):
        pages = []
        for number in range(VISITORS):
            client = Client(REMOTE_ADDR=f"10.0.0.{number}")  # six visitors, six addresses (the rate limit)
            contact = {"contact-name": f"Visitor {number}", "contact-phone": f"088 123 45{number:02d}"}
            pages.append((client, reach_check_page(client, contact=contact)))

        barrier = threading.Barrier(VISITORS)
        serialise = threading.Lock() if connection.vendor == "sqlite" else nullcontext()
        results: list = [None] * VISITORS

        def visit(index):
            client, page = pages[index]
            try:
                barrier.wait(timeout=30)
                with serialise:
                    results[index] = post(client, page, "check")
            finally:
                connection.close()

        threads = [threading.Thread(target=visit, args=(i,)) for i in range(VISITORS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert Appointment.objects.count() == 1
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200] * (VISITORS - 1) + [302]
    for response in results:
        if response.status_code == 200:
            assert "This time is not free any more" in response.content.decode()
