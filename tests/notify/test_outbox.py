"""The outbox against a real SMTP server: a message queued once whatever the runs, sent at most once, a failure
tried again 5, 10, 20 and 40 minutes later then abandoned, one that retrying cannot cure abandoned at once, one
interrupted while sending never sent again by itself, a dry run that records nothing."""

import datetime as dt

import pytest

from pac_core.notify import outbox
from pac_core.notify.outbox import Queued
from pac_core.notify.transport import Message, SmtpSettings, send_email
from pac_core.store import Store
from tests.notify.conftest import free_port

NOW = dt.datetime(2026, 11, 3, 7, 0)


def reminder(key="relance 2026-10 Marie Durand 1", to=("marie@exemple.fr",)) -> Queued:
    return Queued(key, "relance", "email", to,
                  Message(to, "PAC Pilot : vos chiffres d'octobre", "Bonjour Marie,\nIl manque octobre."))


def by_smtp(settings):
    return lambda channel, recipients, message: send_email(settings, message)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        yield store


def test_a_message_is_queued_once_and_sent_once(store, smtp):
    inbox, settings = smtp
    assert outbox.queue(store, reminder()) and not outbox.queue(store, reminder())  # a second run queues nothing
    sent = outbox.send_due(store, by_smtp(settings), now=NOW)
    assert [(s.kind, s.outcome) for s in sent] == [("relance", "envoyé")]
    assert outbox.send_due(store, by_smtp(settings), now=NOW + dt.timedelta(days=1)) == []  # nothing sent twice
    (recipients, mail), = inbox.messages
    assert recipients == ["marie@exemple.fr"] and mail["Subject"] == "PAC Pilot : vos chiffres d'octobre"
    assert outbox.states(store)["outcome"].tolist() == ["envoyé"]


def test_a_server_down_is_tried_again_later_then_abandoned(store):
    down = SmtpSettings("127.0.0.1", "pac@exemple.fr", port=free_port(), security="aucune", timeout=2)
    outbox.queue(store, reminder())
    now, waits = NOW, []
    for _ in range(5):
        sent, = outbox.send_due(store, by_smtp(down), now=now)
        state = outbox.states(store).iloc[0]
        if sent.outcome == "échec":
            waits.append(round((state["next_try_at"] - now).total_seconds() / 60))
            assert outbox.send_due(store, by_smtp(down), now=now + dt.timedelta(minutes=1)) == []  # not yet
            now = state["next_try_at"].to_pydatetime()
    assert waits == [5, 10, 20, 40]
    assert sent.outcome == "abandon" and sent.reason.endswith("Abandonné après 5 essais.")
    assert "est injoignable" in sent.reason
    assert outbox.send_due(store, by_smtp(down), now=now + dt.timedelta(days=1)) == []


def test_a_refused_recipient_is_abandoned_at_once(store, smtp):
    inbox, settings = smtp
    outbox.queue(store, reminder(to=("refuse@exemple.fr",)))
    sent, = outbox.send_due(store, by_smtp(settings), now=NOW)
    assert sent.outcome == "abandon" and "refuse le destinataire « refuse@exemple.fr »" in sent.reason
    assert inbox.messages == []


def test_a_message_interrupted_while_sending_is_never_sent_again_by_itself(store, smtp):
    inbox, settings = smtp
    outbox.queue(store, reminder())
    outbox._record(store, 1, "en cours")  # the program was killed after this, before the answer of the server
    assert outbox.send_due(store, by_smtp(settings), now=NOW) == [] and inbox.messages == []
    assert outbox.states(store)["outcome"].tolist() == ["en cours"]


def test_a_dry_run_lists_what_is_due_and_records_nothing(store, smtp):
    inbox, settings = smtp
    outbox.queue(store, reminder())
    planned = outbox.send_due(store, by_smtp(settings), dry_run=True, now=NOW)
    assert [(s.subject, s.outcome) for s in planned] == [("PAC Pilot : vos chiffres d'octobre", "à envoyer")]
    assert inbox.messages == [] and outbox.states(store)["outcome"].isna().all()
