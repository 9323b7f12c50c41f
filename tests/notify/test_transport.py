"""Sending for real to servers on this machine: an SMTP server (aiosmtpd) that checks a password and refuses an
address, an HTTP server that answers as a webhook would; every failure is one French sentence that says whether to
try again."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pac_core.notify.transport import Message, SendError, SmtpSettings, send_email, send_webhook, valid_address
from tests.notify.conftest import free_port

MESSAGE = Message(("marie@exemple.fr",), "Vos chiffres d'octobre", "Bonjour Marie,\nIl manque octobre.",
                  (("revue-octobre.pdf", b"%PDF-1.4 test", "application/pdf"),))


def test_a_message_arrives_with_its_french_text_and_its_attachment(smtp):
    inbox, settings = smtp
    send_email(settings, MESSAGE)
    (recipients, mail), = inbox.messages
    assert recipients == ["marie@exemple.fr"] and mail["Subject"] == "Vos chiffres d'octobre"
    assert mail.get_body(("plain",)).get_content().replace("\r\n", "\n") == "Bonjour Marie,\nIl manque octobre.\n"
    attachment, = mail.iter_attachments()
    assert attachment.get_filename() == "revue-octobre.pdf" and attachment.get_content() == b"%PDF-1.4 test"


def test_a_wrong_password_is_said_and_not_retried(smtp):
    inbox, settings = smtp
    with pytest.raises(SendError, match="refuse l'identifiant ou le mot de passe SMTP") as refused:
        send_email(SmtpSettings(settings.host, settings.sender, port=settings.port, security="aucune", user="pac",
                                password="faux", timeout=5), MESSAGE)
    assert not refused.value.retry and inbox.messages == []


def test_a_refused_recipient_is_named_and_not_retried(smtp):
    inbox, settings = smtp
    with pytest.raises(SendError, match="refuse le destinataire « refuse@exemple.fr » \\(550") as refused:
        send_email(settings, Message(("refuse@exemple.fr",), "Sujet", "Texte"))
    assert not refused.value.retry and inbox.messages == []


def test_an_address_that_is_not_one_is_refused_before_any_server(smtp):
    inbox, settings = smtp
    assert not valid_address("marie@") and not valid_address("Marie <marie@exemple.fr>")
    assert valid_address("marie.durand@exemple.fr")
    with pytest.raises(SendError, match="« marie@ » n'est pas une adresse e-mail") as refused:
        send_email(settings, Message(("marie@",), "Sujet", "Texte"))
    assert not refused.value.retry


def test_a_message_too_big_is_refused_here(smtp):
    inbox, settings = smtp
    big = Message(("marie@exemple.fr",), "Sujet", "Texte", (("gros.pdf", b"0" * (11 * 1024 ** 2), "application/pdf"),))
    with pytest.raises(SendError, match="Message trop gros") as refused:
        send_email(settings, big)
    assert not refused.value.retry


def test_an_unreachable_or_silent_server_is_retried_later():
    port = free_port()  # nothing listens there
    with pytest.raises(SendError, match=f"Le serveur 127.0.0.1:{port} est injoignable") as down:
        send_email(SmtpSettings("127.0.0.1", "pac@exemple.fr", port=port, security="aucune", timeout=2), MESSAGE)
    assert down.value.retry
    with socket.socket() as silent:  # accepts, never says hello
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        with pytest.raises(SendError, match="n'a pas répondu en 1 s") as slow:
            send_email(SmtpSettings("127.0.0.1", "pac@exemple.fr", port=port, security="aucune", timeout=1), MESSAGE)
    assert slow.value.retry


class Hook(BaseHTTPRequestHandler):
    received = []
    status = 200

    def do_POST(self):
        Hook.received.append((self.path, json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
        self.send_response(Hook.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def hook():
    Hook.received, Hook.status = [], 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_teams_slack_and_json_webhooks_get_their_own_payloads(hook):
    message = Message((), "Alerte : Salon 2 en retard", "Rendez-vous : 26,7 % de l'objectif à date.")
    for kind in ("teams", "slack", "json"):
        send_webhook(f"{hook}/{kind}", kind, message)
    payloads = dict(Hook.received)
    assert payloads["/teams"]["@type"] == "MessageCard" and payloads["/teams"]["title"] == message.subject
    assert payloads["/slack"] == {"text": "*Alerte : Salon 2 en retard*\nRendez-vous : 26,7 % de l'objectif à date."}
    assert payloads["/json"] == {"subject": message.subject, "body": message.body}


def test_a_webhook_error_is_retried_only_when_the_server_is_at_fault(hook):
    message = Message((), "Sujet", "Texte")
    Hook.status = 500
    with pytest.raises(SendError, match="Le webhook a répondu 500") as failing:
        send_webhook(hook, "json", message)
    assert failing.value.retry
    Hook.status = 404
    with pytest.raises(SendError, match="Le webhook a répondu 404") as wrong:
        send_webhook(hook, "json", message)
    assert not wrong.value.retry
    with pytest.raises(SendError, match="n'est pas une adresse de webhook"):
        send_webhook("ftp://exemple.fr", "json", message)
