"""Opening the rota page reads; only saving it writes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.consultations.models import Rota
from tests.base import signed_in

pytestmark = pytest.mark.django_db


def test_opening_the_rota_page_of_a_centre_without_a_rota_writes_nothing(client, staff):
    Rota.objects.filter(centre__slug="sofia").delete()
    signed_in(client, staff["manager.sofia"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/staff/rota/sofia/")
    assert page.status_code == 200 and 'name="slot_minutes"' in page.content.decode()
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert not [sql for sql in writes if "consultations_rota" in sql]
    assert not Rota.objects.filter(centre__slug="sofia").exists()
    client.post("/en/staff/rota/sofia/", {"save_rota": "1", "slot_minutes": "40", "is_bookable": "on"})
    assert Rota.objects.get(centre__slug="sofia").slot_minutes == 40
