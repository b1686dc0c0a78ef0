"""Leaflets: any published article as an A4 or A5 PDF, right to left for Arabic and Farsi."""

import io

import pytest
from pypdf import PdfReader

from tests.base import signed_in

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_leaflet_is_a_pdf_with_the_title_the_centres_and_the_hotline(client, publish, editor):
    article = publish("health-insurance", {"en": ("Health insurance basics", "Pay your contributions.")})
    response = signed_in(client, editor).get(f"/en/staff/knowledge/{article.pk}/en/leaflet-A4.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Health insurance basics" in text
    assert "Sofia" in text
    assert "Information hotline for immigrants" in text


def test_an_a5_leaflet_has_a5_pages(client, publish, editor):
    article = publish("courses", {"en": ("Bulgarian courses", "Free courses.")})
    response = signed_in(client, editor).get(f"/en/staff/knowledge/{article.pk}/en/leaflet-A5.pdf")
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    assert round(width_mm) == 148


def test_an_arabic_leaflet_is_produced_right_to_left(client, publish, editor):
    article = publish(
        "rights", {"ar": ("حقوقك وواجباتك", "لكل شخص الحق في الحصول على المعلومات.")}, source="ar"
    )
    response = signed_in(client, editor).get(f"/en/staff/knowledge/{article.pk}/ar/leaflet-A4.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    # The extracted words appear (as glyph runs, in visual order), so the Arabic text is in the PDF.
    assert "حقوقك" in text or "كقوقح" in text or "ﺣﻘﻮﻗﻚ" in text or "ﻚﻗﻮﻘﺣ" in text


def test_a_leaflet_of_an_unpublished_language_is_not_found(client, publish, editor):
    article = publish("x", {"en": ("X", "Y")})
    assert signed_in(client, editor).get(f"/en/staff/knowledge/{article.pk}/fa/leaflet-A4.pdf").status_code == 404
    assert signed_in(client, editor).get(f"/en/staff/knowledge/{article.pk}/en/leaflet-A3.pdf").status_code == 404


def test_leaflets_are_for_staff_only(client, publish, staff):
    article = publish("x", {"en": ("X", "Y")})
    url = f"/en/staff/knowledge/{article.pk}/en/leaflet-A4.pdf"
    assert client.get(url).status_code == 302
    assert signed_in(client, staff["member"]).get(url).status_code == 403
