from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from integra.core import sms

SOFIA = ZoneInfo("Europe/Sofia")
# A Monday morning: the first bookable slot (two hours' notice) is 10:00 today.
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=SOFIA)


@pytest.fixture
def monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture(autouse=True)
def empty_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def local(year, month, day, hour, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SOFIA)
