"""The embedded PostgreSQL: one server per data folder, shared by concurrent
processes, and recoverable after a process was killed. Each test runs its own
server in a temporary folder, so the suite's own database is never touched."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

ATTACH = """
import json, psycopg
from peaceplatform import embedded_db
settings = embedded_db.ensure_running()
with psycopg.connect(host=settings["HOST"], port=settings["PORT"], user="postgres",
                     dbname=settings["NAME"]) as connection:
    assert connection.execute("SELECT 1").fetchone() == (1,)
postmaster = int((embedded_db.PGDATA / "postmaster.pid").read_text().split()[0])
print(json.dumps({"host": settings["HOST"], "postmaster": postmaster}))
"""


def run_module(pgdata: Path, *args: str, code: str | None = None, background=False):
    env = {**os.environ, "EMBEDDED_PG_DATA": str(pgdata)}
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", *args]
    if background:
        return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True)
    return subprocess.run(
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def pgdata(tmp_path):
    folder = tmp_path / "postgres"
    yield folder
    run_module(folder, "peaceplatform.embedded_db", "stop")


def postmaster_pid(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().split()[0])


def test_concurrent_processes_share_one_server(pgdata):
    starters = [run_module(pgdata, code=ATTACH, background=True) for _ in range(3)]
    answers = []
    for starter in starters:
        out, _ = starter.communicate(timeout=120)
        assert starter.returncode == 0
        answers.append(json.loads(out.strip().splitlines()[-1]))
    assert len({answer["postmaster"] for answer in answers}) == 1
    assert {answer["host"] for answer in answers} == {str(pgdata)}
    # The server outlives the processes that started it: the data persists.
    assert psutil.Process(postmaster_pid(pgdata)).name() == "postgres"


def test_stop_then_start_again(pgdata):
    assert run_module(pgdata, code=ATTACH).returncode == 0
    stopped = run_module(pgdata, "peaceplatform.embedded_db", "stop")
    assert "embedded PostgreSQL stopped" in stopped.stdout
    assert not (pgdata / "postmaster.pid").exists()
    assert "stopped" in run_module(pgdata, "peaceplatform.embedded_db", "status").stdout
    assert run_module(pgdata, code=ATTACH).returncode == 0


SHOW_SHARED_BUFFERS = """
import psycopg
from peaceplatform import embedded_db
settings = embedded_db.ensure_running()
with psycopg.connect(host=settings["HOST"], port=settings["PORT"], user="postgres",
                     dbname=settings["NAME"]) as connection:
    print(connection.execute("SELECT setting::int * 8 / 1024 FROM pg_settings"
                             " WHERE name = 'shared_buffers'").fetchone()[0])
"""


def test_a_new_cluster_gets_a_quarter_of_the_memory_for_shared_buffers(pgdata):
    from peaceplatform import embedded_db

    shown = run_module(pgdata, code=SHOW_SHARED_BUFFERS)
    assert shown.returncode == 0, shown.stderr
    memory_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    expected = max(128, min(embedded_db.SHARED_BUFFERS_MAX_MB, memory_mb // 4))
    assert expected > 128  # PostgreSQL's default would not pass for it (24 GiB here)
    assert int(shown.stdout.strip().splitlines()[-1]) == expected


def kill_server(pgdata: Path) -> None:
    postmaster = psutil.Process(postmaster_pid(pgdata))
    children = postmaster.children()
    postmaster.kill()
    # Backends notice their postmaster died and exit; wait so its shared memory is free.
    psutil.wait_procs([postmaster, *children], timeout=20)


def test_db_stop_clears_what_a_killed_server_left(pgdata):
    assert run_module(pgdata, code=ATTACH).returncode == 0
    kill_server(pgdata)
    assert (pgdata / "postmaster.pid").exists()  # the stale state

    result = run_module(pgdata, "peaceplatform.embedded_db", "stop")
    assert result.returncode == 0, result.stderr
    assert not (pgdata / "postmaster.pid").exists()
    assert run_module(pgdata, code=ATTACH).returncode == 0


def test_a_stale_pid_file_naming_another_program_does_not_fool_start(pgdata):
    assert run_module(pgdata, code=ATTACH).returncode == 0
    kill_server(pgdata)
    # The dead postmaster's PID now belongs to some other program (here: this test).
    pid_file = pgdata / "postmaster.pid"
    lines = pid_file.read_text().splitlines()
    pid_file.write_text("\n".join([str(os.getpid()), *lines[1:]]) + "\n")

    started = time.monotonic()
    result = run_module(pgdata, code=ATTACH)
    assert result.returncode == 0, result.stderr
    assert psutil.Process(postmaster_pid(pgdata)).name() == "postgres"
    assert time.monotonic() - started < 60


@pytest.mark.parametrize(
    "left_behind",
    ["", "[12", '{"pids": 1}', "[999999999, 1]", "\x00\x00"],
    ids=["empty", "cut-short", "not-a-list", "dead-processes", "zeros"],
)
def test_a_process_list_a_killed_process_left_is_repaired(pgdata, left_behind):
    """A SIGKILL while the library rewrote .handle_pids.json once left it empty, and
    every later start failed with a JSONDecodeError from inside the library."""
    assert run_module(pgdata, code=ATTACH).returncode == 0
    (pgdata / ".handle_pids.json").write_text(left_behind)
    result = run_module(pgdata, code=ATTACH)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # Dead processes are dropped at each start (the one that just ran and ended stays
    # listed until the next: no exit hook rewrites the list).
    pids = json.loads((pgdata / ".handle_pids.json").read_text())
    assert isinstance(pids, list)
    assert all(isinstance(pid, int) for pid in pids)
    assert 999999999 not in pids


def test_a_server_killed_with_everything_it_left_starts_again(pgdata):
    """Killed postmaster, stale pid file, socket and lock files in place, and a cut
    process list: the next start recovers them all."""
    first = json.loads(run_module(pgdata, code=ATTACH).stdout.strip().splitlines()[-1])
    kill_server(pgdata)
    (pgdata / ".handle_pids.json").write_text("[4")
    sockets = list(Path(first["host"]).glob(".s.PGSQL.*"))
    assert sockets  # the socket and its lock file are still there
    result = run_module(pgdata, code=ATTACH)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["postmaster"] != first["postmaster"]


def test_a_start_killed_during_initdb_leaves_nothing_that_stops_the_next(pgdata):
    """initdb writes PG_VERSION early; killed after that, it left a folder the library
    took for a finished cluster. The cluster is now made aside and moved into place."""
    env = {**os.environ, "EMBEDDED_PG_DATA": str(pgdata)}
    starter = subprocess.Popen(
        [sys.executable, "-c", ATTACH], cwd=BASE_DIR, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    staging = pgdata.with_name(pgdata.name + ".initdb")
    deadline = time.monotonic() + 60
    while not (staging / "PG_VERSION").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert (staging / "PG_VERSION").exists(), "initdb never began"
    os.killpg(starter.pid, 9)
    starter.wait()
    assert not (pgdata / "PG_VERSION").exists()  # not moved into place half made
    result = run_module(pgdata, code=ATTACH)
    assert result.returncode == 0, result.stderr
    assert not staging.exists()


def test_a_folder_that_is_not_a_cluster_is_left_alone(tmp_path):
    folder = tmp_path / "my-documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = run_module(folder, code=ATTACH)
    assert result.returncode != 0
    assert "holds files but no PostgreSQL cluster" in result.stderr
    assert (folder / "notes.txt").read_text() == "mine"


def test_a_process_exits_quietly_whatever_state_the_list_is_in(pgdata):
    """runserver's reloader, stopped with Ctrl-C, kills its child while the child's exit
    hook rewrites the library's process list, then runs its own hook on the empty file:
    a JSONDecodeError traceback at every stop. No exit hook reads the list now."""
    code = ATTACH + '\n(embedded_db.PGDATA / ".handle_pids.json").write_text("")\n'
    result = run_module(pgdata, code=code)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr, result.stderr
