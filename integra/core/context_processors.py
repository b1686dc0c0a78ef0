from django.conf import settings
from django.utils.translation import get_language

from integra.core.i18n import is_rtl
from integra.core.templatetags.integra import _interface_languages

# The same for every request: built once (the context processor runs on every page).
_CONSTANT = {
    "INTEGRA_DEMO": settings.INTEGRA_DEMO,
    "STAFF_IDLE_TIMEOUT": settings.STAFF_IDLE_TIMEOUT,
    "STAFF_IDLE_WARNING": settings.STAFF_IDLE_WARNING,
    "STAFF_IDLE_WARNING_MINUTES": max(1, settings.STAFF_IDLE_WARNING // 60),
}


def integra(request):
    language = get_language() or settings.LANGUAGE_CODE
    return {
        **_CONSTANT,
        "LANGUAGE_DIR": "rtl" if is_rtl(language) else "ltr",
        "INTERFACE_LANGUAGES": _interface_languages(),
    }
