"""The public figures page: headline numbers per year in every language, small cells never shown."""

from datetime import date

import pytest
import time_machine
from django.utils import translation

from integra.figures.tests import records

LANGUAGES = ["bg", "en", "ar", "fa", "ru", "uk", "tr"]


@pytest.fixture
def year_of_work(staff):
    consultant = staff["consultant.sofia"]
    for day in range(1, 6):
        records.consultation(consultant, date(2026, 3, day), client=records.client(phone=f"+35988800010{day}"))
    records.event(date(2026, 4, 1))  # one event: not a count of people, shown as it is
    return staff


@time_machine.travel("2026-12-06 10:00 +0200", tick=False)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_is_public_in_every_language(client, year_of_work, language):
    response = client.get(f"/{language}/figures/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language in ("ar", "fa"))
    assert len(response.content) < 50_000


@time_machine.travel("2026-12-06 10:00 +0200", tick=False)
def test_the_headlines_count_people_and_consultations_of_the_year(client, year_of_work):
    with translation.override("en"):
        response = client.get("/en/figures/2026/")
    figures = {f.indicator.code: f for f in response.context["figures"]}
    assert figures["net.consultations"].cells["total"].text == "5"
    assert figures["amif.participants"].cells["total"].text == "5"
    assert figures["net.events"].cells["total"].text == "1"


@time_machine.travel("2026-12-06 10:00 +0200", tick=False)
def test_small_cells_are_never_shown_on_the_public_page(client, staff):
    consultant = staff["consultant.sofia"]
    records.consultation(consultant, date(2026, 3, 1), client=records.client(phone="+359888000201"))
    records.consultation(consultant, date(2026, 3, 2))
    with translation.override("en"):
        response = client.get("/en/figures/2026/")
    figures = {f.indicator.code: f for f in response.context["figures"]}
    for code in ("net.consultations", "amif.participants"):
        assert figures[code].cells["total"].suppressed, code
    assert "fewer than 3" in response.content.decode()


@time_machine.travel("2026-12-06 10:00 +0200", tick=False)
def test_a_year_outside_the_range_is_a_404(client, reference_data):
    assert client.get("/en/figures/2027/").status_code == 404
    assert client.get("/en/figures/1999/").status_code == 404
