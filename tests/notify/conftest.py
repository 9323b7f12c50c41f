"""A real SMTP server on this machine (aiosmtpd) for the tests of issue 22: it checks a password (pac / secret)
and refuses « refuse@exemple.fr »."""

import socket
from email import message_from_bytes
from email.policy import default

import pytest

aiosmtpd = pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult  # noqa: E402

from pac_core.notify.transport import SmtpSettings  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """What the SMTP server received: (recipients, the parsed message)."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == "refuse@exemple.fr":
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=default)))
        return "250 Message accepted"


def check_password(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=auth_data.login == b"pac" and auth_data.password == b"secret", handled=False)


@pytest.fixture
def smtp():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=check_password,
                            auth_require_tls=False)
    controller.start()
    yield inbox, SmtpSettings("127.0.0.1", "pac@exemple.fr", port=port, security="aucune", user="pac",
                              password="secret", timeout=5)
    controller.stop()


