"""Languages people speak at a centre (wider than the interface languages), by endonym."""

SPOKEN_LANGUAGES: dict[str, str] = {
    "bg": "Български",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "ru": "Русский",
    "uk": "Українська",
    "tr": "Türkçe",
    "fr": "Français",
    "de": "Deutsch",
    "es": "Español",
    "ku": "Kurdî",
    "ps": "پښتو",
    "ur": "اردو",
    "hy": "Հայերեն",
    "zh": "中文",
    "vi": "Tiếng Việt",
}


def endonym(code: str) -> str:
    return SPOKEN_LANGUAGES.get(code, code)
