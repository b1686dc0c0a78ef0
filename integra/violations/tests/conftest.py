import pytest
from django.core.cache import cache

from integra.violations import services
from tests.base import PASSWORD, signed_in


@pytest.fixture(autouse=True)
def violations_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(staff):
    """The rights officer, with keys; `officer.recovery_key` is what they were shown once."""
    user = staff["rights.officer"]
    user.recovery_key = services.officer_keys_create(user=user, password=PASSWORD)
    return user


@pytest.fixture
def officer_client(client, officer):
    """A signed-in rights officer who has unlocked reports for the session."""
    signed_in(client, officer)
    response = client.post("/en/staff/reports/unlock/", {"password": PASSWORD})
    assert response.status_code == 302
    return client
