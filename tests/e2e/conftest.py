"""Browser tests drive Debian's Chromium (Playwright cannot download its own here).

A missing browser fails the run with instructions: a browser test never skips."""

import os
from pathlib import Path

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> Path:
    candidate = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    if not candidate.exists():
        pytest.fail(
            f"No Chromium at {candidate}. Install one (Debian: apt-get install -y chromium) "
            "or set CHROMIUM_PATH to a Chromium or Chrome binary.",
            pytrace=False,
        )
    return candidate


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(chromium_path()),
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, minus its finder-based static handler: that
    handler cannot find whitenoise's hashed file names, and production serves
    static files through whitenoise, so the browser tests do too."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1", start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    yield server
    server.stop()


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The live server with the demo content, as `make run` serves it.

    A live server needs committed data, so these tests empty the tables afterwards;
    load_demo puts the member states back along with the rest."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    return live_server
