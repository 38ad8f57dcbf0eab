"""`make run`'s last step: the development server and one job-queue worker, as one
command. Ctrl-C (or SIGTERM) stops both; the worker is stopped gently, so the job in
hand finishes, and never outlives the server.

The worker stays in this process group: Ctrl-C reaches it too (procrastinate takes
SIGINT as SIGTERM: finish the job in hand, then exit), and a kill of the whole group
takes it with the rest instead of leaving it holding the database.
"""

import os
import signal
import subprocess
import sys

# How long the server, and the worker with the job in hand, may take to stop.
STOP_SECONDS = 30


def main(argv: list[str]) -> int:
    port = argv[1] if len(argv) > 1 else "8000"
    manage = [sys.executable, "manage.py"]
    worker = subprocess.Popen([*manage, "procrastinate", "worker"])  # noqa: S603
    print(f"  A job-queue worker runs beside the server (process {worker.pid}).", flush=True)
    signal.signal(signal.SIGTERM, interrupted)
    server = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}"])  # noqa: S603
    try:
        return server.wait()
    except KeyboardInterrupt:
        interrupt_group()
        try:
            server.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
        return 0
    finally:
        stop(worker)


def interrupt_group() -> None:
    """Stop everything this process started: runserver's autoreloader runs the server
    in a child process of its own, which a signal to runserver alone leaves behind,
    serving and holding database connections. SIGTERM, not SIGINT: a process started
    in the background by a script ignores SIGINT from birth (so do its children), and
    Ctrl-C in a terminal has reached them all already anyway."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    os.killpg(os.getpgrp(), signal.SIGTERM)


def interrupted(signum, frame):
    """SIGTERM (from a supervisor, or `kill`) ends this process as Ctrl-C would."""
    raise KeyboardInterrupt


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is not None:
        return
    worker.terminate()  # finish the job in hand, then exit (a repeat is harmless)
    try:
        worker.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
