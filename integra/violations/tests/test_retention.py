from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from integra.violations import services
from integra.violations.models import Attachment, Message, Report, ReportKey, RetentionRun
from integra.violations.tasks import delete_expired_reports
from integra.violations.tests.helpers import FOLLOW_URL, KNOWN_PHRASE, receipt_of, submit, tiny_pdf, token_of

pytestmark = pytest.mark.django_db


def files_on_disk():
    root = Path(django_settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def send_and_close(client):
    confirmation = submit(client)
    client.post(
        FOLLOW_URL,
        {"token": token_of(confirmation), "text": "more", "files": [SimpleUploadedFile("a.pdf", tiny_pdf())]},
    )
    report = Report.objects.latest("pk")
    services.report_triage(report=report, status=Report.Status.CLOSED)
    return report, receipt_of(confirmation)


def test_after_the_retention_period_a_closed_report_and_its_files_are_gone(
    client, officer, django_capture_on_commit_callbacks
):
    with time_machine.travel("2026-01-10 10:00 +0000", tick=False) as traveller:
        report, receipt = send_and_close(client)
        open_report = submit(client)  # still open: kept
        assert len(files_on_disk()) == 1

        traveller.move_to("2026-04-09 10:00 +0000")  # 89 days after closing
        delete_expired_reports.enqueue()
        assert Report.objects.filter(pk=report.pk).exists()

        traveller.move_to("2026-04-10 10:00 +0000")  # 90 days
        with django_capture_on_commit_callbacks(execute=True):  # files go once the deletion is committed
            delete_expired_reports.enqueue()
        assert not Report.objects.filter(pk=report.pk).exists()
        assert not Attachment.objects.exists() and not Message.objects.exists()
        assert not ReportKey.objects.filter(report_id=report.pk).exists()
        assert files_on_disk() == []
        assert Report.objects.count() == 1 and open_report.status_code == 200
        page = client.post(FOLLOW_URL, {"receipt": receipt})
        assert "We could not find a report with this receipt" in page.content.decode()

    runs = list(RetentionRun.objects.order_by("ran_at").values("reports_deleted", "files_deleted", "retention_days"))
    assert runs == [
        {"reports_deleted": 0, "files_deleted": 0, "retention_days": 90},
        {"reports_deleted": 1, "files_deleted": 1, "retention_days": 90},
    ]
    assert KNOWN_PHRASE not in str(runs)


def test_the_retention_period_is_configurable(client, officer, settings):
    settings.VIOLATIONS_RETENTION_DAYS = 7
    with time_machine.travel("2026-01-10 10:00 +0000", tick=False) as traveller:
        send_and_close(client)
        traveller.move_to("2026-01-17 10:00 +0000")
        assert services.retention_run().reports_deleted == 1


def test_the_management_command_runs_or_queues_the_task(client, officer):
    with time_machine.travel("2026-01-10 10:00 +0000", tick=False) as traveller:
        send_and_close(client)
        traveller.move_to("2026-06-01 10:00 +0000")
        out = StringIO()
        call_command("violations_retention", "--now", stdout=out)
        assert "Deleted 1 report(s)." in out.getvalue()
        out = StringIO()
        call_command("violations_retention", stdout=out)  # queued (immediate backend in tests)
        assert "Queued" in out.getvalue()
    assert RetentionRun.objects.count() == 2
