"""The database goes away under a running application server, then comes back.

A copy of the test database (pg_basebackup, then promoted) runs on its own socket, so
it can be stopped without stopping the test run. Gunicorn serves the platform from it
on 127.0.0.1; pages, the API, /readyz and an admin save (signed in, with its CSRF
token, over HTTP) are tried before, during and after the outage. The same gunicorn
must answer normally once the server is back, without a restart, and the save that
failed must have left nothing behind. Marked `faults`: run these alone with
`make test PYTEST_ARGS="-m faults"`."""

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

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections

from peaceplatform import embedded_db

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

URLS = ["/", "/reports/", "/recommendations/", "/api/v1/reports/", "/readyz"]
PASSWORD = "pw-Outage-1-long"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer we check, not a page to follow


@pytest.fixture
def database_copy(transactional_db):
    call_command("load_demo", verbosity=0)
    get_user_model().objects.create_superuser("outage-curator", "c@example.org", PASSWORD)
    settings = connections["default"].settings_dict
    folder = embedded_db.BASE_DIR / "var" / f"outage-test-{uuid.uuid4().hex[:8]}"
    embedded_db.start_standby(settings, folder)
    embedded_db.run_binary("pg_ctl", "-D", str(folder / "data"), "-w", "promote")
    try:
        yield folder, str(settings["PORT"] or 5432), settings["NAME"]
    finally:
        embedded_db.stop_standby(folder)


@pytest.fixture
def server(database_copy):
    folder, port, name = database_copy
    http_port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SECRET_KEY": "outage-recovery",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_PAGE_CACHE_SECONDS": "0",
        "DJANGO_STATIC_ROOT": os.environ.get("DJANGO_STATIC_ROOT", "var/test-static"),
        "DATABASE_URL": f"postgres://postgres@/{name}?host={folder}&port={port}",
        "DATABASE_POOL_TIMEOUT": "2",
    }
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "peaceplatform.wsgi",
            *("--bind", f"127.0.0.1:{http_port}", "--workers", "1", "--timeout", "60"),
        ],
        cwd=embedded_db.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        yield base, folder, port, name
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


def visit(browser):
    answers = {}
    for url in URLS:
        status, headers, body = browser.request(url)
        answers[url] = (status, headers.get("Retry-After"), "Traceback" in body)
    return answers


def save(browser, title) -> int:
    token = browser.token("/admin/reports/report/add/")
    if token is None:
        return 503 if browser.request("/admin/reports/report/add/")[0] == 503 else 0
    formsets = {
        f"{prefix}-{key}": "0"
        for prefix in ("symbols", "documents", "relations_out", "recommendations")
        for key in ("TOTAL_FORMS", "INITIAL_FORMS")
    }
    status, _, _ = browser.request(
        "/admin/reports/report/add/",
        {
            "csrfmiddlewaretoken": token,
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "kind": "policy_paper",
            "summary": "Saved during the outage test.",
            **formsets,
        },
    )
    return status


def test_the_server_survives_a_database_outage_and_recovers_without_a_restart(server):
    base, folder, port, name = server
    visitor, curator = Browser(base), Browser(base)
    status, _, _ = curator.request(
        "/admin/login/",
        {
            "csrfmiddlewaretoken": curator.token("/admin/login/"),
            "username": "outage-curator",
            "password": PASSWORD,
        },
    )
    assert status == 302  # signed in

    assert visit(visitor) == dict.fromkeys(URLS, (200, None, False))
    assert save(curator, "Before outage") == 302

    embedded_db.stop_standby(folder, remove=False)  # the fault
    # Every page, the API and the probe: 503 with Retry-After, never a stack trace.
    assert visit(visitor) == dict.fromkeys(URLS, (503, "30", False))
    # The admin: the form cannot even be shown; a save posted blind fails too.
    assert save(curator, "During outage") == 503

    embedded_db.restart_standby(folder, port)  # returns once the server takes connections
    # The very next requests are served: connections the pool held through the outage
    # are checked before use and replaced, not handed to a request to fail on.
    assert visit(visitor) == dict.fromkeys(URLS, (200, None, False))
    assert save(curator, "After outage") == 302

    with psycopg.connect(host=str(folder), port=port, user="postgres", dbname=name) as db:
        titles = db.execute(
            "SELECT title FROM reports_report WHERE title LIKE '%outage' ORDER BY title"
        ).fetchall()
    assert titles == [("After outage",), ("Before outage",)]
