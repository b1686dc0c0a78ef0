"""Flagging likely personal data in a question, for moderators to edit out."""

import pytest

from integra.forum.pii import find_personal_data


def kinds(text):
    return [(f.kind, f.text) for f in find_personal_data(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Write to me at ivan.petrov@example.bg please", [("email", "ivan.petrov@example.bg")]),
        ("Call me on +359 88 123 4567 tomorrow", [("phone", "+359 88 123 4567")]),
        ("my number 0888-123-456", [("phone", "0888-123-456")]),
        ("ЕГН 8001011234 is on the card", [("personal_number", "8001011234")]),
        ("ЛНЧ: 1002003004", [("personal_number", "1002003004")]),
        ("passport AB1234567 expired", [("document", "AB1234567")]),
        ("лична карта № 645123987", [("document", "№ 645123987")]),
        ("Hello, my name is Amira Haddad and I work", [("name", "Amira Haddad")]),
        ("Здравейте, казвам се Иван Петров", [("name", "Иван Петров")]),
        ("Меня зовут Ольга", [("name", "Ольга")]),
        ("Мене звати Оксана Коваль", [("name", "Оксана Коваль")]),
        ("Merhaba, benim adım Ahmet Yılmaz", [("name", "Ahmet Yılmaz")]),
        ("مرحبا اسمي أحمد", [("name", "أحمد")]),
        ("سلام، نام من علی رضایی", [("name", "علی رضایی")]),
    ],
)
def test_it_flags_likely_personal_data(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "How do I renew my residence permit for 2026?",
        "I have lived here 3 years and pay 120 leva a month.",
        "Bir adım daha atmak istiyorum.",
        "",
    ],
)
def test_it_does_not_flag_ordinary_text(text):
    assert kinds(text) == []


def test_a_number_is_flagged_once_with_the_most_specific_kind():
    assert kinds("8001011234") == [("personal_number", "8001011234")]


def test_findings_come_in_the_order_of_the_text():
    found = kinds("a@b.org then +359 2 987 6543")
    assert [kind for kind, _text in found] == ["email", "phone"]
