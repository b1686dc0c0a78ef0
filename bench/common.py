"""What the benchmarks share: production-like settings for a server on 127.0.0.1, a fresh PostgreSQL
database, and waiting for a server to answer."""

import base64
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

# DEBUG off and production settings, with bench-only secrets and plain HTTP on 127.0.0.1.
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789-0123456789",
    "FIELD_ENCRYPTION_KEY": base64.b64encode(b"bench-only-field-key-32-bytes-00").decode(),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "STATIC_MANIFEST": "0",
    "LOG_LEVEL": "WARNING",
}


def reset_postgres(name: str) -> None:
    """Drop and create a database on the local PostgreSQL server."""
    import psycopg  # noqa: PLC0415 - only the PostgreSQL benchmarks need it

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def wait_until_up(url: str, attempts: int = 100) -> None:
    for _ in range(attempts):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser walking a wizard at `path`: its own cookies (session, CSRF), redirects not followed."""

    def __init__(self, base: str, path: str):
        self.base, self.path = base, path
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.page = ""
        self.location = ""

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(path if path.startswith("http") else self.base + path, data=body)
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:  # a redirect too, since redirects are not followed
            self.location = error.headers.get("Location", "")
            return error.code, error.read().decode(errors="replace")

    def answer(self, step, fields):
        """Answer one step from the page last seen; returns the status (the page is kept)."""
        state = re.search(r'name="wizard_state" value="([^"]+)"', self.page).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.page).group(1)
        data = {"csrfmiddlewaretoken": token, "wizard_state": state, "wizard_step": step, **fields}
        status, self.page = self.request(self.path, data)
        if status == 303:  # the wizard's post/redirect/get: the next question
            status, self.page = self.request(self.location)
        return status
