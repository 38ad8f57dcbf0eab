"""A partner's webhook receiver for the tests (tests/conftest.py `receiver`): a real
HTTP server on 127.0.0.1 that verifies every signature with the Standard Webhooks
reference verifier."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook

from tests.faults import free_port


class Receiver:
    """A partner's server: answers as told (`answers`, then 200), verifies every
    request's signature, and hands each event once to its "application", keyed by
    webhook-id as the specification advises."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/hooks/peace"
        self.secret = None
        self.answers = []
        self.requests = []  # (webhook-id, status answered)
        self.application = {}  # webhook-id -> event, each processed once
        self.server = None

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status = receiver.answers.pop(0) if receiver.answers else 200
                if status == 200:
                    event = Webhook(receiver.secret).verify(body, headers)  # raises if forged
                    receiver.application.setdefault(headers["webhook-id"], event)
                receiver.requests.append((headers["webhook-id"], status))
                self.send_response(status)
                if status == 302:
                    self.send_header("Location", "http://127.0.0.1:1/elsewhere")
                self.end_headers()
                self.wfile.write(b"thanks" if status == 200 else b"not now")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
