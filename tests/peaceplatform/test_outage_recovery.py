"""The database goes away under a running application server, then comes back.

A copy of the test database (pg_basebackup, then promoted; tests/faults.py) runs on its
own socket, so it can be stopped without stopping the test run. Gunicorn serves the platform from it
on 127.0.0.1; pages, the API, /readyz and an admin save (signed in, with its CSRF
token, over HTTP) are tried before, during and after the outage. The same gunicorn
must answer normally once the server is back, without a restart, and the save that
failed must have left nothing behind. Marked `faults`: run these alone with
`make test PYTEST_ARGS="-m faults"`."""

import psycopg
import pytest
from django.core.management import call_command

from peaceplatform import embedded_db
from tests import faults
from tests.faults import Browser

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

URLS = ["/", "/reports/", "/recommendations/", "/api/v1/reports/", "/readyz"]
PASSWORD = "pw-Outage-1-long"


@pytest.fixture
def server(transactional_db):
    call_command("load_demo", verbosity=0)
    faults.create_curator("outage-curator", PASSWORD)
    with (
        faults.database_copy() as (folder, port, name),
        faults.gunicorn(folder, port, name, workers=1) as (base, _process),
    ):
        yield base, folder, port, name


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
    status, _, _ = browser.request("/admin/reports/report/add/", faults.report_form(token, title))
    return status


def test_the_server_survives_a_database_outage_and_recovers_without_a_restart(server, reliability):
    base, folder, port, name = server
    visitor, curator = Browser(base), Browser(base)
    assert curator.sign_in("outage-curator", PASSWORD) == 302

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
    reliability(
        "database outage",
        faults="PostgreSQL stopped under a running gunicorn, then started again",
        requests=f"{3 * len(URLS)} pages, API calls and probes, 3 admin saves",
        during_the_outage=f"{len(URLS)} × 503 with Retry-After, no trace; the save failed",
        rows_verified="the 2 saves reported done are there; the failed one left nothing",
    )


def test_the_pool_keeps_trying_once_a_second_through_an_outage():
    """Without peaceplatform/apps.py's setting, psycopg_pool would wait 1, 2, 4 … 256 s
    between attempts, and recovery after a long outage would lag by as much."""
    from psycopg_pool.base import AttemptWithBackoff

    attempt = AttemptWithBackoff(timeout=300)
    delays = []
    for second in range(10):
        attempt.update_delay(now=float(second))
        delays.append(attempt.delay)
    assert max(delays) < 1.2
