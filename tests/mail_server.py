"""A real SMTP server for the tests that check an e-mail arrives: aiosmtpd on a free loopback
port, started once per session; `smtp_server` points Django's SMTP backend at it and hands the
test the messages it received (parsed, newest last), emptied before each test."""

import email
import email.policy
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def clear(self):
        with self._lock:
            self.messages.clear()

    def to(self, address):
        """Messages whose envelope recipients include `address`."""
        with self._lock:
            return [m for m in self.messages if address in m["X-Envelope-To"]]

    def wait_for(self, predicate, timeout=10.0):
        """The first message matching `predicate`, waiting for it to arrive (mail may be sent by
        another thread, e.g. a live server's request)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                found = next((m for m in self.messages if predicate(m)), None)
            if found is not None:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no matching e-mail within {timeout} s; received: {[m['Subject'] for m in self.messages]}")

    @staticmethod
    def text(message) -> str:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def _smtp_controller():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def smtp_server(_smtp_controller, settings):
    controller, inbox = _smtp_controller
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    inbox.clear()
    return inbox
