import datetime
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command

from tests import demo_snapshot

# Figures the reliability tests report (what they tried, what they withstood), written
# to var/reports/reliability.txt at the end of the run.
RELIABILITY: dict[str, dict] = {}
REPORT = Path(__file__).resolve().parent.parent / "var" / "reports" / "reliability.txt"


def pytest_collection_modifyitems(config, items):
    """A test outside tests/e2e/ that takes an argument named `page` gets Playwright's
    browser page: it becomes a browser test, which pytest-django orders with the tests
    that flush the database, and the tests after it lose the member states and roles
    the migrations wrote. Refused here, with the way out."""
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) and "e2e" not in item.path.parts:
            raise pytest.UsageError(
                f"{item.nodeid}: an argument named `page` is Playwright's browser page; "
                "outside tests/e2e/ name it otherwise."
            )


@pytest.fixture
def reliability():
    """reliability(section, name=figure, …): adds figures to the run's report."""

    def record(section: str, **figures):
        RELIABILITY.setdefault(section, {}).update(figures)

    return record


def pytest_sessionfinish(session, exitstatus):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: hand the figures to the controller
        workeroutput["reliability"] = json.dumps(RELIABILITY)
        return
    if RELIABILITY:
        write_reliability_report(session, exitstatus)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist, in the controller: gather each worker's figures."""
    for section, figures in json.loads(node.workeroutput.get("reliability", "{}")).items():
        RELIABILITY.setdefault(section, {}).update(figures)


def write_reliability_report(session, exitstatus):
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    outcome = "passed" if exitstatus == 0 else f"FAILED (exit status {exitstatus})"
    lines = [
        f"Reliability figures of the test run of {when}: {outcome}.",
        f"Command: pytest {' '.join(sys.argv[1:]) or '(everything)'}",
        f"Tests: {session.testscollected} collected, {session.testsfailed} failed.",
        "",
    ]
    for section in sorted(RELIABILITY):
        lines.append(section)
        for name, figure in RELIABILITY[section].items():
            lines.append(f"  {name.replace('_', ' ')}: {figure}")
        lines.append("")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def no_page_cache(settings):
    """Tests run on production's settings: DEBUG off and the page cache on. A test about
    rendering itself (the queries a page makes) asks for this to turn the cache off."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def fresh_statistics(monkeypatch):
    """What the search reads off PostgreSQL's statistics is kept per process for a
    minute (core/search.py); each test starts without what an earlier test's rows
    left there."""
    from core import search

    monkeypatch.setattr(search, "_table_rows", {})
    monkeypatch.setattr(search, "_date_statistics", {})
    monkeypatch.setattr(search, "_abbreviations", {})
    monkeypatch.setattr(search, "_lexemes_counted", {})
    monkeypatch.setattr(search, "_key_shares", {})


@pytest.fixture(autouse=True)
def starts_in_english():
    """Each test starts in English. A request activates its language on the thread
    (Django's LocaleMiddleware, the API's `lang`) and leaves it there: without this, an
    address a test builds (`get_absolute_url()`) would follow the language of the
    previous test's last request (/fr/…). Requests themselves always set their own."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Django's PBKDF2 (1,000,000 rounds) takes 0.6 s per password on this machine, and
    hundreds of tests sign staff in. No test is about the hash itself; production keeps
    PBKDF2 (peaceplatform/settings.py leaves Django's default), and tests/faults.py
    gives the accounts its servers sign in a PBKDF2 hash."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        # For accounts a separate server (gunicorn in the fault tests) must sign in.
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


def empty_the_queue():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE procrastinate_jobs, procrastinate_events, procrastinate_periodic_defers,"
            " procrastinate_workers"
        )


@pytest.fixture
def job_queue(transactional_db):
    """An empty job queue for a transactional test, emptied again after it. Django's
    flush empties only the tables of models it manages, and procrastinate's are not
    among them: without this, one test's jobs would be the next test's workload."""
    empty_the_queue()
    yield
    empty_the_queue()


@pytest.fixture
def worker(job_queue, settings, tmp_path):
    """A real job-queue worker, `manage.py procrastinate worker`, in its own process on
    this test's database: for transactional tests, whose commits it sees. It polls
    only once a minute, so what it does within seconds it was woken for by NOTIFY.
    Stopped as an operator would (SIGTERM: it finishes the job in hand); its log is
    the process's `log` attribute, a path. It and the test share MEDIA_ROOT."""
    from django.db import connection

    db = connection.settings_dict
    log = tmp_path / "worker.log"
    settings.MEDIA_ROOT = tmp_path / "media"
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")},
        "DATABASE_URL": (
            f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}@/{quote(db['NAME'])}"
            f"?host={quote(db['HOST'])}&port={db['PORT']}"
        ),
        "DJANGO_LOG_FORMAT": "text",
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "procrastinate", "worker", *("-p", "60")],
            cwd=Path(__file__).resolve().parent.parent,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    process.log = log
    deadline = time.monotonic() + 30
    while "Starting worker" not in log.read_text():
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.1)
    yield process
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture
def demo(db):
    """The real demo content, as `make run` loads it (copied from the command's own
    output after the first time: tests/demo_snapshot.py)."""
    if not demo_snapshot.restore():
        call_command("load_demo", verbosity=0)


@pytest.fixture
def public_ids(demo, settings, tmp_path):
    """The demo content, with an uploaded PDF for its public report, and the ids the
    route walkers (tests/routes.py) fill routes with."""
    from peaceplatform import demo_content
    from reports.models import Report
    from tests.pdfs import upload_document
    from tests.routes import published_ids

    settings.MEDIA_ROOT = tmp_path / "media"
    upload_document(Report.objects.get(slug=demo_content.HIPPO_SLUG), "The public annex")
    # The demo ships no uniformed contributions (no figures without their source): a
    # marked sample one for MINUSMA, so that the pages and routes that show them are
    # walked; and one of a draft operation, which nothing public may show.
    from operations.models import Contribution, Operation
    from tests.factories import ContributionFactory, OperationFactory

    ContributionFactory(
        operation=Operation.objects.get(slug="minusma"), source="Sample data (tests)"
    )
    ContributionFactory(
        operation=OperationFactory(acronym="DRAFTOPS", status="draft"), total=424242
    )
    assert Contribution.objects.published().count() == 1
    return published_ids()


@pytest.fixture
def api():
    """A partner's program, calling the API without a key."""
    from rest_framework.test import APIClient

    return APIClient(HTTP_HOST="localhost")


@pytest.fixture
def anonymous(client):
    """A public visitor with no account."""
    return client


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_superuser(
        username="curator", email="curator@example.org", password="curator-password-123"
    )


def sign_in_with_second_factor(client, user):
    """Sign `user` in as the admin's two steps would: the password (force_login) and
    a code from a confirmed authenticator device (peaceplatform/staff.py). Tests of
    the steps themselves are in tests/peaceplatform/test_staff_sign_in.py."""
    import django_otp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from peaceplatform import staff

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Tests", confirmed=True)
    session = client.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
    # The times the sign-in records (peaceplatform/staff.py), as it records them: else
    # the first page would write them, three queries more than a curator's pages make.
    session[staff.SIGNED_IN_AT] = session[staff.SEEN_AT] = time.time()
    session.save()
    return client


@pytest.fixture
def curator_client(client, curator):
    """A staff curator (a superuser) signed in to the admin, second factor given."""
    return sign_in_with_second_factor(client, curator)


STAFF_PASSWORD = "a-long-password-for-tests"


@pytest.fixture
def make_staff(django_user_model):
    """A staff account in one of the role groups of peaceplatform/roles.py."""

    def make(role):
        from django.contrib.auth.models import Group

        user = django_user_model.objects.create_user(
            username=role.lower(), password=STAFF_PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=role.capitalize()))
        return user

    return make


@pytest.fixture
def signed_in(client, make_staff):
    """The client, signed in as a new staff member of the given role ("anonymous":
    not signed in at all)."""

    def sign_in(role):
        if role != "anonymous":
            sign_in_with_second_factor(client, make_staff(role))
        return client

    return sign_in


@pytest.fixture
def receiver(settings):
    """A partner's webhook receiver on 127.0.0.1 (tests/receivers.py), allowed as a
    destination; started by the test (`receiver.start()`) when it should answer."""
    from tests.receivers import Receiver

    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    found = Receiver()
    yield found
    found.stop()
