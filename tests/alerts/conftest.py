"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the alerts' tests, and what it received."""

import email
import threading
from email import policy

import pytest
from aiosmtpd.controller import Controller

from tests.faults import free_port


class Inbox:
    """What the SMTP server received: parsed messages, in order. Addresses in
    `refused` are refused for good (550), as a mail server does for a mailbox that
    does not exist."""

    def __init__(self):
        self.messages = []
        self.refused = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def take(self) -> list:
        with self.lock:
            taken, self.messages = self.messages, []
        return taken


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()
