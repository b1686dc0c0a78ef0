"""A growing delay per username after repeated wrong passwords, from any address.

django-axes locks the (username, address) pair; this slows guessing one account from many
addresses without letting anyone lock its owner out: after LOGIN_DELAY_AFTER_FAILURES failures
each further attempt for that username must wait 1, 2, 4 … seconds (at most
LOGIN_DELAY_MAX_SECONDS) after the last failure. Counted in the shared cache under a keyed hash,
so every app process sees the same count and no username is stored in clear.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

WINDOW = 24 * 3600  # failures are forgotten a day after the last one


def _key(username: str) -> str:
    digest = salted_hmac("integra.accounts.login-delay", (username or "").strip().lower()).hexdigest()
    return f"login-delay:{digest[:32]}"


def _delay(failures: int) -> int:
    over = failures - settings.LOGIN_DELAY_AFTER_FAILURES
    if over < 0:
        return 0
    return min(2**over, settings.LOGIN_DELAY_MAX_SECONDS)


def seconds_to_wait(username: str, *, now: float | None = None) -> int:
    """How long the next attempt for this username must wait (0: it may go ahead)."""
    state = cache.get(_key(username))
    if not state:
        return 0
    failures, last = state
    now = time.time() if now is None else now
    return max(0, int(last + _delay(failures) - now + 0.999))


def record_failure(username: str, *, now: float | None = None) -> None:
    key = _key(username)
    failures, _last = cache.get(key) or (0, 0.0)
    cache.set(key, (failures + 1, time.time() if now is None else now), timeout=WINDOW)


def reset(username: str) -> None:
    cache.delete(_key(username))
