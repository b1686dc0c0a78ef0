"""The Content-Security-Policy of the settings, built once per process (integra/core/csp.py, issue 16): every
response carries the same header django-csp builds, and a policy changed in the settings is used at once."""

from csp.utils import build_policy


def test_a_public_page_carries_the_settings_policy(client, reference_data):
    response = client.get("/en/centres/")
    assert response["Content-Security-Policy"] == build_policy()
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_changed_policy_is_used_at_once(client, reference_data, settings):
    settings.PAGE_CACHE_SECONDS = 0  # a cached page keeps the headers it was stored with
    client.get("/en/centres/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'"]}}
    header = client.get("/en/centres/")["Content-Security-Policy"]
    assert header == build_policy() and "frame-ancestors" not in header
