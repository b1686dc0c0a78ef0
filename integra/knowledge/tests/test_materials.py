"""Printed materials: print runs, stock per centre, distributions and the table per language, month and place."""

import datetime

import pytest

from integra.centres.models import Centre, Place
from integra.knowledge import services
from integra.knowledge.models import Distribution, Material
from tests.base import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaflet(staff):
    material = services.material_save(title="Health insurance", kind="leaflet", language="ar", edition="2026/1",
                                      print_run=500)
    for slug in ("sofia", "plovdiv"):
        services.delivery_record(material=material, centre=Centre.objects.get(slug=slug), quantity=100,
                                 delivered_on=datetime.date(2026, 1, 5), user=staff["coordinator"])
    return material


def test_a_consultant_records_a_distribution_and_the_centres_stock_goes_down(client, leaflet, staff):
    signed_in(client, staff["consultant.sofia"])
    sofia = Centre.objects.get(slug="sofia")
    place = Place.objects.first()
    response = client.post("/en/staff/materials/distribute/", {
        "material": leaflet.pk, "centre": sofia.pk, "distributed_on": "2026-02-03", "place": place.pk,
        "organisation": "Community association", "quantity": 30,
    })
    assert response.status_code == 302
    assert services.stock(leaflet, sofia) == 70
    assert Distribution.objects.get().recorded_by == staff["consultant.sofia"]


def test_more_copies_than_in_stock_are_refused_beside_the_field(client, leaflet, staff):
    signed_in(client, staff["consultant.sofia"])
    sofia = Centre.objects.get(slug="sofia")
    response = client.post("/en/staff/materials/distribute/", {
        "material": leaflet.pk, "centre": sofia.pk, "distributed_on": "2026-02-03", "quantity": 101,
    })
    assert response.status_code == 200
    assert "only 100 copies" in response.text
    assert not Distribution.objects.exists()


def test_a_consultant_cannot_record_for_another_centre(client, leaflet, staff):
    signed_in(client, staff["consultant.sofia"])
    plovdiv = Centre.objects.get(slug="plovdiv")
    response = client.post("/en/staff/materials/distribute/", {
        "material": leaflet.pk, "centre": plovdiv.pk, "distributed_on": "2026-02-03", "quantity": 1,
    })
    assert response.status_code == 200
    assert not Distribution.objects.exists()


def test_deliveries_cannot_exceed_the_print_run(leaflet, staff):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.delivery_record(material=leaflet, centre=Centre.objects.get(slug="burgas"), quantity=301,
                                 delivered_on=datetime.date(2026, 1, 5), user=staff["coordinator"])


def test_the_table_per_language_month_and_place_exports_as_csv(client, leaflet, staff):
    sofia, plovdiv = Centre.objects.get(slug="sofia"), Centre.objects.get(slug="plovdiv")
    place = Place.objects.get(slug="varna")
    for centre, day, at, n in [(sofia, 3, None, 10), (sofia, 20, None, 5), (plovdiv, 4, place, 7)]:
        services.distribution_record(material=leaflet, centre=centre, quantity=n,
                                     distributed_on=datetime.date(2026, 2, day), place=at, user=None)
    signed_in(client, staff["coordinator"])
    rows = services.distribution_report(Distribution.objects.all())
    assert [(r["language"], r["month"], r["place_key"], r["quantity"]) for r in rows] == [
        ("ar", "2026-02", "centre:sofia", 15),
        ("ar", "2026-02", "place:varna", 7),
    ]
    response = client.get("/en/staff/materials/report/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8-sig")
    assert "ar,2026-02," in content
    assert ",15" in content and ",7" in content


def test_a_centre_manager_sees_only_their_centres_distributions(client, leaflet, staff):
    services.distribution_record(material=leaflet, centre=Centre.objects.get(slug="plovdiv"), quantity=9,
                                 distributed_on=datetime.date(2026, 2, 1), user=None)
    signed_in(client, staff["manager.sofia"])
    assert ">9<" not in client.get("/en/staff/materials/report/").text
    signed_in(client, staff["manager.plovdiv"])
    assert ">9<" in client.get("/en/staff/materials/report/").text


def test_materials_pages_are_for_staff_and_creating_one_needs_the_permission(client, leaflet, staff, editor):
    assert client.get("/en/staff/materials/").status_code == 302
    signed_in(client, staff["member"])
    assert client.get("/en/staff/materials/").status_code == 403
    signed_in(client, staff["consultant.sofia"])
    assert client.get("/en/staff/materials/").status_code == 200
    assert client.get(f"/en/staff/materials/{leaflet.pk}/").status_code == 200
    assert client.get("/en/staff/materials/new/").status_code == 403
    assert client.get("/en/staff/materials/report/").status_code == 200
    signed_in(client, editor)
    response = client.post("/en/staff/materials/new/", {
        "title": "Poster", "kind": "poster", "language": "bg", "edition": "1", "print_run": 50,
    })
    assert response.status_code == 302
    assert Material.objects.filter(title="Poster").exists()


def test_the_print_run_cannot_be_made_smaller_than_the_copies_already_sent(client, leaflet, editor):
    signed_in(client, editor)
    response = client.post(f"/en/staff/materials/{leaflet.pk}/edit/", {
        "title": "Health insurance", "kind": "leaflet", "language": "ar", "edition": "2026/1", "print_run": 150,
    })
    assert response.status_code == 200
    assert "200 copies were already sent" in response.text
    leaflet.refresh_from_db()
    assert leaflet.print_run == 500
