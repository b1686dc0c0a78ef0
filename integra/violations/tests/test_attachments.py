import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from integra.violations import services
from integra.violations.models import Attachment, Message
from integra.violations.tests.helpers import FOLLOW_URL, submit, tiny_pdf, token_of

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def png_with_gps() -> io.BytesIO:
    return _image_with_gps("PNG")


def _image_with_gps(fmt: str) -> io.BytesIO:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "SecretPhone 9"  # Model
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (42.0, 41.0, 51.0), 3: "E", 4: (23.0, 19.0, 17.0)})
    out = io.BytesIO()
    image.save(out, fmt, exif=exif)
    out.seek(0)
    return out


def _has_gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif().get_ifd(GPS_IFD)) or b"SecretPhone" in data


def _add(client, confirmation, **fields):
    return client.post(FOLLOW_URL, {"token": token_of(confirmation), **fields})


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_the_test_image_really_has_gps_metadata(fmt):
    with Image.open(_image_with_gps(fmt)) as image:
        assert image.getexif().get_ifd(GPS_IFD)[1] == "N"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_an_image_with_gps_metadata_is_stripped_then_accepted(client, officer, fmt):
    confirmation = submit(client)
    upload = SimpleUploadedFile(f"photo.{fmt.lower()}", _image_with_gps(fmt).getvalue())
    response = _add(client, confirmation, files=[upload])
    assert response.status_code == 200 and "We added it to your report" in response.content.decode()
    attachment = Attachment.objects.get()
    meta, data = services.attachment_read(attachment=attachment, key=_key(attachment))
    assert not _has_gps(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (40, 30)
    assert meta["content_type"] in ("image/jpeg", "image/png")


def _key(attachment):
    from tests.base import PASSWORD

    private = services.officer_private_key(user=attachment.report.sealed_keys.get().officer, password=PASSWORD)
    return services.report_key_for_officer(
        report=attachment.report, user=attachment.report.sealed_keys.get().officer, private_key=private
    )


def test_an_executable_renamed_pdf_is_refused_with_a_clear_message_and_the_text_stays(client, officer):
    confirmation = submit(client)
    program = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="application/pdf")
    response = _add(client, confirmation, text="Here is the invoice they gave me", files=[program])
    body = response.content.decode()
    assert "is a program or an archive, not a picture or a PDF" in body
    assert 'class="error-summary"' in body
    assert "Here is the invoice they gave me</textarea>" in body
    assert not Attachment.objects.exists() and not Message.objects.exists()


def test_a_text_file_renamed_jpg_is_refused(client, officer):
    confirmation = submit(client)
    response = _add(client, confirmation, files=[SimpleUploadedFile("x.jpg", b"just some text")])
    assert "is not a picture (JPEG, PNG, GIF, WebP) or a PDF document." in response.content.decode()


def test_a_real_pdf_is_accepted_whatever_its_name(client, officer):
    confirmation = submit(client)
    pdf = SimpleUploadedFile("scan.bin", tiny_pdf())
    _add(client, confirmation, files=[pdf])
    attachment = Attachment.objects.get()
    meta, data = services.attachment_read(attachment=attachment, key=_key(attachment))
    assert meta == {"name": "scan.pdf", "content_type": "application/pdf"}
    assert data.startswith(b"%PDF-")
    assert b"%PDF" not in attachment.blob.open("rb").read()  # encrypted on disk


def test_files_over_the_limit_are_refused_and_the_text_stays(client, officer, settings):
    settings.VIOLATIONS_MAX_UPLOAD_BYTES = 50_000
    confirmation = submit(client)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 60_000)
    response = _add(client, confirmation, text="My statement", files=[big])
    body = response.content.decode()
    assert "at most 20 MB together" in body
    assert "My statement</textarea>" in body
    assert not Attachment.objects.exists()


def test_the_limit_counts_files_already_added_to_the_report(client, officer, settings):
    settings.VIOLATIONS_MAX_UPLOAD_BYTES = 50_000
    confirmation = submit(client)
    _add(client, confirmation, files=[SimpleUploadedFile("a.pdf", tiny_pdf(padding=30_000))])
    response = _add(client, confirmation, files=[SimpleUploadedFile("b.pdf", tiny_pdf(padding=30_000))])
    assert "at most 20 MB together" in response.content.decode()
    assert Attachment.objects.count() == 1
