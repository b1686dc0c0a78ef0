"""Sending a report through the public pages, as a reporter does."""

import re

URL = "/en/report/"
FOLLOW_URL = "/en/report/follow/"
KNOWN_PHRASE = "the inspector tore up my blue residence card"
KNOWN_ADDRESS = "203.0.113.77"

ANSWERS = [
    ("category", {"category-category": "authority_conduct"}),
    ("place", {"place-institution": "Migration office on Kneginya Maria Luiza", "place-institution_kind": "migration"}),
    ("city", {"city-city": "plovdiv"}),
    ("when", {"when-when": "2025-11-03"}),
    ("description", {"description-description": f"At the counter {KNOWN_PHRASE} and laughed."}),
    ("contact", {"contact-contact_by": "email", "contact-email": "reporter@example.net"}),
    ("identity", {"identity-name": "Amira Haddad"}),
]


def state_of(response) -> str:
    return re.search(r'name="wizard_state" value="([^"]+)"', response.content.decode()).group(1)


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def receipt_of(response) -> str:
    match = re.search(r'class="receipt"[^>]*><strong>([\d ]+)</strong>', response.content.decode())
    return match.group(1).replace(" ", "")


def wizard_post(client, page, step, fields, url=URL, **extra):
    """One answer: a POST answered by a 303 to the next page (post/redirect/get), followed."""
    response = client.post(url, {"wizard_state": state_of(page), "wizard_step": step, **fields}, **extra)
    return client.get(response["Location"], **extra) if response.status_code == 303 else response


def fill_in(client, url=URL, answers=None, first=None, **extra):
    """Answer every question; returns the check-your-answers page."""
    page = client.get(url, **extra)
    for step, fields in ([first] if first else []) + list(answers or ANSWERS):
        page = wizard_post(client, page, step, fields, url=url, **extra)
        assert page.status_code == 200, page.content
    assert "Check your answers" in page.content.decode()
    return page


def submit(client, url=URL, answers=None, **extra):
    """Send a report; returns the confirmation page."""
    check = fill_in(client, url=url, answers=answers, **extra)
    return wizard_post(client, check, "check", {}, url=url, **extra)


def sent(response) -> bool:
    return 'class="receipt"' in response.content.decode()


def tiny_pdf(*, author: str = "", xmp: str = "", extra_root: dict | None = None, padding: int = 0) -> bytes:
    """A real one-page PDF, optionally with an /Author, an XMP packet, extra catalogue entries, a long page."""
    import io  # noqa: PLC0415

    from pypdf import PdfWriter  # noqa: PLC0415
    from pypdf.generic import DecodedStreamObject, NameObject  # noqa: PLC0415

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    if padding:
        content = DecodedStreamObject()
        content.set_data(b"%" + b"0" * padding + b"\n")
        page[NameObject("/Contents")] = writer._add_object(content)
    if author:
        writer.add_metadata({"/Author": author, "/Title": f"Statement by {author}"})
    if xmp:
        stream = DecodedStreamObject()
        stream.set_data(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{xmp}</dc:creator></x:xmpmeta>'.encode())
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    for key, value in (extra_root or {}).items():
        writer._root_object[NameObject(key)] = value
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
