"""Any published article as a printable A4 or A5 PDF leaflet (WeasyPrint), in the article's language,
with the centres' addresses, the hotline and a QR code that opens the online version."""

import base64

import segno
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from integra.centres.models import Centre, Hotline
from integra.knowledge.models import ArticleTranslation

SIZES = ("A4", "A5")


def qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def article_url(translation: ArticleTranslation, request) -> str:
    with override(translation.language):
        path = reverse("knowledge:article", args=[translation.article.slug])
    return request.build_absolute_uri(path)


def render_leaflet(*, translation: ArticleTranslation, size: str, request) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango only when a leaflet is made

    if size not in SIZES:
        raise ValueError(size)
    url = article_url(translation, request)
    with override(translation.language):
        html = render_to_string(
            "knowledge/leaflet.html",
            {
                "translation": translation,
                "article": translation.article,
                "size": size,
                "url": url,
                "qr": qr_data_uri(url),
                "centres": Centre.objects.active(),
                "hotlines": Hotline.objects.all(),
            },
        )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
