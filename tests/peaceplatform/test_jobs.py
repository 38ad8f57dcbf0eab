"""The job queue (procrastinate on PostgreSQL, peaceplatform/jobs.py): jobs written in
the transaction of the change that causes them, a real worker process woken by NOTIFY,
retries with backoff, periodic upkeep, /readyz's report and the admin's view of jobs."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from core.publishing.status import Status
from peaceplatform import roles
from peaceplatform.tasks import KEEP_FAILED_HOURS, KEEP_FINISHED_HOURS, prune_finished_jobs
from reports.models import Report, ReportDocument
from tests.factories import ReportFactory
from tests.faults import free_port
from tests.jobs import run_queued_jobs, work_until_idle
from tests.pdfs import make_pdf

JOBS = "/admin/procrastinate/procrastinatejob/"


def a_pdf(*lines):
    return SimpleUploadedFile("annex.pdf", make_pdf(*lines), content_type="application/pdf")


def jobs():
    """The jobs of the documents queue (not the periodic upkeep a worker also runs)."""
    return list(
        ProcrastinateJob.objects.filter(queue_name="documents")
        .order_by("id")
        .values_list("task_name", "status")
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- Queued with the change ---------------------------------------------------------


@pytest.mark.django_db
def test_a_rolled_back_upload_leaves_no_job_and_a_committed_one_leaves_exactly_one(media):
    report = ReportFactory()
    queued_inside = []

    def upload_then_fail():
        with transaction.atomic():
            ReportDocument.objects.create(report=report, language="en", file=a_pdf("Lost"))
            queued_inside.extend(jobs())
            raise RuntimeError("the save fails after the upload")

    with pytest.raises(RuntimeError):
        upload_then_fail()
    assert queued_inside == [("reports.tasks.read_document_text", "todo")]
    assert jobs() == []

    document = ReportDocument.objects.create(report=report, language="en", file=a_pdf("Kept"))
    [job] = ProcrastinateJob.objects.all()
    assert (job.task_name, job.queue_name, job.args) == (
        "reports.tasks.read_document_text",
        "documents",
        {"document_id": document.pk, "file_name": document.file.name},
    )


@pytest.mark.django_db
def test_a_document_without_a_new_file_queues_nothing(media):
    report = ReportFactory()
    document = ReportDocument.objects.create(
        report=report, language="en", source_url="https://undocs.org/A/70/95"
    )
    document.source_url = "https://undocs.org/en/A/70/95"
    document.save()
    assert jobs() == []
    assert document.text_queued_at is None


@pytest.mark.django_db
def test_a_job_for_a_replaced_file_leaves_the_replacement_alone(media):
    """Two uploads in quick succession: the first file's job must not write its text
    over the second's pending state."""
    report = ReportFactory()
    document = ReportDocument.objects.create(report=report, language="en", file=a_pdf("First"))
    document.file = a_pdf("Second")
    document.save()
    assert run_queued_jobs() == [
        "skipped: the document or its file is gone",
        "read 6 characters",
    ]
    document.refresh_from_db()
    assert (document.extracted_text, document.text_queued_at) == ("Second", None)


# --- A real worker ------------------------------------------------------------------


def sign_in_editor(client, make_staff):
    from tests.conftest import sign_in_with_second_factor

    roles.sync(apps)  # transactional tests empty the groups the migration made
    return sign_in_with_second_factor(client, make_staff("editor"))


def test_a_worker_process_reads_an_upload_within_seconds_of_the_save(
    worker, client, make_staff, reliability
):
    """Over HTTP, as an editor does it: the upload answers at once and says the text
    follows; the worker, woken by NOTIFY (it would otherwise poll only once a minute),
    reads it within seconds, and search finds the words inside."""
    editor = sign_in_editor(client, make_staff)
    report = ReportFactory(status=Status.DRAFT)
    started = time.monotonic()
    response = editor.post(
        reverse("admin:reports_reportdocument_add"),
        {"report": report.pk, "language": "en", "file": a_pdf("The Zorbulent annex")},
        follow=True,
    )
    answered = time.monotonic() - started
    assert "being read in the background" in response.content.decode()
    document = ReportDocument.objects.get(report=report)
    while document.text_queued_at is not None:
        assert time.monotonic() - started < 10, worker.log.read_text()
        time.sleep(0.05)
        document.refresh_from_db()
    arrived = time.monotonic() - started
    assert document.extracted_text == "The Zorbulent annex"
    assert Report.objects.search("zorbulent").filter(pk=report.pk).exists()
    # The task's own write commits first; the worker marks the job finished a moment
    # later, in its own transaction, so "doing" may still show here for a few ms.
    while jobs() == [("reports.tasks.read_document_text", "doing")]:
        assert time.monotonic() - started < 10, worker.log.read_text()
        time.sleep(0.05)
    assert jobs() == [("reports.tasks.read_document_text", "succeeded")]
    # The form now says what was read.
    form = editor.get(reverse("admin:reports_reportdocument_change", args=[document.pk]))
    assert "19 characters read" in form.content.decode()
    reliability(
        "job queue",
        upload_answered_in=f"{answered:.2f} s",
        text_searchable_after=f"{arrived:.2f} s (worker woken by NOTIFY; polling every 60 s)",
    )


def test_a_failing_job_is_retried_with_backoff_and_then_succeeds(
    job_queue, media, client, make_staff
):
    """The stored file is missing when the worker first looks (storage down): the job
    is not lost but tried again, a little later each time, and staff see it retrying."""
    report = ReportFactory()
    with transaction.atomic():
        document = ReportDocument.objects.create(
            report=report, language="en", file=a_pdf("Patience")
        )
        stored = Path(document.file.path)
        kept = stored.read_bytes()
        stored.unlink()

    work_until_idle()
    job = ProcrastinateJob.objects.get(queue_name="documents")
    assert (job.status, job.attempts) == ("todo", 1)
    assert job.scheduled_at > timezone.now()  # waits before the next attempt
    first_wait = job.scheduled_at

    admin = sign_in_editor(client, make_staff)
    row = f'href="{JOBS}{job.pk}/change/'
    assert row in admin.get(JOBS, {"attention": "retrying"}).content.decode()
    assert row not in admin.get(JOBS, {"attention": "failed"}).content.decode()

    # Still missing at the second attempt: the wait grows.
    with connection.cursor() as cursor:  # due now (the model is read-only: by SQL)
        cursor.execute("UPDATE procrastinate_jobs SET scheduled_at = now() WHERE id = %s", [job.pk])
    work_until_idle()
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("todo", 2)
    assert job.scheduled_at - timezone.now() > first_wait - timezone.now()

    stored.write_bytes(kept)  # storage is back
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_jobs SET scheduled_at = now() WHERE id = %s", [job.pk])
    work_until_idle()
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("succeeded", 3)
    document.refresh_from_db()
    assert (document.extracted_text, document.text_queued_at) == ("Patience", None)


def test_finished_jobs_are_pruned_every_night_and_failed_ones_kept_longer(job_queue):
    schedule = {task.name: cron for task, cron, *_ in _periodic()}
    assert schedule["peaceplatform.tasks.prune_finished_jobs"] == "23 3 * * *"

    def job(status, hours_ago):
        job_id = app.tasks["reports.tasks.read_document_text"].defer(document_id=0, file_name="")
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE procrastinate_jobs SET status = %s WHERE id = %s", [status, job_id]
            )
            cursor.execute(
                "UPDATE procrastinate_events SET at = now() - make_interval(hours => %s)"
                " WHERE job_id = %s",
                [hours_ago, job_id],
            )
        return job_id

    old_success = job("succeeded", KEEP_FINISHED_HOURS + 1)
    recent_success = job("succeeded", KEEP_FINISHED_HOURS - 1)
    old_failure = job("failed", KEEP_FINISHED_HOURS + 1)
    ancient_failure = job("failed", KEEP_FAILED_HOURS + 1)
    prune_finished_jobs.defer(timestamp=int(time.time()))
    work_until_idle()
    left = set(ProcrastinateJob.objects.values_list("id", flat=True))
    assert {old_success, ancient_failure} & left == set()
    assert {recent_success, old_failure} <= left


def _periodic():
    registry = app.periodic_registry.periodic_tasks.values()
    return [(periodic.task, periodic.cron) for periodic in registry]


def test_every_job_reads_the_primary():
    """A job follows a write a replica may not have yet: the worker's middleware pins
    each job's reads to the primary (the router's use_primary)."""
    from peaceplatform import db_routing, jobs

    assert jobs.primary_reads in app.worker_defaults["task_middleware"]
    assert jobs.primary_reads_async in app.worker_defaults["task_middleware"]
    assert db_routing._pinned.get() is False
    assert jobs.primary_reads(lambda: db_routing._pinned.get(), None, None) is True
    assert db_routing._pinned.get() is False


# --- What operators and staff see ---------------------------------------------------


@pytest.mark.django_db
def test_readyz_reports_how_long_the_oldest_job_has_waited(client, media):
    assert client.get("/readyz").json()["jobs"] == {"waiting": 0, "oldest_waiting_seconds": None}

    ReportDocument.objects.create(report=ReportFactory(), language="en", file=a_pdf("One"))
    ReportDocument.objects.create(report=ReportFactory(), language="fr", file=a_pdf("Deux"))
    oldest = ProcrastinateJob.objects.order_by("id").first()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE procrastinate_events SET at = now() - interval '5 minutes' WHERE job_id = %s",
            [oldest.pk],
        )
        # Scheduled for later: not waiting yet, so not counted.
        later = (
            app.tasks["reports.tasks.read_document_text"]
            .configure(schedule_in={"hours": 1})
            .defer(document_id=0, file_name="")
        )
    assert later
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["jobs"]["waiting"] == 2
    assert 300 <= body["jobs"]["oldest_waiting_seconds"] < 330


@pytest.mark.django_db
def test_every_role_sees_the_jobs_and_only_administrators_act_on_them(signed_in, media):
    ReportDocument.objects.create(report=ReportFactory(), language="en", file=a_pdf("One"))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_jobs SET status = 'failed', attempts = 9")
    job = ProcrastinateJob.objects.get()
    for role, acts in [("editor", False), ("publisher", False), ("administrator", True)]:
        client = signed_in(role)
        listed = client.get(JOBS, {"attention": "failed"})
        assert listed.status_code == 200, role
        page = listed.content.decode()
        assert f'href="{JOBS}{job.pk}/change/' in page, role
        assert ('name="action"' in page) is acts, role
        start = client.get(reverse("admin:index")).content.decode()
        assert "Background jobs that failed after every retry" in start, role
        client.logout()
    assert signed_in("anonymous").get(JOBS).status_code == 302  # to the sign-in page


# --- make run: one command, a server and a worker -----------------------------------


def ignore_sigint():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_make_run_serves_with_a_worker_and_stops_both(job_queue, media, tmp_path):
    """peaceplatform/serve.py, as `make run` starts it: the site answers, an upload's
    text is read by the worker it started, and SIGTERM stops the server and the
    worker with it (no worker left behind holding the database)."""
    db = connection.settings_dict
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")},
        "DATABASE_URL": f"postgres://{db['USER']}@/{db['NAME']}?host={db['HOST']}&port={db['PORT']}",
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_LOG_FORMAT": "text",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        serve = subprocess.Popen(
            [sys.executable, "-m", "peaceplatform.serve", str(port)],
            cwd=Path(__file__).resolve().parents[2],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # As a script's background job starts (CI's): SIGINT ignored from birth.
            preexec_fn=ignore_sigint,
        )
    try:
        from tests.faults import wait_until_serving

        wait_until_serving(f"http://127.0.0.1:{port}")
        document = ReportDocument.objects.create(
            report=ReportFactory(), language="en", file=a_pdf("Served")
        )
        deadline = time.monotonic() + 20
        while document.text_queued_at is not None:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
            document.refresh_from_db()
        assert document.extracted_text == "Served"
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
    said = log.read_text()
    [worker_pid] = re.findall(r"worker runs beside the server \(process (\d+)\)", said)
    with pytest.raises(ProcessLookupError):  # stopped with the server, not orphaned
        os.kill(int(worker_pid), 0)
    assert serve.returncode == 0, said
    # Nothing of its process group is left: not the worker, not runserver's own child
    # (the autoreloader's server process), which once stayed serving and held the
    # test database open.
    deadline = time.monotonic() + 15
    while True:
        try:
            os.killpg(serve.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "a process of `make run` outlived it"
        time.sleep(0.1)
