import pytest

from integra.centres.models import Centre
from integra.clients import services


@pytest.fixture
def sofia_client(staff):
    return services.client_create(
        centre=Centre.objects.get(slug="sofia"),
        by=staff["consultant.sofia"],
        name="Amira Haddad",
        phone="+359881234567",
        nationality="SY",
        gender="female",
        year_of_birth=1990,
        languages=["ar", "en"],
        residence_status="protection",
    )


@pytest.fixture
def plovdiv_client(staff):
    return services.client_create(
        centre=Centre.objects.get(slug="plovdiv"), by=staff["consultant.plovdiv"], name="Oleh Bondarenko"
    )
