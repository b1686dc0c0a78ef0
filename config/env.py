"""Typed helpers that read settings from the environment and fail loudly.

Each helper raises ImproperlyConfigured with the variable's name when a value is
missing (and no default was given) or cannot be parsed, so a misconfigured
deployment stops at start-up instead of running with a silent fallback.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, default: object) -> str | object:
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Set the environment variable {name}.")
        return default
    return value


def env_str(name: str, default: str | object = _MISSING) -> str:
    return str(_raw(name, default))


def env_bool(name: str, default: bool | object = _MISSING) -> bool:
    value = _raw(name, default)
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_int(name: str, default: int | object = _MISSING) -> int:
    value = _raw(name, default)
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from None


def env_list(name: str, default: list[str] | object = _MISSING) -> list[str]:
    value = _raw(name, default)
    if isinstance(value, list):
        return value
    return [item.strip() for item in str(value).split(",") if item.strip()]


def load_env_file(path) -> None:
    """Read KEY=VALUE lines of a .env file into the environment; real variables win."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))
