"""The rate limit on asking, counted in the cache only.

The cache key is a keyed hash (HMAC-SHA256 under a key derived from SECRET_KEY) of the client
address and it expires with the window: no address is stored with a question or anywhere else.
"""

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.cache import cache


def _key() -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"forum:rate-limit").derive(
        settings.SECRET_KEY.encode()
    )


def bucket(request, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(_key(), f"{scope}|{address}".encode(), hashlib.sha256).hexdigest()
    return f"forum:rl:{scope}:{digest[:32]}"


def allow(request, scope: str = "ask") -> bool:
    """Count one request in this scope; False once the limit for the window is passed."""
    limit, window = settings.FORUM_RATE_LIMITS[scope]
    key = bucket(request, scope)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
