from django import template
from django.conf import settings

from integra.core.i18n import pick
from integra.core.languages import endonym as _endonym

register = template.Library()

_CODES = {code for code, _name in settings.LANGUAGES}


@register.filter
def tr(translations):
    """{{ centre.name|tr }}: the text in the visitor's language, with fallback."""
    return pick(translations)


@register.filter
def endonym(code):
    return _endonym(code)


@register.simple_tag(takes_context=True)
def url_in_language(context, code):
    """The current page in another interface language (the language chooser's links).

    Integra's URL paths are not translated, only prefixed with the language, so swapping the
    prefix is enough (and much cheaper than resolving the URL once per language on every page).
    """
    request = context.get("request")
    if request is None:
        return f"/{code}/"
    parts = request.get_full_path().split("/", 2)
    if len(parts) > 2 and parts[1] in _CODES:
        return f"/{code}/{parts[2]}"
    return f"/{code}/"
