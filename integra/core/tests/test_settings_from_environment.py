import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str


def test_a_missing_required_variable_names_itself(monkeypatch):
    monkeypatch.delenv("INTEGRA_SOMETHING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="INTEGRA_SOMETHING"):
        env_str("INTEGRA_SOMETHING")


@pytest.mark.parametrize("raw,expected", [("1", True), ("true", True), ("Off", False), ("0", False)])
def test_booleans_are_parsed(monkeypatch, raw, expected):
    monkeypatch.setenv("INTEGRA_FLAG", raw)
    assert env_bool("INTEGRA_FLAG") is expected


def test_a_malformed_boolean_or_integer_fails_loudly(monkeypatch):
    monkeypatch.setenv("INTEGRA_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="INTEGRA_FLAG"):
        env_bool("INTEGRA_FLAG")
    monkeypatch.setenv("INTEGRA_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="INTEGRA_NUMBER"):
        env_int("INTEGRA_NUMBER")


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("INTEGRA_HOSTS", "a.example, b.example,")
    assert env_list("INTEGRA_HOSTS") == ["a.example", "b.example"]


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", "import config.settings"], env=clean | env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _import_settings(DEBUG="0", SECRET_KEY="short")
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_debug_mode_starts_without_configuration():
    assert _import_settings(DEBUG="1").returncode == 0
