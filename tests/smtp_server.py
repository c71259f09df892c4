"""A real SMTP server for the tests: aiosmtpd on a free port on 127.0.0.1.

It can be stopped (connection refused) and started again on the same port, or
told to answer 4xx or 5xx, so the tests see what a real mail server does.
"""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    def __init__(self):
        self.messages = []
        self.refuse_with = None  # e.g. "451 4.3.0 Try again later"
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_with:
            return self.refuse_with
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(parsed)
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self):
        self.port = free_port()
        self.handler = Recorder()
        self.controller = None

    @property
    def messages(self):
        with self.handler.lock:
            return list(self.handler.messages)

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class CountingSink:
    """For the benchmark's sink process: counts accepted messages in a file, keeps nothing else."""

    def __init__(self, path=None):
        import os

        self.file = open(path or os.environ["ALERTS_SINK_COUNT_FILE"], "a", buffering=1)

    async def handle_DATA(self, server, session, envelope):
        self.file.write("1\n")
        return "250 OK"
