"""Article text is HTML from a small allow-list, cleaned with nh3 when saved and again when shown.

Editors may also type plain text: paragraphs separated by blank lines, lines starting with
"- " become a list. Anything else (scripts, styles, event handlers, unclosed tags) is removed
or closed by the HTML5 parser, never executed.
"""

import html
import re

import nh3

TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "abbr", "code", "hr",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "hreflang"}, "abbr": {"title"}, "th": {"scope"}, "td": {"colspan"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_TAG = re.compile(r"<\s*/?\s*(" + "|".join(sorted(TAGS, key=len, reverse=True)) + r")\b", re.I)
_BLOCK = re.compile(r"</?(p|h[1-6]|ul|ol|li|blockquote|table|tr|dl|dt|dd|br|hr)\b[^>]*>", re.I)


def clean_html(value: str) -> str:
    return nh3.clean(
        value or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def plain_to_html(value: str) -> str:
    """Blank-line separated paragraphs; a block of "- " lines becomes a list."""
    blocks = []
    for block in re.split(r"\n\s*\n", (value or "").replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith(("- ", "* ")) for line in lines):
            items = "".join(f"<li>{html.escape(line[2:].strip())}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
    return "\n".join(blocks)


def prepare_body(value: str) -> str:
    """What is stored: plain text turned into paragraphs, HTML cleaned."""
    value = (value or "").strip()
    if not _TAG.search(value):
        value = plain_to_html(value)
    return clean_html(value)


def html_to_text(value: str, *, paragraphs: bool = False) -> str:
    """Plain text of cleaned HTML (for the search index and diffs)."""
    value = _BLOCK.sub("\n" if paragraphs else " ", value or "")
    text = html.unescape(nh3.clean(value, tags=set()))
    if paragraphs:
        return "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return " ".join(text.split())
