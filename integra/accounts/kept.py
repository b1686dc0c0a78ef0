"""What someone typed into a back-office form when their session had ended (issue 11 item 15).

Staff sessions end after STAFF_IDLE_TIMEOUT idle seconds. A form sent after that would be lost
behind the sign-in page; instead its fields are kept, encrypted, in the new session for
KEPT_FORM_SECONDS. After signing in again the person sees what they typed and sends it again
themselves (nothing is replayed on their behalf). Passwords, codes and files are never kept.
"""

import json
import time

from django.conf import settings

from integra.core.crypto import DecryptionError, decrypt, encrypt

SESSION_KEY = "integra_kept_form"
NEVER_KEPT = ("csrfmiddlewaretoken", "password", "otp_token", "token")


def _kept_field(name: str) -> bool:
    return not any(word in name.lower() for word in NEVER_KEPT)


def keep(request) -> None:
    """Keep the fields of this POST (a form sent while signed out) for after signing in."""
    fields = [(name, value) for name, values in request.POST.lists() if _kept_field(name) for value in values]
    if not fields:
        return
    payload = {"path": request.get_full_path(), "fields": fields, "files": bool(request.FILES)}
    request.session[SESSION_KEY] = {
        "data": encrypt(json.dumps(payload)),
        "until": time.time() + settings.KEPT_FORM_SECONDS,
    }


def kept(request) -> dict | None:
    """The kept form ({"path", "fields", "files"}) if there is one and it has not expired."""
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return None
    if stored.get("until", 0) < time.time():
        discard(request)
        return None
    try:
        return json.loads(decrypt(stored["data"]))
    except (DecryptionError, KeyError, ValueError):
        discard(request)
        return None


def discard(request) -> None:
    request.session.pop(SESSION_KEY, None)
