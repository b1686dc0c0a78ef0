"""Printable PDFs of courses (WeasyPrint): the certificate, in Bulgarian and in the learner's language
with a QR code and a short code to verify it, and the paper register of a group."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from integra.knowledge.leaflets import qr_data_uri


def _pdf(html: str, request) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - loads Pango only when a PDF is made

    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()


def verify_url(certificate, language: str, request) -> str:
    with translation.override(language):
        return request.build_absolute_uri(reverse("courses:certificate", args=[certificate.code]))


def _side(certificate, language: str) -> dict:
    """One language's half of the certificate, rendered in that language."""
    with translation.override(language):
        html = render_to_string("courses/pdf/_certificate_side.html", {"certificate": certificate})
    return {"language": language, "direction": "rtl" if language in settings.LANGUAGES_BIDI else "ltr", "html": html}


def render_certificate(certificate, *, request) -> bytes:
    interface = {code for code, _name in settings.LANGUAGES}
    second = certificate.language if certificate.language in interface and certificate.language != "bg" else ""
    url = verify_url(certificate, second or "bg", request)
    sides = [_side(certificate, "bg")] + ([_side(certificate, second)] if second else [])
    with translation.override("bg"):  # the frame (brand, how to check) in the certificate's main language
        html = render_to_string(
            "courses/pdf/certificate.html",
            {"certificate": certificate, "sides": sides, "url": url, "qr": qr_data_uri(url)},
        )
    return _pdf(html, request)


def render_register(*, group, sessions, learners, request) -> bytes:
    html = render_to_string(
        "courses/pdf/register.html",
        {"group": group, "sessions": [s for s in sessions if not s.cancelled], "learners": learners,
         "language": translation.get_language(), "rtl": translation.get_language_bidi()},
    )  # fmt: skip
    return _pdf(html, request)
