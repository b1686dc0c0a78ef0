"""Keeping a rights officer's private key available during their session, and nowhere else.

After "Unlock reports" (password typed again), the private key is encrypted under a random
key that lives only in a separate HttpOnly cookie; the server-side session holds only the
ciphertext. A database (or session store) dump therefore never holds a usable private key,
and the cookie alone is useless without the session. Signing out, locking, or the 30-minute
idle timeout of staff sessions ends it.
"""

from django.conf import settings

from integra.violations import crypto

SESSION_KEY = "violations_private_key"
COOKIE_NAME = "integra_reports_key"


def store(request, response, private_key: bytes) -> None:
    cookie_key = crypto.new_key()
    request.session[SESSION_KEY] = crypto.b64(crypto.encrypt(cookie_key, private_key))
    response.set_cookie(
        COOKIE_NAME,
        crypto.b64(cookie_key),
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Strict",
    )


def private_key(request) -> bytes | None:
    sealed = request.session.get(SESSION_KEY)
    cookie = request.COOKIES.get(COOKIE_NAME)
    if not sealed or not cookie:
        return None
    try:
        return crypto.decrypt(crypto.unb64(cookie), crypto.unb64(sealed))
    except (crypto.DecryptionError, ValueError):
        return None


def forget(request, response) -> None:
    request.session.pop(SESSION_KEY, None)
    response.delete_cookie(COOKIE_NAME, samesite="Strict")
