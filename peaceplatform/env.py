"""Typed readers for environment variables that stop start-up on a bad value.

Each reader names the variable in its error, so a misconfigured server says what
to fix instead of failing later in some unrelated place. A secret may also come
from a file: ``SECRET_KEY_FILE=/run/secrets/key`` is read when ``SECRET_KEY`` is unset.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is not None:
        return value
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {error}") from error
    return None


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = _raw(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"{name} must be set (or {name}_FILE naming a file).")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use 1/0, true/false, yes/no.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_proxies(name: str) -> tuple[int, list]:
    """Trusted proxies: a count ("1") or addresses and networks ("10.0.0.0/8,192.0.2.7").
    Returns (count, networks), one of them empty."""
    import ipaddress

    value = (_raw(name) or "").strip()
    if not value:
        return 0, []
    if value.isdigit():
        return int(value), []
    try:
        return 0, [ipaddress.ip_network(part, strict=False) for part in env_list(name)]
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={value!r} should be a number of proxies (e.g. 1) or their addresses "
            "and networks separated by commas (e.g. 10.0.0.0/8,192.0.2.7)."
        ) from None


def parse_database_url(name: str, url: str) -> dict[str, str]:
    """Turn ``postgres://user:pass@host:port/db?host=/socket/dir`` into Django's
    connection settings. Only PostgreSQL: this platform runs on nothing else."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"{name} must start with postgres:// or postgresql://, "
            f"got {parts.scheme or 'no'} scheme."
        )
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise ImproperlyConfigured(f"{name} must name a database, as in postgres://host/dbname.")
    query = parse_qs(parts.query)
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{name} has an invalid port.") from None
    return {
        "NAME": database,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        # A unix socket directory travels as ?host=/path, which Django accepts as HOST.
        "HOST": query.get("host", [parts.hostname or ""])[0],
        "PORT": str(port or query.get("port", [""])[0]),
    }
