"""The events' rate limits (the anonymous "was this useful?" card), counted in the cache only.

See integra.core.ratelimit: the cache key is a keyed hash of the address, which is never stored.
"""

from integra.core import ratelimit
from integra.core.crypto import derive_key

allow = ratelimit.limiter("events", setting="EVENT_FEEDBACK_RATE_LIMITS", key=lambda: derive_key("events:rate-limit"))
