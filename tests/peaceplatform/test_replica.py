"""The read-replica router against a real streaming replica.

The replica is made the way an operator makes one: `pg_basebackup -R` of the test
server (the embedded PostgreSQL 18), started on its own socket. To tell the two
databases apart, tests pause WAL replay on the replica, change a row on the primary,
and look at which version of the row each kind of request sees.
"""

import time
import uuid
from pathlib import Path

import pytest
from django.db import connections, router, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peaceplatform import embedded_db
from peaceplatform.db_routing import REPLICA, retry_replica_now, use_primary
from reports.models import Report
from tests.conftest import sign_in_with_second_factor
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(scope="module")
def replica(django_db_setup, django_db_blocker):
    """A hot standby of the test server, registered as the "replica" alias."""
    primary = connections["default"].settings_dict
    # Under var/: the server's system user must reach it (pytest's own temporary
    # folders are private to root).
    folder = embedded_db.BASE_DIR / "var" / f"replica-test-{uuid.uuid4().hex[:8]}"
    embedded_db.start_standby(primary, folder)
    # A mirror, as in production settings: tests never flush it, the primary's
    # flush reaches it by replication.
    connections.settings[REPLICA] = {
        **primary,
        "HOST": str(folder),
        "OPTIONS": {},
        "TEST": {**primary["TEST"], "MIRROR": "default"},
    }
    try:
        yield connections
    finally:
        with django_db_blocker.unblock():
            connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
        embedded_db.stop_standby(folder)


def _scalar(alias, sql):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def caught_up():
    """Wait until the replica has replayed everything the primary has written."""
    target = _scalar("default", "SELECT pg_current_wal_lsn()")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if _scalar(REPLICA, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
            return
        time.sleep(0.05)
    raise AssertionError("the replica did not catch up within 30 s")


@pytest.fixture
def lagging(replica):
    """Replay paused: the replica keeps the data as it was until the block ends."""
    caught_up()
    _scalar(REPLICA, "SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        _scalar(REPLICA, "SELECT pg_wal_replay_resume()")


def test_the_replica_is_a_read_only_streaming_standby(replica):
    assert _scalar(REPLICA, "SELECT pg_is_in_recovery()") is True
    assert _scalar("default", "SELECT count(*) FROM pg_stat_replication") >= 1
    with (
        pytest.raises(Exception, match="read-only transaction"),
        connections[REPLICA].cursor() as cursor,
    ):
        cursor.execute("CREATE TABLE nope (id int)")


def test_writes_go_to_the_primary_and_plain_reads_to_the_replica(replica):
    assert router.db_for_write(Report) == "default"
    assert router.db_for_read(Report) == REPLICA
    # Sign-in state, keys and the cache must never be read stale.
    from django.contrib.sessions.models import Session

    from peaceplatform.models import PartnerKey

    assert router.db_for_read(Session) == "default"
    assert router.db_for_read(PartnerKey) == "default"
    with use_primary():
        assert router.db_for_read(Report) == "default"


def test_a_read_inside_a_write_transaction_sees_the_transaction(replica, lagging):
    with transaction.atomic():
        report = ReportFactory(title="Written in this transaction")
        assert router.db_for_read(Report) == "default"
        assert Report.objects.filter(pk=report.pk).exists()
    # Outside the transaction the lagging replica answers, and has not seen it yet.
    assert not Report.objects.filter(pk=report.pk).exists()


def test_public_pages_and_the_api_read_the_replica(replica, client):
    report = ReportFactory(title="Before the edit")
    caught_up()
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
    ):
        page = client.get(reverse("reports:detail", args=[report.slug]))
        api = client.get(f"/api/v1/reports/{report.slug}/")
    assert page.status_code == 200
    assert api.status_code == 200
    assert "Before the edit" in page.text
    assert api.json()["title"] == "Before the edit"
    assert len(on_replica) > 0
    content_on_primary = [q["sql"] for q in on_primary if "reports_report" in q["sql"]]
    assert content_on_primary == []


def test_visitors_see_the_replica_and_staff_read_their_own_writes(
    replica, lagging, client, curator
):
    report = ReportFactory(title="Before the edit")
    # The replica stopped replaying before the report existed: wait for nothing, add
    # the row on the replica's side by resuming once, then pause again for the edit.
    _scalar(REPLICA, "SELECT pg_wal_replay_resume()")
    caught_up()
    _scalar(REPLICA, "SELECT pg_wal_replay_pause()")
    Report.objects.filter(pk=report.pk).update(title="After the edit")
    page_url = reverse("reports:detail", args=[report.slug])

    visitor = client.get(page_url)
    assert "Before the edit" in visitor.text  # the replica has not replayed the edit

    sign_in_with_second_factor(client, curator)
    staff_page = client.get(page_url)
    assert "After the edit" in staff_page.text
    admin_page = client.get(reverse("admin:reports_report_change", args=[report.pk]))
    assert "After the edit" in admin_page.text

    client.logout()
    _scalar(REPLICA, "SELECT pg_wal_replay_resume()")
    caught_up()
    assert "After the edit" in client.get(page_url).text


def test_visitors_are_served_by_the_primary_while_the_replica_is_down(replica, client):
    report = ReportFactory(title="Still online")
    url = reverse("reports:detail", args=[report.slug])
    folder = Path(connections.settings[REPLICA]["HOST"])
    connections[REPLICA].close()
    embedded_db.stop_standby(folder, remove=False)
    retry_replica_now()
    try:
        page = client.get(url)
        assert page.status_code == 200
        assert "Still online" in page.text
        assert client.get(f"/api/v1/reports/{report.slug}/").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()[REPLICA] == "unreachable: reads use the primary"
    finally:
        embedded_db.restart_standby(folder, connections.settings[REPLICA]["PORT"])
        retry_replica_now()
    caught_up()
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client.get(url).status_code == 200
    assert len(on_replica) > 0  # back on the replica once it answers again


def test_readyz_checks_the_replica_too(replica, client):
    assert client.get("/readyz").status_code == 200
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        client.get("/readyz")
    assert [q["sql"] for q in on_replica] == ["SELECT 1"]


def test_a_read_that_loses_the_replica_midway_is_answered_from_the_primary(replica):
    """The replica going away under a running query (a fast shutdown terminates its
    sessions) costs the visitor nothing: the page is made again from the primary."""
    # The first attempt's error is logged and answered, not raised into the test.
    client = Client(raise_request_exception=False)
    report = ReportFactory(title="Served despite the loss")
    url = reverse("reports:detail", args=[report.slug])
    caught_up()
    retry_replica_now()
    lost = []

    def terminated_midway(execute, sql, params, many, context):
        if not lost:
            # The replica's session is terminated, as a stopping server does it.
            lost.append(sql)
            execute("SELECT pg_terminate_backend(pg_backend_pid())", None, False, context)
        return execute(sql, params, many, context)

    try:
        with connections[REPLICA].execute_wrapper(terminated_midway):
            page = client.get(url)
        assert lost  # the page did start on the replica
        assert page.status_code == 200
        assert "Served despite the loss" in page.text
        # Public reads stay on the primary for a while, then try the replica again.
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            assert client.get(url).status_code == 200
        assert len(on_replica) == 0
    finally:
        retry_replica_now()
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client.get(url).status_code == 200
    assert len(on_replica) > 0
