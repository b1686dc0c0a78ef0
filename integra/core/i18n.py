"""Content in several languages, kept as {language code: text} in a JSON field."""

from django.conf import settings
from django.utils.translation import get_language

FALLBACK_ORDER = ("en", "bg")


def pick(translations: dict | None, language: str | None = None) -> str:
    """The text in the active language, else English, else Bulgarian, else any."""
    return pick_with_language(translations, language)[0]


def pick_with_language(translations: dict | None, language: str | None = None) -> tuple[str, str]:
    """(text, the language it is in), chosen as pick() does; ("", "") when there is no text at all."""
    if not translations:
        return "", ""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (language, *FALLBACK_ORDER):
        if translations.get(code):
            return translations[code], code
    return next(((text, code) for code, text in translations.items() if text), ("", ""))


def direction(language: str) -> str:
    return "rtl" if is_rtl(language) else "ltr"


def is_rtl(language: str | None = None) -> bool:
    return (language or get_language() or "").split("-")[0] in settings.LANGUAGES_BIDI


def in_page_language(language: str | None) -> bool:
    """Whether text in `language` needs no mark of its own on the page being rendered."""
    page = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return not language or language.split("-")[0] == page
