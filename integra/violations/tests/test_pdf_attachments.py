"""PDF attachments are rewritten without metadata; files that only look like PDFs are refused (issue 9, finding 5)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from integra.violations.models import Attachment, Message, Report
from integra.violations.tests.helpers import FOLLOW_URL, submit, tiny_pdf, token_of
from integra.violations.uploads import rewrite_pdf

pytestmark = pytest.mark.django_db

POLYGLOT = (
    b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"
    + b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"
    + b"\x00" * 200
)


def _report_with(files, text="Here is the letter they gave me"):
    reporter = Client()
    confirmation = submit(reporter)
    return reporter.post(FOLLOW_URL, {"token": token_of(confirmation), "text": text, "files": files})


def test_the_test_pdf_really_carries_the_name_in_its_information_and_xmp():
    data = tiny_pdf(author="Real Name", xmp="Real Name")
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata["/Author"] == "Real Name"
    assert b"<dc:creator>Real Name</dc:creator>" in data


def test_a_pdf_comes_back_to_the_officer_without_the_reporters_name(officer_client):
    response = _report_with([SimpleUploadedFile("statement.pdf", tiny_pdf(author="Real Name", xmp="Real Name"))])
    assert response.status_code == 200 and "We added it to your report" in response.content.decode()
    report = Report.objects.get()
    attachment = report.attachments.get()
    download = officer_client.get(f"/en/staff/reports/{report.reference}/files/{attachment.pk}/")
    assert download.status_code == 200
    assert b"Real Name" not in download.content and b"Real" not in download.content
    assert b"/Author" not in download.content and b"/Metadata" not in download.content
    reader = PdfReader(io.BytesIO(download.content))
    assert len(reader.pages) == 1 and not reader.metadata


def test_a_file_starting_like_a_pdf_with_html_and_a_program_behind_is_refused_and_the_text_stays(client, officer):
    confirmation = submit(client)
    response = client.post(
        FOLLOW_URL,
        {
            "token": token_of(confirmation),
            "text": "Here is the letter they gave me",
            "files": [SimpleUploadedFile("letter.pdf", POLYGLOT, content_type="application/pdf")],
        },
    )
    body = response.content.decode()
    assert "could not be read as a PDF document" in body
    assert 'class="error-summary"' in body
    assert "Here is the letter they gave me</textarea>" in body
    assert not Attachment.objects.exists() and not Message.objects.exists()


def test_the_refusal_is_in_the_reporters_language(client, officer):
    confirmation = submit(client)
    response = client.post(
        FOLLOW_URL.replace("/en/", "/bg/"),
        {"token": token_of(confirmation), "files": [SimpleUploadedFile("letter.pdf", POLYGLOT)]},
    )
    body = response.content.decode()
    assert "не може да се прочете като PDF документ" in body
    assert "could not be read as a PDF document" not in body
    assert not Attachment.objects.exists()


def _javascript_action():
    action = DictionaryObject()
    action[NameObject("/S")] = NameObject("/JavaScript")
    action[NameObject("/JS")] = TextStringObject("app.alert('x')")
    return action


def _launch_action():
    action = DictionaryObject()
    action[NameObject("/S")] = NameObject("/Launch")
    action[NameObject("/F")] = TextStringObject("cmd.exe")
    return action


def _embedded_files():
    names = DictionaryObject()
    names[NameObject("/EmbeddedFiles")] = DictionaryObject()
    return names


@pytest.mark.parametrize(
    "extra",
    [
        {"/OpenAction": _javascript_action()},
        {"/OpenAction": _launch_action()},
        {"/Names": _embedded_files()},
    ],
    ids=["javascript", "launch", "embedded-files"],
)
def test_pdfs_with_scripts_launch_actions_or_embedded_files_are_refused(extra):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        rewrite_pdf(tiny_pdf(extra_root=extra), "a.pdf")
    assert refused.value.code == "pdf"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4 x", b"%PDF-", POLYGLOT, tiny_pdf()[:200], b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"],
    ids=["junk", "header-only", "polyglot", "truncated", "no-pages"],
)
def test_files_that_do_not_parse_into_pages_are_refused(data):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        rewrite_pdf(data, "a.pdf")


def test_a_plain_pdf_is_kept_with_its_pages_and_nothing_appended_after_the_end():
    rewritten = rewrite_pdf(tiny_pdf() + b"<html>appended</html>", "a.pdf")
    assert b"appended" not in rewritten and len(PdfReader(io.BytesIO(rewritten)).pages) == 1
