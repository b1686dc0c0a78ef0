import pytest
from django.core.cache import cache

from integra.accounts import roles
from tests.base import make_user


@pytest.fixture(autouse=True)
def forum_settings(settings):
    settings.SMS_BACKEND = "locmem"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def expert(staff):
    return make_user("expert.volunteer", roles.EXPERT)
