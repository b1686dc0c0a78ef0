"""Many processes acting as one (issue 16 item 4): two gunicorn processes on PostgreSQL with a shared Redis
cache, and proof that what happens through one holds in the other — a rate limit, a lockout, a session
and a page-cache invalidation.

    .venv/bin/python bench/multiprocess_check.py

It creates (or resets) the database integra_bench_multi and Redis database 6, starts the two servers on
127.0.0.1:8781 and :8782 (one worker each: two processes that share nothing but the stores), prints one
line per check and exits non-zero if one fails. A few dozen requests in all; no load.
"""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.common import PRODUCTION_ENV, reset_postgres, wait_until_up  # noqa: E402

DB = "integra_bench_multi"
A, B = "http://127.0.0.1:8781", "http://127.0.0.1:8782"
ENV = {
    **PRODUCTION_ENV,
    "CACHE_URL": "redis://127.0.0.1:6379/6",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "FORUM_SIMILAR_LIMIT": "3",
}
PASSWORD = "bench-only-Password-2026"
SETUP = f"""
from tests.base import load_reference_data
from integra.accounts.models import User
load_reference_data()
for name in ("locked.member", "session.member"):
    User.objects.create_user(username=name, email=name + "@example.org", password={PASSWORD!r})
"""


class Browser:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()  # cookies are per host, not per port: both servers see them
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def get(self, url):
        return self._open(urllib.request.Request(url))

    def post(self, url, data):
        token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
        return self._open(urllib.request.Request(url, data=body, headers={"Referer": url}))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(browser: Browser, base: str, username: str, password: str):
    browser.get(f"{base}/en/accounts/login/")
    return browser.post(f"{base}/en/accounts/login/", {"username": username, "password": password})


def main() -> int:
    reset_postgres(DB)
    env = {**os.environ, **ENV}
    subprocess.run(["redis-cli", "-n", "6", "flushdb"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", SETUP], cwd=ROOT, env=env, check=True)
    servers = [
        subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "config.wsgi",
                "-b",
                base.removeprefix("http://"),
                "-w",
                "1",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        for base in (A, B)
    ]
    results = []

    def check(name: str, ok: bool, detail: str = "") -> None:
        results.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")

    try:
        for base in (A, B):
            wait_until_up(base + "/healthz")

        # 1. A rate limit counted through A holds in B (the forum's similar-question look-ups: 3 a minute).
        visitor = Browser()
        for word in ("visa", "work", "permit"):
            visitor.get(f"{A}/en/questions/similar/?q={word}")
        status, _headers, _body = visitor.get(f"{B}/en/questions/similar/?q=residence")
        check(
            "rate limit: three look-ups through A, the fourth through B is refused",
            status == 429,
            f"B answered {status}",
        )

        # 2. A lockout earned through A holds in B (five wrong passwords).
        attacker = Browser()
        for _ in range(5):
            sign_in(attacker, A, "locked.member", "wrong-password")
        status, _headers, body = sign_in(Browser(), B, "locked.member", PASSWORD)
        locked = status != 302 and "locked" in body.lower()
        check(
            "lockout: five failures through A, the right password through B is still refused",
            locked,
            f"B answered {status}",
        )

        # 3. A session opened through A is valid in B.
        member = Browser()
        status, _headers, _body = sign_in(member, A, "session.member", PASSWORD)
        status_b, _headers, body = member.get(f"{B}/en/accounts/me/")
        check("session: signed in through A, the account page through B", status == 302 and status_b == 200
              and "session.member" in body, f"A {status}, B {status_b}")  # fmt: skip

        # 4. A published change made in a third process reaches both servers' page caches within a second.
        reader = Browser()
        page = "/en/centres/sofia/"
        for base in (A, A, B):
            reader.get(base + page)
        _s, headers_a, _b = reader.get(A + page)
        _s, headers_b, _b = reader.get(B + page)
        cached = headers_a.get("X-Integra-Cache") == "hit" and headers_b.get("X-Integra-Cache") == "hit"
        change = (
            "from integra.centres.models import Centre\n"
            "c = Centre.objects.get(slug='sofia'); c.phone = '+35929398877'; c.save()\n"
        )
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", change], cwd=ROOT, env=env, check=True
        )
        time.sleep(1.2)
        seen = [re.sub(r"\s", "", reader.get(base + page)[2]) for base in (A, B)]
        check("page cache: both servers served the centre page from cache, then the new phone after the save",
              cached and all("29398877" in body for body in seen))  # fmt: skip
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
