"""Content in several languages, kept as {language code: text} in a JSON field."""

from django.conf import settings
from django.utils.translation import get_language

FALLBACK_ORDER = ("en", "bg")


def pick(translations: dict | None, language: str | None = None) -> str:
    """The text in the active language, else English, else Bulgarian, else any."""
    if not translations:
        return ""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (language, *FALLBACK_ORDER):
        if translations.get(code):
            return translations[code]
    return next((text for text in translations.values() if text), "")


def is_rtl(language: str | None = None) -> bool:
    return (language or get_language() or "").split("-")[0] in settings.LANGUAGES_BIDI
