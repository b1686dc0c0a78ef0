"""Attachments: images and PDFs only, checked by content, re-encoded or rewritten without metadata.

Uploads are kept in memory (never in a temporary file, where a plain copy could stay on disk)
and stop being read once the request passes the limit.
"""

import io
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "GIF": ("image/png", ".png"),
    "WEBP": ("image/png", ".png"),
}
MAX_PIXELS = 50_000_000
PROGRAM_SIGNATURES = (
    b"MZ",  # Windows programs
    b"\x7fELF",  # Linux programs
    b"#!",  # scripts
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",  # macOS programs
    b"PK\x03\x04",  # archives (and Android/Java packages)
)


def max_total_bytes() -> int:
    return getattr(settings, "VIOLATIONS_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)


@dataclass
class CleanFile:
    name: str
    content_type: str
    data: bytes


class LimitedMemoryUploadHandler(FileUploadHandler):
    """Keeps every uploaded file in memory and skips files once the total passes the limit."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = limit if limit is not None else max_total_bytes()
        self.total = 0
        self.too_big = False
        self.buffer = None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data, start):
        self.total += len(raw_data)
        if self.total > self.limit:
            self.too_big = True
            self.buffer = None
            raise SkipFile
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.buffer is None:
            return None
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            file_size,
            self.charset,
            self.content_type_extra,
        )


def _base_name(name: str) -> str:
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    return (get_valid_filename(stem) if stem.strip(". ") else "") or "file"


def clean_upload(upload) -> CleanFile:
    """The file as we keep it, or a ValidationError saying why it was refused."""
    upload.seek(0)
    data = upload.read()
    name = _base_name(upload.name)
    if data.startswith(b"%PDF-"):
        return CleanFile(name=f"{name}.pdf", content_type="application/pdf", data=rewrite_pdf(data, upload.name))
    if data.startswith(PROGRAM_SIGNATURES):
        raise ValidationError(
            _(
                "“%(name)s” is a program or an archive, not a picture or a PDF, even if its name says so. "
                "For your safety we do not accept it."
            ),
            code="program",
            params={"name": upload.name},
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.format not in IMAGE_FORMATS or image.width * image.height > MAX_PIXELS:
            raise ValueError
        image.load()
    except (UnidentifiedImageError, ValueError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("“%(name)s” is not a picture (JPEG, PNG, GIF, WebP) or a PDF document."),
            code="type",
            params={"name": upload.name},
        ) from error
    content_type, extension = IMAGE_FORMATS[image.format]
    return CleanFile(name=f"{name}{extension}", content_type=content_type, data=reencode(image, image.format))


def reencode(image: Image.Image, source_format: str) -> bytes:
    """The pixels only: EXIF (with GPS), XMP, comments and profiles are left behind."""
    image = ImageOps.exif_transpose(image)  # keep the picture the right way up once EXIF is gone
    if source_format == "JPEG":
        image = image.convert("RGB")
        target = "JPEG"
    else:
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB")
        target = "PNG"
    bare = Image.frombytes(image.mode, image.size, image.tobytes())  # a new image: no info, no EXIF
    out = io.BytesIO()
    bare.save(out, target, **({"quality": 90} if target == "JPEG" else {}))
    return out.getvalue()


# Names in a PDF that run something or carry other files: such a PDF is refused, not cleaned.
ACTIVE_PDF_NAMES = {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/FileAttachment"}
ACTIVE_PDF_NAMES |= {"/RichMedia", "/SubmitForm", "/ImportData", "/GoToE", "/XFA"}
MAX_PDF_OBJECTS = 200_000


def _pdf_refused(name: str) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” could not be read as a PDF document, or it contains scripts or other files. "
            "Save it again as a plain PDF (or take a photo of it) and add it again."
        ),
        code="pdf",
        params={"name": name},
    )


def _has_active_content(obj, seen: set, budget: list) -> bool:
    """Walk the objects reachable from the catalogue, looking for scripts, launch actions and embedded files."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject  # noqa: PLC0415

    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            budget[0] -= 1
            if budget[0] < 0:
                return True  # a document this large is not a scan or a letter; refuse rather than walk on
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in ACTIVE_PDF_NAMES or (isinstance(value, NameObject) and value in ACTIVE_PDF_NAMES):
                    return True
                if key != "/Parent":
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False


def rewrite_pdf(data: bytes, name: str) -> bytes:
    """The pages of the PDF written into a new file: no document information, no XMP, nothing after the end.

    pypdf (pure Python, so a hostile file cannot corrupt memory) must parse the file into at least one
    page; a file that only starts like a PDF (an HTML page or a program behind "%PDF-") has none and
    is refused, as are encrypted PDFs and PDFs with scripts, launch actions or embedded files.
    """
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 - only when a PDF is uploaded
    from pypdf.generic import NameObject  # noqa: PLC0415

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted or len(reader.pages) == 0:
            raise _pdf_refused(name)
        if _has_active_content(reader.trailer["/Root"], set(), [MAX_PDF_OBJECTS]):
            raise _pdf_refused(name)
        writer = PdfWriter()
        for page in reader.pages:
            added = writer.add_page(page)
            for key in ("/Metadata", "/PieceInfo", "/Annots"):
                added.pop(NameObject(key), None)
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many kinds of error on broken or hostile files
        raise _pdf_refused(name) from error
    return out.getvalue()
