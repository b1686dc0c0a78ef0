"""Deployment checks of our own (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate limits, lockouts, login delays, the page cache's content version and the wizard's grants live in
    the cache: with several app processes it must be one cache they all share (Redis or the database)."""
    backend = settings.CACHES["default"]["BACKEND"]
    if not settings.DEBUG and backend in PER_PROCESS_CACHES:
        return [
            Error(
                "The cache is per process (CACHE_URL=locmem://): each gunicorn process would keep its own rate "
                "limits, lockouts and page-cache version.",
                hint="Set CACHE_URL=redis://… or CACHE_URL=db:// (then run `manage.py createcachetable`).",
                id="integra.E001",
            )
        ]
    return []
