"""Rate limits of the public booking and of the change/cancel look-up, counted in the cache only.

See integra.core.ratelimit: the cache key is a keyed hash of the scope and the client address (or the
normalised phone number / e-mail, or the booking reference); none of them is stored.
"""

from integra.core import ratelimit
from integra.core.crypto import derive_key

allow = ratelimit.limiter("booking", setting="BOOKING_RATE_LIMITS", key=lambda: derive_key("booking:rate-limit"))


def contacts(phone: str, email: str) -> list[str]:
    """The identities a booking counts against: the phone in E.164 and the e-mail in lower case."""
    found = []
    if phone:
        found.append(f"phone:{phone}")
    if email:
        found.append(f"email:{email.strip().lower()}")
    return found


def allow_booking(request, *, phone: str, email: str) -> bool:
    """One booking sent: counted per address and per contact; False if any of them is past its limit."""
    results = [allow(request, "address")] + [allow(request, "contact", who=who) for who in contacts(phone, email)]
    return all(results)


def allow_find(request, reference: str) -> bool:
    """One change/cancel look-up: counted per address and per booking reference."""
    reference = (reference or "").strip().upper()[:16]
    return all([allow(request, "find"), allow(request, "find_reference", who=f"reference:{reference}")])
