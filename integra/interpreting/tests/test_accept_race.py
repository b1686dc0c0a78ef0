"""Mediators accepting the same offer at once: exactly one gets the job, the others a clear refusal.

Each mediator is a thread with its own database connection. On PostgreSQL the accepts really run
concurrently (the request row is locked, then changed only if nobody has it); SQLite allows one writer
at a time, so there they run one after another (as in hotline/tests/test_take_race.py).
"""

import threading

import pytest
from django.conf import settings
from django.db import connection

from integra.accounts import roles
from integra.interpreting import services
from integra.interpreting.models import Offer, Request
from integra.interpreting.tests.conftest import make_mediator, make_request, tie
from tests.base import load_reference_data, make_user

MEDIATORS = 6


@pytest.fixture(scope="module", autouse=True)
def restore_what_the_flush_removed(django_db_blocker):
    """The flush after a test with available_apps skips post_migrate: bring back permissions and groups."""
    yield
    from django.core.management.sql import emit_post_migrate_signal

    with django_db_blocker.unblock():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


@pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)
def test_mediators_racing_for_one_job_only_one_gets_it():
    load_reference_data()
    partner = tie(make_user("partner.race", roles.PARTNER, ["sofia"]))
    desk = make_user("desk.race", roles.COORDINATOR)
    job = make_request(partner)
    mediators = [make_mediator(f"M{n}", phone=f"+35988100{n:04d}") for n in range(MEDIATORS)]
    tokens = [token for _offer, token in services.offers_send(by=desk, request=job, mediators=mediators)]
    results: list = [None] * MEDIATORS

    def accept(index, barrier, close=True):
        try:
            barrier.wait(timeout=30)
            services.offer_accept(token=tokens[index])
            results[index] = "won"
        except services.OfferTaken:
            results[index] = "refused"
        finally:
            if close:
                connection.close()

    if connection.vendor == "sqlite":
        for index in range(MEDIATORS):
            accept(index, threading.Barrier(1), close=False)
    else:
        barrier = threading.Barrier(MEDIATORS)
        threads = [threading.Thread(target=accept, args=(i, barrier)) for i in range(MEDIATORS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert sorted(results) == ["refused"] * (MEDIATORS - 1) + ["won"]
    job.refresh_from_db()
    assert job.mediator == mediators[results.index("won")] and job.status == Request.Status.CONFIRMED
    assert Offer.objects.filter(state=Offer.State.ACCEPTED).count() == 1
