"""The funder report of a period as XLSX (openpyxl: a summary, one sheet per indicator with each of its
breakdowns, a sheet with the definitions), CSV (one table: indicator, definition, breakdown, value; UTF-8
with a byte-order mark so that Excel reads Cyrillic) and a PDF summary with the charts (WeasyPrint).

The same numbers as the pages: a centre manager's report has small cells suppressed, a coordinator's is
exact, and a closed period's report is read from its newest snapshot, so that it stays the same while
records change. `render` builds any of them in the active language; small ones are made in the request,
the others by the task `integra.figures.tasks.build_export` (see `in_background`)."""

import csv
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from io import BytesIO, StringIO

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from integra.centres.models import Centre
from integra.core.i18n import pick
from integra.figures import disclosure, registry, services, snapshots
from integra.figures.counting import Scope
from integra.figures.models import FigureExport
from integra.figures.periods import Period
from integra.figures.presenting import Section, section

log = logging.getLogger(__name__)
BOLD = Font(bold=True)
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}
# Made in the request: a spreadsheet or table of at most a quarter (about as long as the indicator pages
# together). A PDF (charts drawn and laid out) and anything longer are prepared in the background.
DIRECT_FORMATS = ("xlsx", "csv")
DIRECT_MAX_DAYS = 92


class EmptyReport(Exception):
    """The period has no records in the scope: there is nothing to report."""


def in_background(fmt: str, period: Period) -> bool:
    return fmt not in DIRECT_FORMATS or (period.end - period.start).days + 1 > DIRECT_MAX_DAYS


@dataclass
class Report:
    period: Period
    centres_label: str
    exact: bool
    figures: list
    closed: snapshots.Closed | None = None
    # code → [(breakdown, Section or None when it could not be computed)]
    sections: dict = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(f.value and (f.value.total or f.value.anonymous) for f in self.figures)

    @property
    def pages(self) -> list:
        """(figure, its breakdowns' sections) of every indicator with a value."""
        return [(f, self.sections.get(f.indicator.code, [])) for f in self.figures if f.value is not None]

    @property
    def version(self) -> int | None:
        return self.closed.latest.version if self.closed and self.closed.covers else None


def centres_label(centres: tuple | None) -> str:
    if centres is None:
        return _("Every centre")
    return ", ".join(pick(c.name) for c in Centre.objects.filter(pk__in=centres).order_by("slug"))


def build(*, period: Period, centres: tuple | None, exact: bool) -> Report:
    """Every figure of the period with each breakdown, from the snapshot when the period is closed."""
    closed, value_of = snapshots.source_for(period, centres)
    read = value_of or services.indicator_value
    with services.shared_results():
        figures = services.figures_compute(period=period, centres=centres, exact=exact, value_of=value_of)
        report = Report(period, centres_label(centres), exact, figures, closed)
        for figure in figures:
            if figure.value is None:
                continue
            indicator, shown = figure.indicator, []
            for breakdown in indicator.breakdowns:
                try:
                    value = read(indicator, Scope(period.start, period.end, centres, breakdown))
                except services.NotComputed:
                    shown.append((breakdown, None))
                    continue
                shown.append((breakdown, section(indicator, breakdown, value, exact=exact)))
            report.sections[indicator.code] = shown
    return report


def render(fmt: str, *, period: Period, centres: tuple | None, exact: bool, language: str) -> tuple[bytes, str, int]:
    """(content, file name, snapshot version or None) of the report in `language`; EmptyReport when the
    period has no records."""
    with translation.override(language):
        report = build(period=period, centres=centres, exact=exact)
        if report.empty:
            raise EmptyReport
        content = {"xlsx": workbook, "csv": table, "pdf": pdf}[fmt](report)
    name = f"figures-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if report.version:
        name += f"-v{report.version}"
    return content, f"{name}-{language}.{fmt}", report.version


def _cell_value(cell: disclosure.Cell):
    return cell.text if cell.suppressed or cell.value is None else cell.value


def _note(figure) -> str:
    return str(figure.unavailable or _("Could not be computed"))


def _heading(report: Report) -> list[list]:
    rows = [[_("Figures"), report.period.label], [_("Centres"), report.centres_label]]
    if report.version:
        rows.append([_("Closed period"), _("version %(n)s") % {"n": report.version}])
    if not report.exact:
        rows.append(
            [
                _("Counts of fewer than %(n)s people or contacts are not shown, so that nobody can be recognised.")
                % {"n": disclosure.threshold()}
            ]
        )
    return rows


def _columns(indicator: registry.Indicator) -> list[str]:
    if indicator.is_share:
        return [_("Met"), _("Of"), _("Share")]
    if indicator.is_people:
        return [_("Counted"), _("Anonymous (estimated)")]
    if indicator.is_contacts:
        return [_("Counted"), _("Of which anonymous")]
    return [_("Counted")]


def _values(indicator: registry.Indicator, cells: dict) -> list:
    if indicator.is_share:
        return [_cell_value(cells["total"]), _cell_value(cells["of"]), cells["percent"].text]
    if indicator.is_people or indicator.is_contacts:
        return [_cell_value(cells["total"]), _cell_value(cells["anonymous"])]
    return [_cell_value(cells["total"])]


# --- XLSX ---------------------------------------------------------------------------------------------------


def _header(sheet, *titles):
    sheet.append(list(titles))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def workbook(report: Report | None = None, *, period=None, centres=None, exact=False) -> bytes:
    """A summary sheet, one sheet per indicator with each breakdown, and the definitions."""
    if report is None:
        report = build(period=period, centres=centres, exact=exact)
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")[:31]
    for row in _heading(report):
        summary.append(row)
    _header(summary, _("Code"), _("Indicator"), _("Value"), _("Anonymous (estimated)"), _("Of"), _("Target this year"))
    for figure in report.figures:
        if figure.unavailable or figure.error or figure.value is None:
            summary.append([figure.indicator.code, figure.name, _note(figure)])
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
    for figure in report.figures:
        if figure.value is None:
            continue
        indicator = figure.indicator
        sheet = book.create_sheet(indicator.code[:31])
        sheet.append([figure.name])
        sheet[1][0].font = BOLD
        sheet.append([figure.definition])
        for breakdown, shown in report.sections.get(indicator.code, []):
            sheet.append([])
            if shown is None:
                sheet.append([str(registry.Breakdown(breakdown).label), _("Could not be computed")])
                continue
            _header(sheet, shown.title, *_columns(indicator))
            for label, cells in shown.rows:
                sheet.append([label, *_values(indicator, cells)])
            if shown.empty:
                sheet.append([_("No records in this period for this breakdown.")])
    definitions = book.create_sheet(_("Definitions")[:31])
    _header(definitions, _("Code"), _("Indicator"), _("Definition"), _("Where the definition comes from"))
    wording = _("Wording to be checked against the funder's current template.")
    for figure in report.figures:
        definitions.append(
            [figure.indicator.code, figure.name, figure.definition, f"{figure.indicator.source} {wording}"]
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- CSV ----------------------------------------------------------------------------------------------------


def table(report: Report) -> bytes:
    """One table: code, indicator, definition, breakdown, row, value, anonymous (estimated) or whole, share."""
    out = StringIO()
    writer = csv.writer(out)
    for row in _heading(report):
        writer.writerow(row)
    writer.writerow(
        [
            _("Code"),
            _("Indicator"),
            _("Definition"),
            _("Breakdown"),
            _("Row"),
            _("Value"),
            _("Anonymous or whole"),
            _("Share"),
        ]
    )
    for figure in report.figures:
        indicator = figure.indicator
        start = [indicator.code, figure.name, figure.definition]
        if figure.value is None:
            writer.writerow([*start, "", "", _note(figure)])
            continue
        writer.writerow([*start, _("Total"), "", *_values(indicator, figure.cells)])
        for breakdown, shown in report.sections.get(indicator.code, []):
            title = str(registry.Breakdown(breakdown).label)
            if shown is None:
                writer.writerow([*start, title, "", _("Could not be computed")])
                continue
            if shown.empty:
                writer.writerow([*start, title, "", _("No records in this period for this breakdown.")])
            for label, cells in shown.rows:
                writer.writerow([*start, title, label, *_values(indicator, cells)])
    return out.getvalue().encode("utf-8-sig")


# --- PDF ----------------------------------------------------------------------------------------------------


def pdf(report: Report) -> bytes:
    """The summary and each indicator with its breakdowns' charts and tables, laid out by WeasyPrint."""
    from weasyprint import HTML  # noqa: PLC0415 - loads Pango only when a PDF is made

    groups = [
        (label, [f for f in report.figures if f.indicator.group == value]) for value, label in registry.Group.choices
    ]
    html = render_to_string(
        "figures/export/report_pdf.html",
        {"report": report, "groups": groups, "now": timezone.now(), "threshold": disclosure.threshold()},
    )
    return HTML(string=html).write_pdf()


# --- In the background ---------------------------------------------------------------------------------------


def export_request(*, user, fmt: str, language: str, period: Period, centres: tuple | None) -> FigureExport:
    """Queue the report for the user (once the request's transaction is committed)."""
    from integra.figures.tasks import build_export  # noqa: PLC0415 - tasks import this module

    job = FigureExport.objects.create(
        requested_by=user,
        format=fmt,
        language=language,
        kind=period.kind,
        start=period.start,
        end=period.end,
        centres=None if centres is None else list(centres),
        exact=services.sees_exact(user),
    )
    transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return job


def export_build(*, export_id: int) -> str:
    """Make a queued report; a failure or an empty period is kept as a message for the person who asked."""
    job = FigureExport.objects.filter(pk=export_id, status=FigureExport.Status.PENDING).first()
    if job is None:
        return "gone"
    period = Period(job.start, job.end, job.kind)
    centres = None if job.centres is None else tuple(job.centres)
    try:
        content, name, version = render(
            job.format, period=period, centres=centres, exact=job.exact, language=job.language
        )
    except EmptyReport:
        job.status, job.error = FigureExport.Status.FAILED, "empty"
    except Exception:
        log.exception("figures: export %s could not be made", job.pk)
        job.status, job.error = FigureExport.Status.FAILED, "error"
    else:
        job.status, job.content, job.filename, job.version = FigureExport.Status.READY, content, name, version
    job.finished_at = timezone.now()
    job.save()
    return job.status


def exports_delete_expired() -> int:
    """Delete the reports made more than FIGURES_EXPORT_HOURS ago; returns how many."""
    since = timezone.now() - timedelta(hours=settings.FIGURES_EXPORT_HOURS)
    deleted, _by_model = FigureExport.objects.filter(created_at__lt=since).delete()
    return deleted


__all__ = ["EmptyReport", "Report", "Section", "build", "in_background", "render"]
