import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.centres.models import Institution
from integra.core.models import AuditEntry
from integra.violations import unlock
from integra.violations.models import Message, Report
from integra.violations.tests.helpers import FOLLOW_URL, KNOWN_PHRASE, receipt_of, submit, tiny_pdf, token_of
from tests.base import PASSWORD, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(officer):
    """A report sent by an anonymous reporter (its own client); returns (report, receipt)."""
    from django.test import Client

    reporter = Client()
    confirmation = submit(reporter)
    reporter.post(FOLLOW_URL, {"token": token_of(confirmation), "files": [SimpleUploadedFile("a.pdf", tiny_pdf())]})
    return Report.objects.get(), receipt_of(confirmation)


def detail(report):
    return f"/en/staff/reports/{report.reference}/"


def test_an_officer_must_unlock_reports_with_their_password_before_reading(client, officer, sent):
    report, _receipt = sent
    signed_in(client, officer)
    response = client.get(detail(report))
    assert response.status_code == 302 and "/staff/reports/unlock/" in response["Location"]
    wrong = client.post("/en/staff/reports/unlock/", {"password": "not my password at all"})
    assert "This does not open your keys" in wrong.content.decode()
    unlocked = client.post("/en/staff/reports/unlock/", {"password": PASSWORD, "next": detail(report)})
    assert unlocked.status_code == 302 and unlocked["Location"] == detail(report)
    page = client.get(detail(report))
    assert page.status_code == 200 and KNOWN_PHRASE in page.content.decode()
    assert "Amira Haddad" in page.content.decode() and "reporter@example.net" in page.content.decode()


def test_the_session_holds_only_an_encrypted_private_key_and_locking_forgets_it(officer_client, officer, sent):
    report, _receipt = sent
    session = officer_client.session
    assert unlock.SESSION_KEY in session
    officer_client.cookies.pop(unlock.COOKIE_NAME)
    assert officer_client.get(detail(report)).status_code == 302  # the session alone does not open it
    officer_client.post("/en/staff/reports/unlock/", {"password": PASSWORD})
    assert officer_client.get(detail(report)).status_code == 200
    officer_client.post("/en/staff/reports/lock/")
    assert unlock.SESSION_KEY not in officer_client.session
    assert officer_client.get(detail(report)).status_code == 302


def test_every_read_of_a_report_is_audit_logged(officer_client, officer, sent):
    report, _receipt = sent
    officer_client.get(detail(report))
    attachment = report.attachments.get()
    officer_client.get(f"{detail(report)}files/{attachment.pk}/")
    reads = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Report),
        object_pk=str(report.pk),
        action=AuditEntry.Action.ACCESS,
    )
    assert reads.count() == 2
    assert {e.actor_id for e in reads} == {officer.pk}
    assert all("rights_officer" in e.actor_roles for e in reads)


def test_an_officer_downloads_the_decrypted_file(officer_client, sent):
    report, _receipt = sent
    attachment = report.attachments.get()
    response = officer_client.get(f"{detail(report)}files/{attachment.pk}/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-") and b"/Type /Page" in response.content
    assert response["Content-Disposition"] == 'attachment; filename="a.pdf"'


def test_an_officer_answers_and_the_reporter_reads_the_answer_but_not_internal_notes(client, officer_client, sent):
    report, receipt = sent
    officer_client.post(f"{detail(report)}messages/", {"kind": "officer", "text": "Can you tell us the date?"})
    officer_client.post(f"{detail(report)}messages/", {"kind": "note", "text": "Looks like case 14, check."})
    assert report.messages.count() == 2
    page = officer_client.get(detail(report)).content.decode()
    assert "Can you tell us the date?" in page and "Looks like case 14, check." in page
    from django.test import Client

    reporter = Client()
    follow = reporter.post(FOLLOW_URL, {"receipt": receipt}).content.decode()
    assert "Can you tell us the date?" in follow
    assert "Looks like case 14" not in follow
    answer = reporter.post(
        FOLLOW_URL,
        {"token": token_of(reporter.post(FOLLOW_URL, {"receipt": receipt})), "text": "It was the 27th of March."},
    )
    assert "We added it to your report" in answer.content.decode()
    assert "It was the 27th of March." in officer_client.get(detail(report)).content.decode()
    assert b"Looks like case 14" not in b"".join(bytes(m.body) for m in Message.objects.all())


def test_an_officer_refers_a_report_and_closes_it(officer_client, sent, reference_data):
    report, _receipt = sent
    ombudsman = Institution.objects.filter(kind=Institution.Kind.OMBUDSMAN).first() or Institution.objects.first()
    missing = officer_client.post(f"{detail(report)}status/", {"status": "referred"})
    assert "Choose where the report was referred to." in missing.content.decode()
    officer_client.post(f"{detail(report)}status/", {"status": "referred", "referred_to": ombudsman.pk})
    report.refresh_from_db()
    assert (report.status, report.referred_to) == (Report.Status.REFERRED, ombudsman)
    officer_client.post(f"{detail(report)}status/", {"status": "closed"})
    report.refresh_from_db()
    assert report.status == Report.Status.CLOSED and report.closed_on is not None
    officer_client.post(f"{detail(report)}status/", {"status": "under_review"})
    report.refresh_from_db()
    assert report.closed_on is None
    changes = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Report), action=AuditEntry.Action.UPDATE
    )
    assert changes.count() == 3 and {e.actor.username for e in changes} == {"rights.officer"}
    assert set().union(*(e.changes_dict.keys() for e in changes)) <= {"status", "referred_to", "closed_on"}


def test_the_list_shows_reports_without_content_in_a_constant_number_of_queries(officer_client, officer):
    from django.test import Client

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = officer_client.get("/en/staff/reports/")
        assert response.status_code == 200
        return len(queries)

    submit(Client())
    one = count_queries()
    for _ in range(3):
        submit(Client())
    assert count_queries() == one
    page = officer_client.get("/en/staff/reports/?status=new").content.decode()
    assert page.count('href="/en/staff/reports/VR-') == 4 and KNOWN_PHRASE not in page


def test_a_report_not_shared_with_an_officer_says_so(client, staff, officer, sent):
    from integra.violations import services
    from tests.base import make_user

    colleague = make_user("rights.officer.two", "rights_officer")
    services.officer_keys_create(user=colleague, password=PASSWORD)
    report, _receipt = sent
    signed_in(client, colleague)
    client.post("/en/staff/reports/unlock/", {"password": PASSWORD})
    response = client.get(detail(report))
    assert response.status_code == 403 and "was not shared with your key" in response.content.decode()
