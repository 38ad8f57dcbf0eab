"""`make run`'s last step: the development server and one job-queue worker, as one
command. Ctrl-C (or SIGTERM) stops both; the worker is stopped gently, so the job in
hand finishes, and never outlives the server.

The worker runs in its own session, out of reach of the terminal's Ctrl-C, so that
it is stopped by this process, in order, and not killed mid-job by the keypress.
"""

import os
import signal
import subprocess
import sys

# How long the worker may take over the job in hand before it is killed.
WORKER_STOP_SECONDS = 30


def main(argv: list[str]) -> int:
    port = argv[1] if len(argv) > 1 else "8000"
    manage = [sys.executable, "manage.py"]
    worker = subprocess.Popen(  # noqa: S603 (our own command, arguments as a list)
        [*manage, "procrastinate", "worker"], start_new_session=True
    )
    print(f"  A job-queue worker runs beside the server (process {worker.pid}).", flush=True)
    signal.signal(signal.SIGTERM, interrupted)
    server = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}"])  # noqa: S603
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=WORKER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
        return 0
    finally:
        stop(worker)


def interrupted(signum, frame):
    """SIGTERM (from a supervisor, or `kill`) ends this process as Ctrl-C would."""
    raise KeyboardInterrupt


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is not None:
        return
    worker.terminate()  # procrastinate: finish the job in hand, then exit
    try:
        worker.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
