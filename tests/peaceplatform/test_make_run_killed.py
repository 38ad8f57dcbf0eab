"""`make run` after a `make run` was killed: the whole process group, with SIGKILL,
while the database was starting, while migrations ran, and while the site was
served. Each time the next `make run` must start cleanly and serve the site: once,
a process list cut short by a kill broke every later start with a traceback.

Runs the real command, on its own embedded PostgreSQL in a temporary folder
(EMBEDDED_PG_DATA), so the suite's database is never touched."""

import os
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.faults import free_port

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = BASE_DIR / ".venv" / "bin" / "python"


class MakeRun:
    """One `make run` in its own process group, its output collected as it comes."""

    def __init__(self, pgdata: Path, port: int):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_"))
        }
        env["EMBEDDED_PG_DATA"] = str(pgdata)
        self.pgdata = pgdata
        self.port = port
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"PORT={port}"],  # noqa: S607
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def serving(self) -> bool:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}/healthz", timeout=2
            ) as response:
                return response.status == 200
        except OSError:
            return False

    def wait_for(self, condition, timeout=240):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                self.reader.join(timeout=5)
                raise AssertionError(f"make run ended early:\n{self.output[-3000:]}")
            time.sleep(0.05)
        raise AssertionError(f"make run did not get there in {timeout} s:\n{self.output[-3000:]}")

    def kill(self, sig=signal.SIGKILL):
        os.killpg(self.process.pid, sig)
        self.process.wait(timeout=30)
        self.reader.join(timeout=5)


def stop_database(pgdata: Path):
    subprocess.run(
        [str(PYTHON), "-m", "peaceplatform.embedded_db", "stop"],
        cwd=BASE_DIR,
        env={**os.environ, "EMBEDDED_PG_DATA": str(pgdata)},
        capture_output=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def pgdata(tmp_path):
    folder = tmp_path / "postgres"
    yield folder
    stop_database(folder)


# When each kill lands: (name, condition on the run).
MOMENTS = [
    # initdb at work in its staging folder (peaceplatform/embedded_db.py)
    ("while the database is made", lambda run: run.pgdata.with_name("postgres.initdb").exists()),
    ("while migrations run", lambda run: "Applying " in run.output),
    ("while the site is served", lambda run: run.serving()),
]


def test_make_run_starts_cleanly_after_being_killed_at_any_moment(pgdata, reliability):
    port = free_port()
    killed = []
    for name, condition in MOMENTS:
        run = MakeRun(pgdata, port)
        run.wait_for(lambda run=run, condition=condition: condition(run))
        run.kill()
        assert "Traceback" not in run.output, (name, run.output[-3000:])
        killed.append(name)

    final = MakeRun(pgdata, port)
    try:
        final.wait_for(final.serving)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as home:
            assert home.status == 200
            assert b"Peace" in home.read()
    finally:
        final.kill(signal.SIGTERM)  # gently, as a person's Ctrl-C would
    assert "Traceback" not in final.output, final.output[-3000:]
    assert "JSONDecodeError" not in final.output
    reliability(
        "make run killed",
        kills=f"{len(killed)} SIGKILLs of the whole process group: " + "; ".join(killed),
        next_start="clean each time, no traceback; the site served after the last",
    )
