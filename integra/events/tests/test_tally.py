"""The anonymous door tally: + and − per sex and age band, never below zero, safe on several phones."""

import threading
from contextlib import nullcontext

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from integra.accounts import roles
from integra.events import services
from integra.events.models import TallyCount
from integra.events.tests.conftest import make_event
from tests.base import load_reference_data, make_user, signed_in


def test_plus_and_minus_buttons_change_one_cell(client, staff, event):
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/events/{event.pk}/tally/"
    for _ in range(3):
        assert client.post(url, {"gender": "female", "age_band": "25-34", "delta": "1"}).status_code == 302
    client.post(url, {"gender": "male", "age_band": "", "delta": "1"})
    client.post(url, {"gender": "female", "age_band": "25-34", "delta": "-1"})
    assert services.tally_table(event)[("female", "25-34")] == 2
    assert services.tally_table(event)[("male", "")] == 1
    html = client.get(url).content.decode()
    assert "3 walk-ins counted" in html


def test_a_tally_below_zero_is_refused_with_a_message(client, staff, event):
    signed_in(client, staff["consultant.sofia"])
    url = f"/bg/staff/events/{event.pk}/tally/"
    response = client.post(url, {"gender": "female", "age_band": "0-17", "delta": "-1"})
    assert response.status_code == 200
    assert "Този брой вече е нула" in response.content.decode()
    assert services.tally_table(event)[("female", "0-17")] == 0


def test_nonsense_is_refused_not_a_server_error(client, staff, event):
    signed_in(client, staff["consultant.sofia"])
    url = f"/en/staff/events/{event.pk}/tally/"
    response = client.post(url, {"gender": "robot", "age_band": "200", "delta": "7"})
    assert response.status_code == 200
    assert "Choose a sex and an age band from the list." in response.content.decode()
    assert not TallyCount.objects.exists()


def test_the_service_refuses_below_zero(staff, event):
    with pytest.raises(ValidationError):
        services.tally_change(event=event, by=staff["consultant.sofia"], gender="male", age_band="", delta=-1)


PHONES = 4
TAPS = 25


@pytest.fixture(scope="module", autouse=True)
def restore_what_the_flush_removed(django_db_blocker):
    """The flush after a test with available_apps skips post_migrate: bring back permissions and groups."""
    yield
    from django.core.management.sql import emit_post_migrate_signal  # noqa: PLC0415

    with django_db_blocker.unblock():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


@pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)
def test_several_phones_counting_at_once_lose_no_tap():
    """Each phone is a thread with its own connection: on PostgreSQL they really run at once (first the
    counter row is created by whichever comes first, then count = count + 1); SQLite allows one writer at
    a time, so there the same taps run one after another on the test's connection."""
    load_reference_data()
    volunteer = make_user("volunteer", roles.TRAINER, ["sofia"])
    event = make_event()
    sqlite = connection.vendor == "sqlite"
    barrier = threading.Barrier(1 if sqlite else PHONES)
    serialise = threading.Lock() if sqlite else nullcontext()
    errors: list = []

    def phone(index, close=True):
        try:
            barrier.wait(timeout=30)
            for tap in range(TAPS):
                with serialise:
                    services.tally_change(event=event, by=volunteer, gender="female", age_band="18-24", delta=1)
                if index == 0 and tap % 5 == 4:
                    with serialise:
                        services.tally_change(event=event, by=volunteer, gender="female", age_band="18-24", delta=-1)
        except Exception as error:  # noqa: BLE001 - reported by the assert below
            errors.append(error)
        finally:
            if close:
                connection.close()

    if sqlite:
        for index in range(PHONES):
            phone(index, close=False)
    else:
        threads = [threading.Thread(target=phone, args=(i,)) for i in range(PHONES)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert TallyCount.objects.filter(event=event).count() == 1
    assert services.tally_table(event)[("female", "18-24")] == PHONES * TAPS - TAPS // 5
