import pytest
from django.core.cache import cache

try:  # the shared test base moves to tests/base.py during this session
    from tests.base import signed_in  # noqa: F401
except ImportError:
    from tests.base import signed_in  # noqa: F401


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hotline(reference_data):
    from integra.centres.models import Hotline

    return Hotline.objects.order_by("position", "pk").first()
