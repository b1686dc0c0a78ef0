"""With DEBUG off a per-process cache is refused by `check --deploy` (issue 16 item 4)."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def test_a_per_process_cache_is_a_deployment_error(settings):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with pytest.raises(SystemCheckError, match="integra.E001"):
        call_command("check", "--deploy", "--tag", "caches")


def test_a_shared_cache_passes(settings):
    settings.DEBUG = False
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}
    }
    call_command("check", "--deploy", "--tag", "caches")
