"""The figures pages are valid HTML (the W3C Nu validator, as tests/test_valid_html.py runs it): the
public page in every language, the dashboard and an indicator page with its charts in English and Arabic."""

from datetime import date

import time_machine

from integra.figures.tests import records
from tests.base import signed_in
from tests.test_valid_html import LANGUAGES, save, validate


@time_machine.travel("2026-12-06 10:00 +0200", tick=False)
def test_the_figures_pages_are_valid_html(client, staff, tmp_path):
    consultant = staff["consultant.sofia"]
    for day in range(1, 5):
        records.consultation(consultant, date(2026, 3, day), client=records.client(), nationality="SY")
    records.consultation(consultant, date(2026, 4, 1))
    files = []
    for language in LANGUAGES:
        response = client.get(f"/{language}/figures/")
        assert response.status_code == 200
        files.append(save(tmp_path, f"public-{language}", response))
    signed_in(client, staff["coordinator"])
    for language in ("en", "ar"):
        for name, path in (
            ("dashboard", f"/{language}/staff/figures/?period=year&year=2026"),
            ("indicator", f"/{language}/staff/figures/net.consultations/?period=year&year=2026"),
            ("share", f"/{language}/staff/figures/net.call_backs_in_target/?period=year&year=2026"),
            ("quality", f"/{language}/staff/figures/quality/consultations.topic/?period=year&year=2026"),
        ):
            response = client.get(path)
            assert response.status_code == 200, path
            files.append(save(tmp_path, f"{name}-{language}", response))
    errors = validate(files)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
