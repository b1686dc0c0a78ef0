"""The forum's rate limits (asking, replying, similar-question look-ups), counted in the cache only.

See integra.core.ratelimit: the cache key is a keyed hash of the address, which is never stored.
"""

from integra.core import ratelimit
from integra.core.crypto import derive_key


def _key() -> bytes:
    return derive_key("forum:rate-limit")


def bucket(request, scope: str) -> str:
    return ratelimit.bucket(request, namespace="forum", scope=scope, key=_key())


allow = ratelimit.limiter("forum", setting="FORUM_RATE_LIMITS", key=_key)
