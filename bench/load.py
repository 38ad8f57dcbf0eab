"""Load benchmark: gunicorn (2 workers) on 127.0.0.1 over the sample corpus, driven by
locust in headless mode with the mix of bench/locustfile.py, for a bounded time.

    .venv/bin/python bench/load.py --reports 100000 --duration 30
    .venv/bin/python bench/load.py --capacity --only plain --only cache \
        --reports 100000,1000000

`--capacity` finds the knee instead of loading a fixed number of users: it raises the
users step by step (--steps) until the p95 of all requests passes --knee-ms, and
reports the requests per second of the last step under it. With several sizes it
runs each in turn and prints each configuration's capacity at each size and the ratio
to the smallest.

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

from bench.common import configure, ensure_corpus, run_sizes, sizes, write_results  # noqa: E402

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
    from directory.models import Topic
    from events.models import Event
    from peaceplatform.management.commands.generate_corpus import RARE_WORDS
    from reports.models import Report

    ensure_corpus(reports)
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


def find_capacity(args, targets_file: Path, prefix: Path) -> dict:
    """Raise the users step by step until the p95 of all requests passes the knee; the
    requests per second of the last step under it are the capacity."""
    steps = [int(step) for step in args.steps.split(",")]
    print(f"\n{'users':>6} {'req/s':>8} {'p50':>6} {'p95':>6} {'errors':>7}")
    capacity = {"rps": 0.0, "users": 0, "p95": None, "past": None}
    for users in steps:
        drive(args.port, users, args.duration, targets_file, Path(f"{prefix}-{users}"))
        total = read_stats(Path(f"{prefix}-{users}"))[-1]
        rps, p95 = float(total["Requests/s"]), float(total["95%"])
        print(
            f"{users:>6} {rps:>8.1f} {total['50%']:>6} {total['95%']:>6} "
            f"{int(total['Failure Count']):>7}"
        )
        if p95 > args.knee_ms or int(total["Failure Count"]):
            capacity["past"] = {"users": users, "rps": rps, "p95": p95}
            break
        capacity.update(rps=rps, users=users, p95=p95)
    print(
        f"capacity: {capacity['rps']:.1f} req/s at {capacity['users']} users "
        f"(p95 {capacity['p95']} ms, under {args.knee_ms:.0f} ms)"
        + (
            f"; {capacity['past']['users']} users passed it (p95 {capacity['past']['p95']:.0f} ms)"
            if capacity["past"]
            else "; the last step stayed under it"
        )
    )
    return capacity


def print_capacities(results: dict[int, dict]) -> int:
    """Each configuration's capacity at each size, and the ratio to the smallest."""
    reports = sorted(results)
    smallest = reports[0]
    print(f"Capacity (req/s with p95 under the knee) from {smallest:,} to {reports[-1]:,} reports")
    print(f"{'configuration':<15}" + "".join(f"{f'@{n:,}':>14}" for n in reports) + f"{'ratio':>8}")
    for name, first in results[smallest].items():
        values = [results[n].get(name, {}).get("rps") for n in reports]
        ratio = values[-1] / first["rps"] if values[-1] and first["rps"] else 0.0
        cells = "".join(f"{v:>14.1f}" if v is not None else f"{'–':>14}" for v in values)
        print(f"{name:<15}{cells}{ratio:>7.2f}×")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reports", default="100000", help="corpus size, or several separated by commas"
    )
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
    parser.add_argument(
        "--capacity", action="store_true", help="raise the users until p95 passes --knee-ms"
    )
    parser.add_argument("--steps", default="4,8,16,32,64,128", help="users per step")
    parser.add_argument("--knee-ms", type=float, default=100.0)
    parser.add_argument("--results", help=argparse.SUPPRESS)  # JSON out, for run_sizes
    args = parser.parse_args()
    reports = sizes(args.reports)
    if len(reports) > 1:
        passed = [
            *(f"--only={name}" for name in args.only or []),
            *(["--capacity"] if args.capacity else []),
            f"--steps={args.steps}", f"--knee-ms={args.knee_ms}", f"--duration={args.duration}",
            f"--warmup={args.warmup}", f"--workers={args.workers}", f"--port={args.port}",
            *(["--redis"] if args.redis else []),
        ]  # fmt: skip
        return print_capacities(run_sizes(__file__, reports, passed))
    args.reports = reports[0]

    configure(os.environ.get("BENCH_DATABASE_URL"), args.reports)
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
    found: dict[str, dict] = {}
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
                if args.capacity:
                    print(f"\n## {name}")
                    found[name] = find_capacity(args, targets_file, scratch / name)
                    continue
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
        write_results(args.results, found)
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
