"""Rate limits counted in the cache only.

The cache key is a keyed hash (HMAC-SHA256) of the scope and the client address (or another
identity), and it expires with the window: the address itself is never stored anywhere.
"""

import hashlib
import hmac
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from integra.core.net import client_ip


def bucket(request, *, namespace: str, scope: str, key: bytes, who: str | None = None) -> str:
    """The cache key counting this client's requests in a scope (no address in it)."""
    who = who if who is not None else client_ip(request)
    digest = hmac.new(key, f"{scope}|{who}".encode(), hashlib.sha256).hexdigest()
    return f"{namespace}:rl:{scope}:{digest[:32]}"


def allow(request, *, namespace: str, scope: str, limit: int, window: int, key: bytes, who: str | None = None) -> bool:
    """Count one request in this scope; False once more than `limit` came within `window` seconds."""
    name = bucket(request, namespace=namespace, scope=scope, key=key, who=who)
    cache.add(name, 0, timeout=window)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=window)
        count = 1
    return count <= limit


def limiter(namespace: str, *, setting: str, key: Callable[[], bytes]) -> Callable[..., bool]:
    """One app's allow(request, scope, who=None): the limits are read from the named setting (a dict
    scope -> (count, seconds), defined once in config/settings.py), the buckets keyed under key()."""

    def allow_scope(request, scope: str, who: str | None = None) -> bool:
        limit, window = getattr(settings, setting)[scope]
        return allow(request, namespace=namespace, scope=scope, limit=limit, window=window, key=key(), who=who)

    allow_scope.__doc__ = f"Count one request in this scope (limits from settings.{setting}); False once past."
    return allow_scope
