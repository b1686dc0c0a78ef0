"""The knowledge base's rate limits (anonymous article feedback), counted in the cache only.

See integra.core.ratelimit: the cache key is a keyed hash of the address, which is never stored.
"""

from integra.core import ratelimit
from integra.core.crypto import derive_key

allow = ratelimit.limiter("knowledge", setting="KNOWLEDGE_RATE_LIMITS", key=lambda: derive_key("knowledge:rate-limit"))
