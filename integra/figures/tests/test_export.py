"""The funder report as XLSX, CSV and PDF: the same numbers and small-cell protection as the pages; made in
the request for a month or a quarter, in the background for a PDF or a longer period (a page shows the link
when ready, the file served only to who asked and coordinators, deleted after a day); a closed period's
report comes from its snapshot."""

import csv
from datetime import date, timedelta
from io import BytesIO, StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone, translation
from openpyxl import load_workbook

from integra.figures import export
from integra.figures.models import FigureExport
from integra.figures.tests import records
from tests.base import signed_in

URL = "/en/staff/figures/export/"
Q1 = {"period": "quarter", "year": "2026", "quarter": "1"}
YEAR = {"period": "year", "year": "2026"}

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def today():
    with time_machine.travel("2026-12-06 10:00 +0200", tick=False):
        yield


def ask(client, period, fmt, language="en", **extra):
    with translation.override("en"):
        return client.post(URL, {**period, "format": fmt, "language": language, **extra})


def summary_of(content: bytes):
    book = load_workbook(BytesIO(content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    return book, {row[0]: row for row in rows if row and row[0]}


def rows_of(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for UTF-8
    return list(csv.reader(StringIO(content.decode("utf-8-sig"))))


def test_a_coordinator_downloads_a_quarter_as_xlsx_at_once_with_exact_numbers_and_definitions(client, staff):
    records.consultation(staff["consultant.sofia"], date(2026, 3, 2), client=records.client(), nationality="SY")
    signed_in(client, staff["coordinator"])
    response = ask(client, Q1, "xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="figures-20260101-20260331-en.xlsx"'
    book, summary = summary_of(response.content)
    assert summary["net.consultations"][2] == 1
    assert "net.consultations" in book.sheetnames and "Definitions" in book.sheetnames
    sheet = list(book["net.consultations"].iter_rows(values_only=True))
    assert ("Nationality", "Counted", "Of which anonymous") in sheet
    assert ("Syria", 1, 0) in sheet


def test_the_csv_is_one_table_with_definitions_in_bulgarian_and_small_cells_hidden_for_managers(client, staff):
    records.consultation(staff["consultant.sofia"], date(2026, 3, 2), client=records.client(), nationality="SY")
    signed_in(client, staff["manager.sofia"])
    response = ask(client, Q1, "csv", language="bg")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    rows = rows_of(response.content)
    header = next(row for row in rows if row and row[0] == "Код")
    assert header[:4] == ["Код", "Индикатор", "Определение", "Разбивка"]
    total = next(row for row in rows if row[:1] == ["net.consultations"] and row[4] == "")
    assert total[5] == "под 3"
    signed_in(client, staff["coordinator"])
    exact = rows_of(ask(client, Q1, "csv").content)
    assert any(row[0] == "net.consultations" and row[3] == "Total" and row[5] == "1" for row in exact)
    assert any(
        row[0] == "net.consultations" and row[3] == "Nationality" and row[4:6] == ["Syria", "1"] for row in exact
    )


def test_a_year_or_a_pdf_is_prepared_in_the_background_and_shown_when_ready(
    client, staff, django_capture_on_commit_callbacks
):
    records.consultation(staff["consultant.sofia"], date(2026, 3, 2), client=records.client())
    signed_in(client, staff["manager.sofia"])
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, YEAR, "xlsx")
    job = FigureExport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/staff/figures/exports/{job.pk}/"
    assert job.status == "ready" and job.centres == [records.centre("sofia").pk] and not job.exact
    with translation.override("en"):
        page = client.get(response["Location"])
    assert f'href="/en/staff/figures/exports/{job.pk}/download/"' in page.content.decode()
    download = client.get(f"/en/staff/figures/exports/{job.pk}/download/")
    assert download["Content-Disposition"] == 'attachment; filename="figures-20260101-20261231-en.xlsx"'
    _book, summary = summary_of(download.content)
    assert summary["net.consultations"][2] == "fewer than 3"
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, {"period": "month", "year": "2026", "month": "3"}, "pdf")
    pdf = FigureExport.objects.get(format="pdf")
    assert pdf.status == "ready"
    assert client.get(f"/en/staff/figures/exports/{pdf.pk}/download/").content.startswith(b"%PDF")


def test_while_being_prepared_the_page_reloads_itself_and_offers_a_reload_link(client, staff):
    records.consultation(staff["consultant.sofia"], date(2026, 3, 2))
    signed_in(client, staff["coordinator"])
    response = ask(client, YEAR, "pdf")  # the task runs after the commit, which this test never makes
    job = FigureExport.objects.get()
    assert job.status == "pending"
    with translation.override("en"):
        body = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in body
    assert "The report is being prepared." in body and "Reload this page" in body
    assert client.get(f"/en/staff/figures/exports/{job.pk}/download/").status_code == 404


def test_the_file_is_only_for_who_asked_and_coordinators(client, staff, django_capture_on_commit_callbacks):
    records.consultation(staff["consultant.sofia"], date(2026, 3, 2))
    signed_in(client, staff["manager.sofia"])
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, YEAR, "csv")
    job = FigureExport.objects.get()
    download = f"/en/staff/figures/exports/{job.pk}/download/"
    client.logout()
    assert client.get(download).status_code == 302  # sign in first
    for name, status in (("manager.plovdiv", 404), ("consultant.sofia", 403), ("coordinator", 200)):
        signed_in(client, staff[name])
        assert client.get(download).status_code == status, name
        assert client.get(f"/en/staff/figures/exports/{job.pk}/").status_code == status, name
        client.logout()


def test_exports_are_for_coordinators_and_managers_only(client, staff):
    assert client.post(URL, {**Q1, "format": "csv", "language": "en"}).status_code == 302
    signed_in(client, staff["consultant.sofia"])
    assert ask(client, Q1, "csv").status_code == 403
    assert ask(client, YEAR, "pdf").status_code == 403
    assert not FigureExport.objects.exists()


def test_a_period_without_records_is_a_message_not_an_empty_file(client, staff, django_capture_on_commit_callbacks):
    signed_in(client, staff["coordinator"])
    with translation.override("en"):
        response = client.post(URL, {**Q1, "format": "csv", "language": "en"}, follow=True)
    assert "No records in this period: there is nothing to export." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, YEAR, "pdf")
    with translation.override("en"):
        body = client.get(response["Location"]).content.decode()
    assert "No records in this period: there is nothing to export." in body
    assert FigureExport.objects.get().status == "failed"


def test_a_failing_export_task_is_a_clear_message(
    client, staff, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "render", broken)
    signed_in(client, staff["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, YEAR, "xlsx")
    with translation.override("en"):
        page = client.get(response["Location"])
    assert page.status_code == 200
    assert (
        "The report could not be made. Try again; if it fails again, tell the administrator." in page.content.decode()
    )
    assert "could not be made" in caplog.text


def test_a_closed_periods_export_stays_the_same_while_records_change(client, staff):
    consultant = staff["consultant.sofia"]
    for day in (2, 3, 4):
        records.consultation(consultant, date(2026, 3, day), client=records.client())
    signed_in(client, staff["coordinator"])
    client.post("/en/staff/figures/periods/close/", Q1)
    records.consultation(consultant, date(2026, 3, 5), client=records.client())
    response = ask(client, Q1, "xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="figures-20260101-20260331-v1-en.xlsx"'
    _book, summary = summary_of(response.content)
    assert summary["net.consultations"][2] == 3
    assert summary["Closed period"][1] == "version 1"
    rows = rows_of(ask(client, Q1, "csv").content)
    assert any(row[0] == "net.consultations" and row[3] == "Total" and row[5] == "3" for row in rows)


def test_reports_older_than_a_day_are_deleted_by_the_retention_command(
    client, staff, django_capture_on_commit_callbacks
):
    records.consultation(staff["consultant.sofia"], date(2026, 3, 2))
    signed_in(client, staff["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, YEAR, "csv")
        ask(client, YEAR, "csv")
    old, new = FigureExport.objects.order_by("pk")
    FigureExport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    call_command("figures_exports_retention", "--now", stdout=StringIO())
    assert list(FigureExport.objects.values_list("pk", flat=True)) == [new.pk]
