"""Load benchmark: gunicorn (2 workers) on 127.0.0.1 over the sample corpus, driven by
locust in headless mode with the mix of bench/locustfile.py, for a bounded time.

    .venv/bin/python bench/load.py --reports 100000 --duration 30

Runs four configurations in one go (or those named with --only): without replica or
page cache, with the replica, with the page cache, with both. For each it prints
requests per second, p50/p95/p99 and errors per route, and the peak memory of each
worker. The load generator runs on the same 2 cores as the server and PostgreSQL.
The replica is a `pg_basebackup -R` standby of the embedded server on its own socket.
"""

import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.common import configure  # noqa: E402

BIN = Path(sys.executable).parent
CONFIGURATIONS = {
    "plain": {"replica": False, "cache": False},
    "replica": {"replica": True, "cache": False},
    "cache": {"replica": False, "cache": True},
    "replica+cache": {"replica": True, "cache": True},
}


def prepare(reports: int) -> dict:
    """Migrate, load the corpus if its size differs, and pick what users will ask for."""
    import django

    django.setup()
    from django.core.management import call_command

    from directory.models import Topic
    from events.models import Event
    from peaceplatform.management.commands.generate_corpus import RARE_WORDS
    from reports.models import Report

    call_command("migrate", verbosity=0)
    if Report.objects.filter(slug__startswith="sample-").count() != reports:
        print(f"Loading a sample corpus of {reports:,} reports…", file=sys.stderr)
        call_command("generate_corpus", reports=reports, clear=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    newest = Report.objects.published().order_by("-published_on", "-id")
    return {
        "reports": list(newest.values_list("slug", flat=True)[:2000]),
        "events": list(
            Event.objects.published().order_by("-starts_on").values_list("slug", flat=True)[:1000]
        ),
        "topics": list(Topic.objects.published().values_list("slug", flat=True)),
        "queries": [
            "peace",
            "protection of civilians",
            '"rapid deployment"',
            "A/SMP70/",
            "mandate -budget",
            *RARE_WORDS[::97][:20],
        ],
    }


def start_replica(database: dict, folder: Path) -> str:
    """A hot standby of the benchmark's server; returns its DATABASE_REPLICA_URL."""
    from peaceplatform import embedded_db

    shutil.rmtree(folder, ignore_errors=True)
    embedded_db.start_standby(database, folder)
    return (
        f"postgres://{database['USER']}@/{database['NAME']}"
        f"?host={folder}&port={database['PORT'] or 5432}"
    )


def start_redis(folder: Path) -> tuple[subprocess.Popen, str]:
    """A throwaway Redis on a unix socket (no TCP port), memory only."""
    binary = shutil.which("redis-server")
    if not binary:
        raise SystemExit("--redis needs redis-server (apt-get install redis-server)")
    folder.mkdir(parents=True, exist_ok=True)
    socket = folder / "redis.sock"
    server = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(socket), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return server, f"unix://{socket}"


def serve(
    port: int, workers: int, replica_url: str | None, cache: bool, redis_url: str | None
) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_PAGE_CACHE_SECONDS": "60" if cache else "0",
        # Every request comes from 127.0.0.1: the anonymous quota would stop the run.
        "API_ANONYMOUS_RATE": "100000000",
    }
    environment.pop("DATABASE_REPLICA_URL", None)
    environment.pop("REDIS_URL", None)
    if redis_url:
        environment["REDIS_URL"] = redis_url
    if replica_url:
        environment["DATABASE_REPLICA_URL"] = replica_url
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "peaceplatform.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        cwd=BASE_DIR, env=environment, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not become ready within 60 s")


def cpu_seconds(processes) -> float:
    import psutil

    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def postgres_processes():
    import psutil

    return [p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"]


class ResourceWatch(threading.Thread):
    """Peak resident memory of each gunicorn worker, sampled twice a second, and the
    CPU time the workers and PostgreSQL used while it ran."""

    def __init__(self, master_pid: int):
        import psutil

        super().__init__(daemon=True)
        self.master = psutil.Process(master_pid)
        self.peaks: dict[int, int] = {}
        self.stopped = threading.Event()
        self.workers_cpu = -cpu_seconds(self.master.children())
        self.postgres_cpu = -cpu_seconds(postgres_processes())

    def run(self):
        import psutil

        while not self.stopped.is_set():
            for worker in self.master.children():
                try:
                    rss = worker.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[worker.pid] = max(self.peaks.get(worker.pid, 0), rss)
            time.sleep(0.5)

    def stop(self):
        self.stopped.set()
        self.workers_cpu += cpu_seconds(self.master.children())
        self.postgres_cpu += cpu_seconds(postgres_processes())


def drive(port: int, users: int, duration: int, targets_file: Path, prefix: Path) -> None:
    subprocess.run(
        [str(BIN / "locust"), "-f", str(BASE_DIR / "bench" / "locustfile.py"), "--headless",
         "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{duration}s",
         "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
         "--loglevel", "WARNING", "--stop-timeout", "5"],
        env={**os.environ, "LOAD_TARGETS": str(targets_file)},
        check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per run")
    parser.add_argument("--users", type=int, default=60, help="concurrent simulated users")
    parser.add_argument(
        "--warmup", type=int, default=20, help="seconds of unrecorded load before each run"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", choices=list(CONFIGURATIONS), action="append")
    parser.add_argument(
        "--redis",
        action="store_true",
        help="the shared cache in Redis (a throwaway redis-server) instead of PostgreSQL",
    )
    args = parser.parse_args()

    configure(os.environ.get("BENCH_DATABASE_URL"))
    targets = prepare(args.reports)
    from django.db import connection

    database = dict(connection.settings_dict)
    connection.close()
    scratch = Path(tempfile.mkdtemp(prefix="peace-load-"))
    targets_file = scratch / "targets.json"
    targets_file.write_text(json.dumps(targets))
    replica_folder = BASE_DIR / "var" / "bench-replica"
    chosen = args.only or list(CONFIGURATIONS)
    replica_url = None
    redis, redis_url = (None, None)
    if args.redis:
        redis, redis_url = start_redis(scratch)
    if any(CONFIGURATIONS[name]["replica"] for name in chosen):
        replica_url = start_replica(database, replica_folder)
    print(
        f"Load benchmark: {args.reports:,} reports, gunicorn {args.workers} workers, "
        f"{args.users} users, {args.duration} s per configuration after {args.warmup} s of "
        "warm-up, locust on the same cores, "
        f"shared cache in {'Redis' if args.redis else 'PostgreSQL'}"
    )
    failed = False
    try:
        for name in chosen:
            configuration = CONFIGURATIONS[name]
            server = serve(
                args.port,
                args.workers,
                replica_url if configuration["replica"] else None,
                configuration["cache"],
                redis_url,
            )
            try:
                # Unrecorded load first: connections, plans and caches warm up, so the
                # figures are those of a server that has been up for a while.
                drive(args.port, args.users, args.warmup, targets_file, scratch / "warmup")
                watch = ResourceWatch(server.pid)
                watch.start()
                before = os.times()
                drive(args.port, args.users, args.duration, targets_file, scratch / name)
                after = os.times()
                watch.stop()
                locust_cpu = (after.children_user - before.children_user) + (
                    after.children_system - before.children_system
                )
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
            rows = read_stats(scratch / name)
            print(f"\n## {name}")
            print(
                f"{'route':<14} {'requests':>9} {'req/s':>7} {'p50':>6} {'p95':>6} "
                f"{'p99':>6} {'errors':>7}"
            )
            for row in rows:
                label = row["Name"] if row["Name"] != "Aggregated" else "all"
                print(
                    f"{label:<14} {int(row['Request Count']):>9,} "
                    f"{float(row['Requests/s']):>7.1f} {row['50%']:>6} {row['95%']:>6} "
                    f"{row['99%']:>6} {int(row['Failure Count']):>7}"
                )
            total = rows[-1]
            failed |= int(total["Failure Count"]) > 0
            peaks = ", ".join(f"{rss / 2**20:.0f} MiB" for rss in sorted(watch.peaks.values()))
            print(f"peak memory per worker: {peaks}")
            print(
                f"CPU seconds per second of load: gunicorn workers "
                f"{watch.workers_cpu / args.duration:.2f}, PostgreSQL "
                f"{watch.postgres_cpu / args.duration:.2f}, locust {locust_cpu / args.duration:.2f}"
                " (2 cores: 2.00 at most)"
            )
    finally:
        if replica_url:
            from peaceplatform import embedded_db

            embedded_db.stop_standby(replica_folder)
        if redis:
            redis.terminate()
        shutil.rmtree(scratch, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
