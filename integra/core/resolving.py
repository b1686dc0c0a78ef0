"""The language-prefixed URLs, resolved once per process, language and path (issue 16).

Every public app is included at the root of the language prefix (`path("", include(...))`), so Django tries
the patterns of every app before the one that answers: 135 function calls to resolve the home page, 600 for
the courses list, on every request. A path that resolved is remembered (a bounded LRU keyed by the active
language and the path): the pattern list cannot change while the process runs, and Django's root resolver
builds a new ResolverMatch (with its own kwargs) from the remembered one for each request. A path that does
not resolve is never remembered (it is tried again, and its 404 lists what was tried, as before)."""

import functools

from django.conf import settings
from django.urls import LocalePrefixPattern, URLResolver
from django.utils.translation import get_language

REMEMBERED_PATHS = 4096


class RememberingResolver(URLResolver):
    def resolve(self, path):
        return self._resolve(get_language(), str(path))

    @functools.cached_property
    def _resolve(self):
        @functools.lru_cache(maxsize=REMEMBERED_PATHS)
        def resolve(_language, path):  # the language is in the key: the prefix matched depends on it
            return super(RememberingResolver, self).resolve(path)

        return resolve


def i18n_patterns(*urls, prefix_default_language=True):
    """As django.conf.urls.i18n.i18n_patterns, with the resolved paths remembered."""
    if not settings.USE_I18N:
        return list(urls)
    return [RememberingResolver(LocalePrefixPattern(prefix_default_language=prefix_default_language), list(urls))]
