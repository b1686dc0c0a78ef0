"""Whole public pages for visitors without a session, served before the session, authentication and
CSRF work (issue 16).

A hit is served from this process's memory; the shared cache (Redis or the database cache in
production) stands behind it, so a page rendered by one process is a hit in the others too. Every
entry is keyed by the **content version**: a counter in the shared cache that any save or delete of
public content bumps (the models in settings.PAGE_CACHE_MODELS, through signals, so no service can
forget). Each process reads the counter at most every PAGE_CACHE_VERSION_SECONDS (1 s), so a published
change reaches every process within about a second; entries also expire after PAGE_CACHE_SECONDS so
that time-dependent text ("open now") is never older than that.

Never cached: a request that carries a session or messages cookie, anything but GET, the back office,
the API, accounts and the admin; a response that is not a 200, sets a cookie (a CSRF token, a
message, a session), varies on anything but language and cookie, or says private / no-store /
no-cache. What is stored is the body and its headers, nothing about the visitor.
"""

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

VERSION_KEY = "integra:pagecache:version"
SKIPPED_PARTS = ("/staff/", "/accounts/", "/api/", "/admin/", "/telephony/", "/hsds/", "/healthz")
KEPT_VARY = {"accept-language", "cookie"}
NEVER_STORE_CACHE_CONTROL = ("private", "no-store", "no-cache", "max-age=0")


class _Memory:
    """A small LRU of rendered pages in this process, bounded by entries and bytes."""

    def __init__(self):
        self.lock = Lock()
        self.entries: OrderedDict[str, tuple[float, dict]] = OrderedDict()
        self.size = 0
        self.version: tuple[float, int] | None = None  # (read at, value)
        self.fragments: OrderedDict[tuple, object] = OrderedDict()  # see remember()

    def get(self, key: str) -> dict | None:
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            expires, entry = found
            if expires < time.monotonic():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict, seconds: int) -> None:
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (time.monotonic() + seconds, entry)
            self.size += len(entry["content"])
            while self.entries and (
                len(self.entries) > settings.PAGE_CACHE_MAX_ENTRIES or self.size > settings.PAGE_CACHE_MAX_BYTES
            ):
                self._drop(next(iter(self.entries)))

    def _drop(self, key: str) -> None:
        _expires, entry = self.entries.pop(key)
        self.size -= len(entry["content"])

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.fragments.clear()
            self.size = 0
            self.version = None


memory = _Memory()


def content_version() -> int:
    """The shared content version, read from the shared cache at most every PAGE_CACHE_VERSION_SECONDS."""
    now = time.monotonic()
    known = memory.version
    if known is not None and now - known[0] < settings.PAGE_CACHE_VERSION_SECONDS:
        return known[1]
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        value = cache.get(VERSION_KEY, 1)
    memory.version = (now, int(value))
    return int(value)


def bump_content_version(**_signal_kwargs) -> None:
    """Public content changed: every process's cached pages are stale from now (within a second).

    Bumped at once (this process's next page shows the change) and again when the transaction commits:
    another process rendering between the two would read the old rows under the new version and keep
    that page until the next change; the second bump makes it stale. Outside a transaction both run now."""
    _bump()
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    memory.version = None  # this process sees its own change at once


FRAGMENTS_MAX = 500


def remember(key: tuple, compute: Callable[[], object]) -> object:
    """A value made from public content only (a rendered header or footer, the footer's hotlines), kept
    in this process's memory for the current content version: computed once per process and version,
    so a published change replaces it in every process within PAGE_CACHE_VERSION_SECONDS, as cached
    pages are. Never for anything that depends on the visitor; the key must name everything else it
    depends on (the language, for text). Works with the page cache off too (it is the uncached path's).
    A compute that returns None is not kept."""
    full_key = (content_version(), *key)
    fragments = memory.fragments
    try:
        value = fragments[full_key]
    except KeyError:
        value = compute()
        if value is None:  # not to be kept (e.g. a fragment holding a per-visitor token)
            return None
        with memory.lock:
            fragments[full_key] = value
            while len(fragments) > FRAGMENTS_MAX:
                fragments.popitem(last=False)
    return value


def connect_signals() -> None:
    for label in settings.PAGE_CACHE_MODELS:
        model = apps.get_model(label)
        uid = f"pagecache:{label}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(bump_content_version, sender=field.remote_field.through, dispatch_uid=uid + field.name)


def _cacheable_request(request) -> bool:
    if not settings.PAGE_CACHE_SECONDS or request.method != "GET":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    path = request.path
    return not any(part in path for part in SKIPPED_PARTS)


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_page_cache_off", False):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in NEVER_STORE_CACHE_CONTROL):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= KEPT_VARY


def _key(request, version: int) -> str:
    """Short and collision-free whatever the length of the URL (a hash of the full path and query)."""
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"integra:page:{version}:{digest}"


def _response(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Integra-Cache"] = "hit"
    return response


class PublicPageCacheMiddleware:
    """Placed right after SecurityMiddleware and WhiteNoise: a hit skips everything below it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        version = content_version()
        key = _key(request, version)
        entry = memory.get(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                memory.put(key, entry, settings.PAGE_CACHE_SECONDS)
        if entry is not None:
            return _response(entry)
        response = self.get_response(request)
        if _cacheable_response(request, response):
            patch_vary_headers(response, ["Cookie"])
            entry = {
                "content": response.content,
                "headers": [(k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "content-length")],
            }
            memory.put(key, entry, settings.PAGE_CACHE_SECONDS)
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Integra-Cache"] = "miss"
        return response


def never_cache_page(request) -> None:
    """For a view whose answer depends on the visitor although no cookie says so (e.g. a rate-limit page)."""
    request._page_cache_off = True


def lazy_filtered_list(request, *, form_class, queryset: Callable, per_page: int, name: str) -> dict:
    """The context of a public list whose main part is a fragment: the filters' form and the page of rows are
    made only when the fragment is made (nothing is read when it is kept). The form is also the layout's
    `form` (an "Error:" title) only when filters were sent."""
    from django.core.paginator import Paginator  # noqa: PLC0415 - views only
    from django.utils.functional import SimpleLazyObject  # noqa: PLC0415
    from django.utils.translation import get_language  # noqa: PLC0415

    filters = SimpleLazyObject(lambda: form_class(request.GET or None))
    page = SimpleLazyObject(
        lambda: Paginator(filters.filter(queryset()), per_page).get_page(request.GET.get("page"))
    )
    context = {
        "filters": filters, "page": page, name: SimpleLazyObject(lambda: page.object_list),
        "query_string": request.META.get("QUERY_STRING", ""), "language": get_language(),
    }  # fmt: skip
    if request.GET:
        context["form"] = filters
    return context
