"""What the fault tests share: a copy of the test database on its own socket (so it can
be stopped without stopping the test run), gunicorn serving the platform from it on
127.0.0.1, and a small HTTP client that keeps cookies and CSRF tokens as a browser
does."""

import contextlib
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connections

from peaceplatform import embedded_db

BIN = Path(sys.executable).parent


def create_curator(username, password):
    """An Editor whose password the servers started here can check: hashed with
    PBKDF2 as in production, not with the tests' fast hasher (tests/conftest.py). An
    Editor, not a superuser: it signs in with its password alone (superusers give a
    second factor too, peaceplatform/staff.py), and may add draft reports."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from peaceplatform import roles

    roles.sync(apps)  # transactional tests empty the groups the migration made
    user = get_user_model().objects.create_user(username, f"{username}@example.org", is_staff=True)
    user.password = make_password(password, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return user


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def database_copy():
    """A promoted pg_basebackup of the test database, as it is now: (folder, port,
    name). Stop it with embedded_db.stop_standby(folder, remove=False); start it again
    with embedded_db.restart_standby(folder, port)."""
    settings = connections["default"].settings_dict
    folder = embedded_db.BASE_DIR / "var" / f"fault-test-{uuid.uuid4().hex[:8]}"
    embedded_db.start_standby(settings, folder)
    embedded_db.run_binary("pg_ctl", "-D", str(folder / "data"), "-w", "promote")
    try:
        yield folder, str(settings["PORT"] or 5432), settings["NAME"]
    finally:
        embedded_db.stop_standby(folder)


@contextlib.contextmanager
def gunicorn(folder, port, name, *, workers=1, **environment):
    """Gunicorn serving the platform from the database copy: (base URL, process)."""
    http_port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SECRET_KEY": "fault-tests",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_PAGE_CACHE_SECONDS": "0",
        "DJANGO_STATIC_ROOT": os.environ.get("DJANGO_STATIC_ROOT", "var/test-static"),
        "DATABASE_URL": f"postgres://postgres@/{name}?host={folder}&port={port}",
        "DATABASE_POOL_TIMEOUT": "2",
        **environment,
    }
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "peaceplatform.wsgi",
            *("--bind", f"127.0.0.1:{http_port}", "--workers", str(workers)),
            *("--timeout", "60"),
        ],
        cwd=embedded_db.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_serving(base)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_serving(base, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 (127.0.0.1)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{base} did not start serving in {timeout} s")


class Browser:
    """Cookies and CSRF tokens, as a browser keeps them; never raises on 4xx/5xx."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect(),
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 (127.0.0.1)
        if data is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")

    def token(self, path) -> str | None:
        status, _, page = self.request(path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return found.group(1) if status == 200 and found else None

    def sign_in(self, username, password) -> int:
        status, _, _ = self.request(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": self.token("/admin/login/"),
                "username": username,
                "password": password,
            },
        )
        return status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer we check, not a page to follow


def report_form(token, title, symbol=None) -> dict:
    """The admin's add-report form as a browser posts it, with one document symbol
    when given (so that a save writes two tables and could be left half done)."""
    formsets = {
        f"{prefix}-{key}": "0"
        for prefix in ("symbols", "documents", "relations_out", "recommendations")
        for key in ("TOTAL_FORMS", "INITIAL_FORMS")
    }
    if symbol:
        formsets |= {"symbols-TOTAL_FORMS": "1", "symbols-0-symbol": symbol}
        formsets["symbols-0-order"] = "0"
    return {
        "csrfmiddlewaretoken": token,
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "kind": "policy_paper",
        "summary": "Saved by a fault test.",
        **formsets,
    }
