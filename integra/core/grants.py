"""Session-bound grants: a secret link is exchanged once for access that lives in the browser session.

A view that receives a token in its path checks it, calls `grant()` and redirects to a URL without
the token; the token-less page calls `granted()`. So the token appears in one request only (whose
log line is redacted, see integra.core.logging), never in later requests, the history or a referrer.
"""

import time

SESSION_KEY = "integra.grants"


def grant(request, scope: str, value, max_age: int) -> None:
    """Let this browser session see `value` in `scope` for `max_age` seconds (the latest grant wins)."""
    grants = {k: v for k, v in request.session.get(SESSION_KEY, {}).items() if v[1] > time.time()}
    grants[scope] = [value, time.time() + max_age]
    request.session[SESSION_KEY] = grants


def granted(request, scope: str):
    """The value granted in `scope` to this session, or None (never granted, or expired)."""
    value, expires = request.session.get(SESSION_KEY, {}).get(scope, (None, 0))
    return value if expires > time.time() else None


def revoke(request, scope: str) -> None:
    grants = dict(request.session.get(SESSION_KEY, {}))
    if grants.pop(scope, None) is not None:
        request.session[SESSION_KEY] = grants
