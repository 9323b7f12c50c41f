"""The outbox: every message queued once, every try to send it recorded, nothing ever sent twice (issue 22).

Queued once: a message carries the key of what it is about (« relance 2026-10 Marie Durand 1 »); queueing a key
already queued does nothing, so that `envoyer` run twice, or by two timers, queues nothing new. Sent at most once:
a try is recorded « en cours » and committed *before* the message leaves; it is then marked « envoyé », « échec »
(with the time of the next try: 5, 10, 20, 40 minutes) or « abandon » (a failure that trying again cannot cure, or
the fifth). A message left « en cours » (the program killed while sending) is never sent again by itself: whether
it arrived cannot be known, and the outbox page says so. DuckDB lets one program hold the base, so two `envoyer`
cannot run on it at once; the store's lock orders the threads of one.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from pac_core import clock
from pac_core.notify.transport import Message, SendError

RETRY_MINUTES = (5, 10, 20, 40)  # after the 1st, 2nd, 3rd, 4th failure; the 5th abandons
KINDS = ("relance", "alerte", "revue", "digest")

# The newest try of each message: its state.
STATE_SQL = """
SELECT o.message_id, o.dedupe_key, o.kind, o.channel, o.recipients, o.subject, o.queued_at,
       a.outcome, a.reason, a.next_try_at, a.tried_at, coalesce(t.tries, 0) AS tries
FROM history.outbox AS o
LEFT JOIN (SELECT * FROM history.outbox_attempts QUALIFY row_number() OVER (PARTITION BY message_id
           ORDER BY attempt_id DESC) = 1) AS a USING (message_id)
LEFT JOIN (SELECT message_id, count(*) FILTER (WHERE outcome <> 'en cours') AS tries
           FROM history.outbox_attempts GROUP BY ALL) AS t USING (message_id)
"""


@dataclass(frozen=True)
class Queued:
    dedupe_key: str
    kind: str
    channel: str  # 'email' or 'webhook:<teams|slack|json>'
    recipients: tuple[str, ...]  # addresses, or the webhook's URL
    message: Message


@dataclass(frozen=True)
class Sent:
    message_id: int
    kind: str
    channel: str
    subject: str
    outcome: str  # 'envoyé', 'échec', 'abandon', or 'à envoyer' (a dry run)
    reason: str | None = None


def queue(store, item: Queued) -> bool:
    """Queue a message unless its key is queued already; True when it was queued now."""
    attachment = item.message.attachments[0] if item.message.attachments else None
    with store.transaction() as con:
        if con.execute("SELECT count(*) FROM history.outbox WHERE dedupe_key = ?", [item.dedupe_key]).fetchall()[0][0]:
            return False
        con.execute("INSERT INTO history.outbox SELECT coalesce(max(message_id), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ? "
                    "FROM history.outbox",
                    [item.dedupe_key, item.kind, item.channel, json.dumps(list(item.recipients), ensure_ascii=False),
                     item.message.subject, item.message.body, attachment[0] if attachment else None,
                     attachment[1] if attachment else None, clock.utc_now()])
    return True


def states(store) -> pd.DataFrame:
    """One row per message, newest first, with its state: for the outbox page."""
    return store.query(STATE_SQL + " ORDER BY o.message_id DESC")


def due(store, now: dt.datetime | None = None) -> pd.DataFrame:
    """The messages to try now: never tried, or failed and their next try has come."""
    now = now or clock.utc_now()
    rows = store.query(STATE_SQL + " WHERE a.outcome IS NULL OR (a.outcome = 'échec' AND a.next_try_at <= ?) "
                                   "ORDER BY o.message_id", [now])
    return rows


def send_due(store, send: Callable[[str, tuple, Message], None], *, dry_run: bool = False,
             now: dt.datetime | None = None) -> list[Sent]:
    """Try every due message with `send(channel, recipients, message)` (which raises SendError); a dry run tries
    nothing and records nothing."""
    done = []
    for row in due(store, now).itertuples(index=False):
        if dry_run:
            done.append(Sent(row.message_id, row.kind, row.channel, row.subject, "à envoyer"))
            continue
        message = _message(store, row.message_id)
        _record(store, row.message_id, "en cours")  # committed before anything leaves: never sent twice
        try:
            send(row.channel, tuple(json.loads(row.recipients)), message)
        except SendError as exc:
            tries = int(row.tries) + 1
            if exc.retry and tries <= len(RETRY_MINUTES):
                next_try = (now or clock.utc_now()) + dt.timedelta(minutes=RETRY_MINUTES[tries - 1])
                _record(store, row.message_id, "échec", str(exc), next_try)
                done.append(Sent(row.message_id, row.kind, row.channel, row.subject, "échec", str(exc)))
            else:
                reason = str(exc) if not exc.retry else f"{exc} Abandonné après {tries} essais."
                _record(store, row.message_id, "abandon", reason)
                done.append(Sent(row.message_id, row.kind, row.channel, row.subject, "abandon", reason))
            continue
        _record(store, row.message_id, "envoyé")
        done.append(Sent(row.message_id, row.kind, row.channel, row.subject, "envoyé"))
    return done


def _message(store, message_id: int) -> Message:
    row = store.query("SELECT recipients, subject, body, attachment_name, attachment FROM history.outbox "
                      "WHERE message_id = ?", [message_id]).iloc[0]
    attachments = ()
    if isinstance(row["attachment_name"], str):
        mime = mimetypes.guess_type(row["attachment_name"])[0] or "application/octet-stream"
        attachments = ((row["attachment_name"], bytes(row["attachment"]), mime),)
    recipients = tuple(json.loads(row["recipients"]))
    return Message(recipients, row["subject"], row["body"], attachments)


def _record(store, message_id: int, outcome: str, reason: str | None = None,
            next_try: dt.datetime | None = None) -> None:
    with store.transaction() as con:
        con.execute("INSERT INTO history.outbox_attempts SELECT coalesce(max(attempt_id), 0) + 1, ?, ?, ?, ?, ? "
                    "FROM history.outbox_attempts", [message_id, clock.utc_now(), outcome, reason, next_try])
