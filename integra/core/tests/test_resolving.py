"""Language-prefixed URLs resolved once per process, language and path (integra/core/resolving.py, issue 16)."""

import pytest
from django.urls import Resolver404, get_resolver, resolve
from django.utils import translation

from integra.core.resolving import RememberingResolver


def remembered() -> dict:
    resolver = next(p for p in get_resolver().url_patterns if isinstance(p, RememberingResolver))
    return resolver._remembered


def test_a_path_resolves_as_before_and_is_remembered_per_language():
    remembered().clear()
    with translation.override("en"):
        first = resolve("/en/info/a/health-insurance/")
        again = resolve("/en/info/a/health-insurance/")
        with pytest.raises(Resolver404):
            resolve("/bg/info/a/health-insurance/")  # another language's prefix, as Django
    assert first.url_name == again.url_name == "article" and again.kwargs == {"slug": "health-insurance"}
    assert again.kwargs is not first.kwargs  # each request gets its own match
    with translation.override("bg"):
        assert resolve("/bg/info/a/health-insurance/").kwargs == {"slug": "health-insurance"}
    assert ("en", "en/info/a/health-insurance/") in remembered()


def test_a_path_with_free_text_or_one_that_does_not_resolve_is_never_remembered():
    remembered().clear()
    with translation.override("en"):
        assert resolve("/en/questions/private/secret-token/").kwargs == {"token": "secret-token"}
        with pytest.raises(Resolver404):
            resolve("/en/no-such-page/")
    assert not any("secret-token" in path or "no-such-page" in path for _language, path in remembered())
