"""`python -m pac_core envoyer`: queue what is due now (the relances, the alerts, the review, the Monday digest,
their webhook copies), then send every due message of the outbox, by SMTP (settings from the environment or
.streamlit/secrets.toml) or to the webhook — or, with --essai, only say what would go."""

from __future__ import annotations

import os
import tomllib
from dataclasses import replace
from pathlib import Path

from pac_core import clock
from pac_core.notify import alerts, digest, outbox, reminders, review_mail
from pac_core.notify.transport import SendError, SmtpSettings, send_email, send_webhook

SECRETS = Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.toml"


def smtp_settings(environ=os.environ, secrets: Path = SECRETS) -> SmtpSettings | None:
    """PAC_SMTP_HOST, _PORT, _SECURITE (starttls, tls, aucune), _UTILISATEUR, _MOT_DE_PASSE, _EXPEDITEUR, or the
    [smtp] table of secrets.toml (host, port, security, user, password, sender); None when no host is given."""
    table = {}
    if secrets.exists():
        with open(secrets, "rb") as reader:
            table = tomllib.load(reader).get("smtp", {})
    host = environ.get("PAC_SMTP_HOST") or table.get("host")
    if not host:
        return None
    return SmtpSettings(host, environ.get("PAC_SMTP_EXPEDITEUR") or table.get("sender", "pac-pilot@localhost"),
                        port=int(environ.get("PAC_SMTP_PORT") or table.get("port", 587)),
                        security=environ.get("PAC_SMTP_SECURITE") or table.get("security", "starttls"),
                        user=environ.get("PAC_SMTP_UTILISATEUR") or table.get("user"),
                        password=environ.get("PAC_SMTP_MOT_DE_PASSE") or table.get("password"))


def webhook_copies(items: list[outbox.Queued], environ=os.environ) -> list[outbox.Queued]:
    """The same messages for the team's channel: PAC_WEBHOOK_URL (an incoming webhook of Teams or Slack, or any
    URL taking JSON), PAC_WEBHOOK_TYPE (teams, slack, json), PAC_WEBHOOK_MESSAGES (the kinds sent there, comma-
    separated: « alerte » unless said)."""
    url = environ.get("PAC_WEBHOOK_URL")
    if not url:
        return []
    kind = environ.get("PAC_WEBHOOK_TYPE", "json")
    wanted = {part.strip() for part in environ.get("PAC_WEBHOOK_MESSAGES", "alerte").split(",")}
    return [replace(item, dedupe_key=f"{item.dedupe_key} webhook", channel=f"webhook:{kind}", recipients=(url,))
            for item in items if item.kind in wanted]


def run(store, *, dry_run: bool = False, settings: SmtpSettings | None = None, now=None) -> list[str]:
    """Queue what is due `now` (the clock's, in the company's time zone), send what is due; the French lines
    `envoyer` prints."""
    now = now or clock.now()
    queued_keys = set(store.query("SELECT dedupe_key FROM history.outbox")["dedupe_key"])
    due = (reminders.due_reminders(store, now.date()) + alerts.due_alerts(store, now.date(), note=not dry_run)
           + review_mail.due_reviews(store, queued_keys) + digest.due_digest(store, now))
    due += webhook_copies(due)
    queued = [item for item in due if dry_run or outbox.queue(store, item)]
    settings = settings if settings is not None else smtp_settings()

    def send(channel, recipients, message):
        if channel.startswith("webhook:"):
            return send_webhook(recipients[0], channel.removeprefix("webhook:"), message)
        if settings is None:
            raise SendError("Aucun serveur SMTP n'est réglé (PAC_SMTP_HOST, ou [smtp] dans .streamlit/secrets.toml).",
                            retry=True)
        return send_email(settings, message)

    lines = [f"Mis dans la file : {item.kind} « {item.message.subject} » pour {', '.join(item.recipients)}"
             for item in queued if not dry_run]
    if dry_run:
        lines += [f"Partirait : {item.kind} « {item.message.subject} » pour {', '.join(item.recipients)}"
                  for item in queued]
    for sent in outbox.send_due(store, send, dry_run=dry_run):
        reason = f" — {sent.reason}" if sent.reason else ""
        lines.append(f"{sent.outcome} · n° {sent.message_id} · {sent.kind} « {sent.subject} »{reason}")
    return lines or ["Rien à envoyer."]
