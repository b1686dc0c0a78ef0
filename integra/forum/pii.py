"""Spotting likely personal data in a question before it is published (for moderators to edit out).

`find_personal_data(text)` returns what looks like phone numbers, e-mail addresses, Bulgarian
personal numbers (ЕГН, ЛНЧ: ten digits), passport-like document numbers and "my name is …"
phrases in the interface languages. It flags, it never edits: a moderator decides.
"""

import re
from dataclasses import dataclass

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run of at least 7 digits, allowing spaces, dots, dashes, slashes and brackets between them, optional +.
PHONE = re.compile(r"(?<![\w+])\+?\(?\d(?:[\s().\-/]{0,2}\d){6,14}(?!\w)")
# ЕГН and ЛНЧ: exactly ten digits on their own.
PERSONAL_NUMBER = re.compile(r"(?<!\d)\d{10}(?!\d)")
# Passport-like document numbers: one or two letters followed by 6–9 digits (e.g. "AB1234567", "№ 645123987").
DOCUMENT = re.compile(r"(?<![\w])(?:[A-ZА-Я]{1,2}\s?\d{6,9}|№\s?\d{6,10})(?!\w)")
NAME_PHRASES = [
    r"my name is",
    r"i am called",
    r"казвам се",
    r"името ми е",
    r"меня зовут",
    r"моё имя",
    r"мое имя",
    r"мене звати",
    r"моє ім'я",
    r"моє ім’я",
    r"benim adım",
    r"ismim",
    r"اسمي",
    r"اسم من",
    r"نام من",
]
NAME = re.compile(r"(?:" + "|".join(NAME_PHRASES) + r")\s*[:\-–]?\s*(\w[\w'’-]*(?:\s+\w[\w'’-]*)?)", re.IGNORECASE)

KINDS = {
    "email": "e-mail address",
    "phone": "phone number",
    "personal_number": "personal number (ЕГН/ЛНЧ)",
    "document": "document number",
    "name": "name",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text}


def find_personal_data(text: str) -> list[Finding]:
    text = text or ""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, match: re.Match, group: int = 0) -> None:
        start, end = match.span(group)
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            return
        taken.append((start, end))
        found.append(Finding(kind, match.group(group), start, end))

    for match in EMAIL.finditer(text):
        add("email", match)
    for match in PERSONAL_NUMBER.finditer(text):
        add("personal_number", match)
    for match in DOCUMENT.finditer(text):
        add("document", match)
    for match in PHONE.finditer(text):
        add("phone", match)
    for match in NAME.finditer(text):
        add("name", match, 1)
    return sorted(found, key=lambda finding: finding.start)
