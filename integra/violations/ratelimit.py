"""Rate limits for the report pages, counted in the cache only.

See integra.core.ratelimit: the cache key is a keyed hash (under the violations server key) of
the scope and the client address, and it expires after the window; the address is never stored.
"""

from django.conf import settings

from integra.core import ratelimit
from integra.violations.crypto import server_key

DEFAULT_LIMITS = {
    "submit": (5, 3600),  # reports sent per hour
    "receipt": (10, 900),  # receipts tried per 15 minutes
    "write": (30, 3600),  # answers and files added per hour
    "unlock": (5, 900),  # a rights officer's password attempts on "Unlock reports", per account
}


def limits() -> dict:
    return {**DEFAULT_LIMITS, **getattr(settings, "VIOLATIONS_RATE_LIMITS", {})}


def allow(request, scope: str, who: str | None = None) -> bool:
    """Count one request in this scope (per client address, or per `who`); False once past the limit."""
    limit, window = limits()[scope]
    key = server_key("violations:rate-limit")
    return ratelimit.allow(request, namespace="violations", scope=scope, limit=limit, window=window, key=key, who=who)
