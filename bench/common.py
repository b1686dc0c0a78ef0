"""What the benchmarks share: production-like settings for a server on 127.0.0.1, a fresh PostgreSQL
database, and waiting for a server to answer."""

import base64
import time
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
