"""Rate limits for the report pages, counted in the cache only.

See integra.core.ratelimit: the cache key is a keyed hash (under the violations server key) of
the scope and the client address, and it expires after the window; the address is never stored.
"""

from integra.core import ratelimit
from integra.violations.crypto import server_key

allow = ratelimit.limiter(
    "violations", setting="VIOLATIONS_RATE_LIMITS", key=lambda: server_key("violations:rate-limit")
)
