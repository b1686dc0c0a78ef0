"""The funder report as XLSX: a summary, a sheet per indicator with its breakdowns, definitions; the same
small-cell protection as the pages."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from integra.figures.tests import records
from tests.base import signed_in

URL = "/en/staff/figures/report.xlsx"
YEAR = {"period": "year", "year": "2026"}


def summary_of(response) -> dict:
    book = load_workbook(BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    return book, {row[0]: row for row in rows if row and row[0]}


def test_a_coordinator_downloads_the_report_with_exact_numbers_and_definitions(client, staff):
    consultant = staff["consultant.sofia"]
    records.consultation(consultant, date(2026, 3, 2), client=records.client(), nationality="SY")
    signed_in(client, staff["coordinator"])
    response = client.get(URL, {**YEAR, "language": "en"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="figures-20260101-20261231-en.xlsx"'
    book, summary = summary_of(response)
    assert summary["net.consultations"][2] == 1
    assert "net.consultations" in book.sheetnames and "Definitions" in book.sheetnames
    sheet = list(book["net.consultations"].iter_rows(values_only=True))
    assert ("Nationality", "Counted", "Of which anonymous") in sheet
    assert ("Syria", 1, 0) in sheet


def test_a_managers_report_hides_small_cells(client, staff):
    records.consultation(staff["consultant.sofia"], date(2026, 3, 2))
    signed_in(client, staff["manager.sofia"])
    _book, summary = summary_of(client.get(URL, {**YEAR, "language": "en"}))
    assert summary["net.consultations"][2] == "fewer than 3"


def test_the_report_is_for_coordinators_and_managers_only(client, staff):
    signed_in(client, staff["consultant.sofia"])
    assert client.get(URL, YEAR).status_code == 403
