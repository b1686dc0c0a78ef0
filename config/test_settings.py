"""Settings for the test suite: production settings with test-friendly defaults.

DATABASE_URL still comes from the environment, so the same suite runs on SQLite
(default) and PostgreSQL (`DATABASE_URL=postgres://…`).
"""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-0123456789abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# A fixed test key for integra.core.crypto (never used outside tests).
os.environ.setdefault("FIELD_ENCRYPTION_KEY", "dGVzdC1vbmx5LWZpZWxkLWtleS0zMi1ieXRlcy0wMDE=")
os.environ.setdefault("SMS_BACKEND", "locmem")

from config.settings import *  # noqa: E402,F403

# Argon2 is the production hasher (see test_passwords); a fast one keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
# Violation reports hash receipts and derive keys with Argon2id; production keeps crypto.DEFAULT_ARGON2 (64 MiB,
# ~130 ms a hash: it is never set in config/settings.py), tests use the cheapest profile (the same code path).
VIOLATIONS_ARGON2 = {"time_cost": 1, "memory_cost": 8 * 1024, "parallelism": 1}
WHITENOISE_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
