"""Repeat callers without storing numbers: an HMAC-SHA256 of the E.164 number under a server key.

The key is derived from SECRET_KEY for this purpose only (core's derive_key("hotline:caller-number")), so
the hash in a database dump cannot be reversed by trying every Bulgarian number without the key.
"""

import hashlib
import hmac

import phonenumbers

from integra.core.crypto import derive_key

PURPOSE = "hotline:caller-number"


def _key() -> bytes:
    return derive_key(PURPOSE)


def normalise(number) -> str:
    """The E.164 form of a number ("+359…"), or "" when it is not a valid phone number (Bulgaria by default)."""
    text = str(number or "").strip()
    if not text:
        return ""
    try:
        parsed = phonenumbers.parse(text, "BG")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(parsed):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def caller_hash(number) -> str:
    """The keyed hash of a number; "" for no number or one that is not a phone number (withheld, anonymous)."""
    e164 = normalise(number)
    if not e164:
        return ""
    return hmac.new(_key(), e164.encode(), hashlib.sha256).hexdigest()
