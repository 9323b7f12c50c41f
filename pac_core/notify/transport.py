"""Sending one message: by e-mail (SMTP, STARTTLS or TLS, with a login) or to a webhook (Teams, Slack, plain JSON).

A failure is a SendError whose text is one French sentence for the outbox page, and which says whether trying
again later makes sense (a server down, a timeout, a 4xx SMTP answer, an HTTP 5xx) or not (a wrong password, a
refused recipient, a message too big, an HTTP 4xx): the outbox retries only the first kind (issue 22).
"""

from __future__ import annotations

import json
import re
import smtplib
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr

SECURITIES = ("starttls", "tls", "aucune")
WEBHOOK_KINDS = ("teams", "slack", "json")
_ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")
MAX_BYTES = 10 * 1024 ** 2  # a message beyond this is refused here rather than by a server half-way


class SendError(Exception):
    """str(exc): one French sentence; `retry`: whether trying later may succeed."""

    def __init__(self, reason: str, retry: bool):
        super().__init__(reason)
        self.retry = retry


@dataclass(frozen=True)
class Message:
    to: tuple[str, ...]
    subject: str
    body: str
    attachments: tuple[tuple[str, bytes, str], ...] = field(default=())  # (file name, bytes, MIME type)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    sender: str
    port: int = 587
    security: str = "starttls"
    user: str | None = None
    password: str | None = None
    timeout: float = 20.0


def valid_address(text: str) -> bool:
    """An address a server can take (one address, no name, no list): checked before anything is queued."""
    return bool(_ADDRESS.match((text or "").strip()))


def as_email(settings: SmtpSettings, message: Message) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = formataddr(("PAC Pilot", settings.sender))
    mail["To"] = ", ".join(message.to)
    mail["Subject"] = message.subject
    mail.set_content(message.body)
    for name, data, mime in message.attachments:
        main, _, sub = mime.partition("/")
        mail.add_attachment(data, maintype=main, subtype=sub or "octet-stream", filename=name)
    return mail


def send_email(settings: SmtpSettings, message: Message) -> None:
    """Send, or raise SendError. Every recipient is checked first; a server that refuses some of them fails the
    whole message (sent to none, so that a retry never sends it twice to the others)."""
    bad = [address for address in message.to if not valid_address(address)]
    if bad:
        raise SendError(f"« {bad[0]} » n'est pas une adresse e-mail : corrigez-la sur la page Comptes.", retry=False)
    mail = as_email(settings, message)
    size = len(mail.as_bytes())
    if size > MAX_BYTES:
        raise SendError(f"Message trop gros ({size / 1024 ** 2:.1f} Mo pour {MAX_BYTES / 1024 ** 2:.0f} Mo au plus) : "
                        "il n'est pas envoyé.".replace(".", ",", 1), retry=False)
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "tls":
            server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                      context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.user:
                server.login(settings.user, settings.password or "")
            refused = server.send_message(mail)
    except smtplib.SMTPAuthenticationError:
        raise SendError(f"Le serveur {where} refuse l'identifiant ou le mot de passe SMTP : corrigez-les "
                        "(.streamlit/secrets.toml ou PAC_SMTP_PASSWORD).", retry=False) from None
    except smtplib.SMTPRecipientsRefused as exc:
        address, (code, text) = next(iter(exc.recipients.items()))
        raise SendError(f"Le serveur {where} refuse le destinataire « {address} » ({code} "
                        f"{_text(text)}).", retry=400 <= code < 500) from None
    except smtplib.SMTPResponseException as exc:
        if exc.smtp_code == 552:
            raise SendError(f"Le serveur {where} refuse un message de cette taille ({exc.smtp_code}).",
                            retry=False) from None
        raise SendError(f"Le serveur {where} a répondu {exc.smtp_code} {_text(exc.smtp_error)}.",
                        retry=400 <= exc.smtp_code < 500) from None
    except smtplib.SMTPNotSupportedError:
        raise SendError(f"Le serveur {where} ne propose pas STARTTLS : choisissez « tls » ou « aucune » pour "
                        "sa sécurité.", retry=False) from None
    except ssl.SSLError as exc:
        raise SendError(f"La connexion chiffrée avec {where} a échoué ({exc.reason or exc}).", retry=False) from None
    except (socket.timeout, TimeoutError):
        raise SendError(f"Le serveur {where} n'a pas répondu en {settings.timeout:.0f} s.", retry=True) from None
    except smtplib.SMTPServerDisconnected as exc:  # smtplib's own word for a timeout while it reads an answer
        if "timed out" in str(exc):
            raise SendError(f"Le serveur {where} n'a pas répondu en {settings.timeout:.0f} s.", retry=True) from None
        raise SendError(f"Le serveur {where} a coupé la connexion ({exc}).", retry=True) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise SendError(f"Le serveur {where} est injoignable ({exc.strerror or exc}).", retry=True) from None
    if refused:
        address, (code, text) = next(iter(refused.items()))
        raise SendError(f"Le serveur {where} a refusé « {address} » ({code} {_text(text)}) après avoir pris les "
                        "autres destinataires.", retry=False)


def webhook_payload(kind: str, message: Message) -> dict:
    """The body an incoming webhook of Teams (MessageCard), Slack or any JSON endpoint expects."""
    if kind == "teams":
        return {"@type": "MessageCard", "@context": "https://schema.org/extensions", "summary": message.subject,
                "title": message.subject, "text": message.body.replace("\n", "  \n")}
    if kind == "slack":
        return {"text": f"*{message.subject}*\n{message.body}"}
    return {"subject": message.subject, "body": message.body}


def send_webhook(url: str, kind: str, message: Message, timeout: float = 10.0) -> None:
    """POST the payload, or raise SendError (a 5xx or no answer: retried; a 4xx or a bad address: not)."""
    if kind not in WEBHOOK_KINDS:
        raise SendError(f"Type de webhook inconnu « {kind} » (teams, slack ou json).", retry=False)
    if not url.startswith(("https://", "http://")):
        raise SendError(f"« {url} » n'est pas une adresse de webhook (https://…).", retry=False)
    data = json.dumps(webhook_payload(kind, message), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            answer.read()
    except urllib.error.HTTPError as exc:
        raise SendError(f"Le webhook a répondu {exc.code} {_text(exc.reason)}.", retry=exc.code >= 500) from None
    except (socket.timeout, TimeoutError):
        raise SendError(f"Le webhook n'a pas répondu en {timeout:.0f} s.", retry=True) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SendError(f"Le webhook est injoignable ({getattr(reason, 'strerror', None) or reason}).",
                        retry=True) from None


def _text(raw) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return " ".join(text.split())[:200]
