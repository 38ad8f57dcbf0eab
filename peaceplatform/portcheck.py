"""`make run` asks this first, so a busy or bad PORT gets a clear message
instead of a traceback from runserver after migrations have run."""

import socket
import sys


def main(argv: list[str]) -> int:
    raw = argv[1] if len(argv) > 1 else "8000"
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        print(f"PORT={raw!r} is not a port number: use 1-65535, e.g. make run PORT=8001")
        return 2
    port = int(raw)
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            print(
                f"Port {port} on 127.0.0.1 is busy. Stop whatever uses it, "
                f"or choose another: make run PORT={port + 1}"
            )
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
