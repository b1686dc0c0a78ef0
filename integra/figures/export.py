"""The funder report of a period as XLSX (openpyxl): a summary, one sheet per indicator with each of its
breakdowns, and a sheet with the definitions. The same numbers as the pages: a centre manager's export
has small cells suppressed, a coordinator's is exact."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from integra.figures import disclosure, registry, services
from integra.figures.counting import Scope
from integra.figures.periods import Period
from integra.figures.presenting import section

BOLD = Font(bold=True)


def _cell_value(cell: disclosure.Cell):
    return cell.text if cell.suppressed or cell.value is None else cell.value


def _header(sheet, *titles):
    sheet.append(list(titles))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def workbook(*, period: Period, centres: tuple | None, exact: bool) -> bytes:
    """The report in the active language, as the bytes of an .xlsx file."""
    with services.shared_results():
        return _workbook(period=period, centres=centres, exact=exact)


def _workbook(*, period: Period, centres: tuple | None, exact: bool) -> bytes:
    figures = services.figures_compute(period=period, centres=centres, exact=exact)
    book = Workbook(write_only=False)
    summary = book.active
    summary.title = _("Summary")[:31]
    summary.append([_("Figures"), period.label])
    if not exact:
        summary.append(
            [
                _("Counts of fewer than %(n)s people or contacts are not shown, so that nobody can be recognised.")
                % {"n": disclosure.threshold()}
            ]
        )
    _header(summary, _("Code"), _("Indicator"), _("Value"), _("Anonymous (estimated)"), _("Of"), _("Target this year"))
    for figure in figures:
        if figure.unavailable or figure.error or figure.value is None:
            note = figure.unavailable or _("Could not be computed")
            summary.append([figure.indicator.code, figure.name, note])
            continue
        cells = figure.cells
        summary.append(
            [
                figure.indicator.code,
                figure.name,
                _cell_value(cells["total"]),
                _cell_value(cells["anonymous"]) if "anonymous" in cells else None,
                _cell_value(cells["of"]) if "of" in cells else None,
                figure.target,
            ]
        )
    for figure in figures:
        if figure.value is None:
            continue
        indicator = figure.indicator
        sheet = book.create_sheet(indicator.code[:31])
        sheet.append([figure.name])
        sheet[1][0].font = BOLD
        sheet.append([figure.definition])
        for breakdown in indicator.breakdowns:
            sheet.append([])
            try:
                value = services.indicator_value(indicator, Scope(period.start, period.end, centres, breakdown))
            except services.NotComputed:
                sheet.append([str(registry.Breakdown(breakdown).label), _("Could not be computed")])
                continue
            shown = section(indicator, breakdown, value, exact=exact)
            if indicator.is_share:
                _header(sheet, shown.title, _("Met"), _("Of"), _("Share"))
                for label, cells in shown.rows:
                    sheet.append([label, _cell_value(cells["total"]), _cell_value(cells["of"]), cells["percent"].text])
            elif indicator.is_people or indicator.is_contacts:
                apart = _("Anonymous (estimated)") if indicator.is_people else _("Of which anonymous")
                _header(sheet, shown.title, _("Counted"), apart)
                for label, cells in shown.rows:
                    sheet.append([label, _cell_value(cells["total"]), _cell_value(cells["anonymous"])])
            else:
                _header(sheet, shown.title, _("Counted"))
                for label, cells in shown.rows:
                    sheet.append([label, _cell_value(cells["total"])])
            if shown.empty:
                sheet.append([_("No records in this period for this breakdown.")])
    definitions = book.create_sheet(_("Definitions")[:31])
    _header(definitions, _("Code"), _("Indicator"), _("Definition"), _("Where the definition comes from"))
    wording = _("Wording to be checked against the funder's current template.")
    for figure in figures:
        definitions.append(
            [
                figure.indicator.code,
                figure.name,
                figure.definition,
                f"{figure.indicator.source} {wording}",
            ]
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
