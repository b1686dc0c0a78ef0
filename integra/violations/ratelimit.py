"""Rate limits for the report pages, counted in the cache only.

The cache key is a keyed hash (HMAC-SHA256 under a server key) of the scope and the client
address, and it expires after the window: the address itself is never stored anywhere.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from integra.violations.crypto import server_key

DEFAULT_LIMITS = {
    "submit": (5, 3600),  # reports sent per hour
    "receipt": (10, 900),  # receipts tried per 15 minutes
    "write": (30, 3600),  # answers and files added per hour
    "unlock": (5, 900),  # a rights officer's password attempts on "Unlock reports", per account
}


def limits() -> dict:
    return {**DEFAULT_LIMITS, **getattr(settings, "VIOLATIONS_RATE_LIMITS", {})}


def _bucket(request, scope: str, who: str | None = None) -> str:
    who = who if who is not None else request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(server_key("violations:rate-limit"), f"{scope}|{who}".encode(), hashlib.sha256)
    return f"violations:rl:{scope}:{digest.hexdigest()[:32]}"


def allow(request, scope: str, who: str | None = None) -> bool:
    """Count one request in this scope (per client address, or per `who`); False once past the limit."""
    limit, window = limits()[scope]
    key = _bucket(request, scope, who)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
