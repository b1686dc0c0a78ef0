"""The figures pages are valid HTML (the W3C Nu validator, as tests/test_valid_html.py runs it): the
public page in every language, the dashboard and an indicator page with its charts in English and Arabic."""

from datetime import date

import time_machine

from integra.figures.tests import records
from tests.base import signed_in
from tests.test_valid_html import LANGUAGES, save, validate


@time_machine.travel("2026-12-06 10:00 +0200", tick=False)
def test_the_figures_pages_are_valid_html(client, staff, tmp_path, django_capture_on_commit_callbacks):
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
    # Closed periods, a closed period's versions with their differences, and a report being prepared and ready.
    from integra.figures.models import FigureExport, PeriodSnapshot

    q1 = {"period": "quarter", "year": "2026", "quarter": "1"}
    client.post("/en/staff/figures/periods/close/", q1)
    with django_capture_on_commit_callbacks(execute=True):  # the stored figures marked stale and counted again
        records.consultation(consultant, date(2026, 3, 9))
    snapshot = PeriodSnapshot.objects.get()
    client.post(f"/en/staff/figures/periods/{snapshot.pk}/correct/")
    newest = PeriodSnapshot.objects.get(version=2)
    client.post("/en/staff/figures/export/", {**q1, "period": "year", "format": "pdf", "language": "en"})
    pending = FigureExport.objects.get()
    ready = FigureExport.objects.create(
        requested_by=staff["coordinator"], format="csv", language="bg", kind="year", start=date(2026, 1, 1),
        end=date(2026, 12, 31), status="ready", content=b"x", filename="figures.csv",
    )  # fmt: skip
    for language in ("en", "ar"):
        for name, path in (
            ("closed-dashboard", f"/{language}/staff/figures/?period=quarter&year=2026&quarter=1"),
            ("periods", f"/{language}/staff/figures/periods/"),
            ("period", f"/{language}/staff/figures/periods/{newest.pk}/"),
            ("export-pending", f"/{language}/staff/figures/exports/{pending.pk}/"),
            ("export-ready", f"/{language}/staff/figures/exports/{ready.pk}/"),
        ):
            response = client.get(path)
            assert response.status_code == 200, path
            files.append(save(tmp_path, f"{name}-{language}", response))
    errors = validate(files)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
