from django.conf import settings
from django.utils.translation import get_language, get_language_info

from integra.core.i18n import is_rtl


def integra(request):
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "LANGUAGE_DIR": "rtl" if is_rtl(language) else "ltr",
        "INTERFACE_LANGUAGES": [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES],
        "INTEGRA_DEMO": settings.INTEGRA_DEMO,
        "STAFF_IDLE_TIMEOUT": settings.STAFF_IDLE_TIMEOUT,
        "STAFF_IDLE_WARNING": settings.STAFF_IDLE_WARNING,
        "STAFF_IDLE_WARNING_MINUTES": max(1, settings.STAFF_IDLE_WARNING // 60),
    }
