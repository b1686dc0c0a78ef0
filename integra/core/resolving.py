"""The language-prefixed URLs, resolved once per process, language and path (issue 16).

Every public app is included at the root of the language prefix (`path("", include(...))`), so Django tries
the patterns of every app before the one that answers: 135 function calls to resolve the home page, 600 for
the courses list, on every request. A path that resolved is remembered (keyed by the active language and the
path; at most REMEMBERED_PATHS, then forgotten all at once): the pattern list cannot change while the process
runs, and Django's root resolver builds a new ResolverMatch (with its own kwargs) from the remembered one for
each request. Never remembered: a path that does not resolve (it is tried again, and its 404 lists what was
tried, as before) and a path with free text in it (a `str` part: private links' tokens, certificate codes),
which is not kept in memory beyond its request."""

from django.conf import settings
from django.urls import LocalePrefixPattern, URLResolver
from django.utils.translation import get_language

REMEMBERED_PATHS = 4096


class RememberingResolver(URLResolver):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._remembered: dict[tuple[str | None, str], object] = {}

    def resolve(self, path):
        key = (get_language(), str(path))  # the language is in the key: the prefix matched depends on it
        found = self._remembered.get(key)
        if found is None:
            found = super().resolve(path)
            if "<str:" not in found.route:
                if len(self._remembered) >= REMEMBERED_PATHS:
                    self._remembered.clear()
                self._remembered[key] = found
        return found


def i18n_patterns(*urls, prefix_default_language=True):
    """As django.conf.urls.i18n.i18n_patterns, with the resolved paths remembered."""
    if not settings.USE_I18N:
        return list(urls)
    return [RememberingResolver(LocalePrefixPattern(prefix_default_language=prefix_default_language), list(urls))]
