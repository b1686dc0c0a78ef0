"""Settings for the forum benchmark: production settings plus a bare baseline view."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.forum.urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
# No collectstatic for a benchmark: plain static URLs (the pages measured link one stylesheet).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
