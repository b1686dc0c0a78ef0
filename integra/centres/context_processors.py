from django.core.cache import cache

from integra.centres.models import HOTLINES_CACHE_KEY, Hotline


def hotlines(request):
    """The hotline numbers shown in every page's footer (cached: they rarely change)."""
    rows = cache.get(HOTLINES_CACHE_KEY)
    if rows is None:
        rows = list(Hotline.objects.all())
        cache.set(HOTLINES_CACHE_KEY, rows, 300)
    return {"footer_hotlines": rows}
