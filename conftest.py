import pytest

from tests.base import load_reference_data, make_staff


@pytest.fixture
def reference_data(db):
    """Topics, services, the four centres, hotlines, places and institutions."""
    load_reference_data()


@pytest.fixture
def staff(reference_data):
    """One named user per role and centre: staff["consultant.sofia"], staff["coordinator"] …"""
    return make_staff()


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits, login delays and cached pages live in the cache: no test sees another's."""
    from django.core.cache import cache

    from integra.core.pagecache import memory

    cache.clear()
    memory.clear()
    yield
    cache.clear()
    memory.clear()
