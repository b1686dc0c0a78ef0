"""Races on a full event's waiting list, decided by the database (the event's row is locked while its
places are counted). Each person is a thread with its own connection: on PostgreSQL they really run at
once; SQLite allows one writer at a time, so there the same calls run one after another."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from integra.events import services
from integra.events.models import Registration
from integra.events.tests.conftest import make_event, register
from tests.base import load_reference_data

PEOPLE = 12


@pytest.fixture(scope="module", autouse=True)
def restore_what_the_flush_removed(django_db_blocker):
    """The flush after a test with available_apps skips post_migrate: bring back permissions and groups."""
    yield
    from django.core.management.sql import emit_post_migrate_signal  # noqa: PLC0415

    with django_db_blocker.unblock():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


def run_at_once(work, count: int) -> list:
    """Call work(index) in `count` threads released together (one after another on SQLite); the errors."""
    errors: list = []
    sqlite = connection.vendor == "sqlite"
    barrier = threading.Barrier(1 if sqlite else count)

    def person(index, close=True):
        try:
            barrier.wait(timeout=30)
            work(index)
        except Exception as error:  # noqa: BLE001 - reported by the caller's assert
            errors.append(error)
        finally:
            if close:
                connection.close()

    if sqlite:
        for index in range(count):
            person(index, close=False)
    else:
        threads = [threading.Thread(target=person, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)
def test_people_racing_for_the_last_places_fill_them_once_and_the_rest_wait_in_the_order_served():
    load_reference_data()
    event = make_event(capacity=5)
    register(event, "Holder", phone="+359881000000", adults=2)

    def arrive(index):
        register(event, f"P{index}", phone=f"+35988200{index:04d}")

    assert run_at_once(arrive, PEOPLE) == []
    registered = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITING)
    assert registered.count() == 4 and event.registered_count() == 5
    assert waiting.count() == PEOPLE - 3
    times = list(waiting.order_by("pk").values_list("created_at", flat=True))
    assert len(set(times)) == len(times)  # each was stamped after the lock: a strict order


@pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)
def test_cancellations_at_once_offer_each_freed_place_to_one_person_in_order():
    load_reference_data()
    event = make_event(capacity=4)
    holders = [register(event, f"H{n}", phone=f"+35988100{n:04d}") for n in range(4)]
    waiting = [register(event, f"W{n}", phone=f"+35988300{n:04d}") for n in range(6)]

    def cancel(index):
        services.registration_cancel(registration=holders[index])

    assert run_at_once(cancel, len(holders)) == []
    statuses = [Registration.objects.get(pk=w.pk).status for w in waiting]
    assert statuses == ["offered"] * 4 + ["waiting"] * 2
    assert event.registered_count() == 4


@pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)
def test_accepting_and_lapsing_at_once_settle_on_one_outcome():
    """The person taps Accept just as the hourly run lapses the offer: one of the two wins, never both."""
    load_reference_data()
    event = make_event(capacity=1)
    holder = register(event, "Holder", phone="+359881000001")
    first = register(event, "First", phone="+359881000002")
    second = register(event, "Second", phone="+359881000003")
    services.registration_cancel(registration=holder)
    first.refresh_from_db()
    moment = first.offer_expires_at - timedelta(microseconds=1)
    refused: list = []

    def act(index):
        if index == 0:
            try:
                services.offer_accept(registration=first, now=moment)
            except ValidationError:
                refused.append("accept")
        else:
            services.offers_expire(now=first.offer_expires_at + timedelta(seconds=1))

    assert run_at_once(act, 2) == []
    first.refresh_from_db()
    second.refresh_from_db()
    if first.status == Registration.Status.REGISTERED:
        assert second.status == Registration.Status.WAITING and not refused
    else:
        assert first.status == Registration.Status.EXPIRED and second.status == Registration.Status.OFFERED
    assert event.registered_count() == 1
