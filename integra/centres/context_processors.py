from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from integra.centres.models import HOTLINES_CACHE_KEY, Hotline


def hotlines(request):
    """The hotline numbers shown in every page's footer, read only when a page shows them: the footer is a
    fragment kept per content version, so this runs once per process, language and version, not per request
    (the shared cache holds the rows; a hotline's save clears them)."""
    return {"footer_hotlines": SimpleLazyObject(_hotlines)}


def _hotlines() -> list[Hotline]:
    rows = cache.get(HOTLINES_CACHE_KEY)
    if rows is None:
        rows = list(Hotline.objects.all())
        cache.set(HOTLINES_CACHE_KEY, rows, 300)
    return rows
