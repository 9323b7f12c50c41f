"""Alertes on the demo (its story day: October 2026 closed). SAL3's contacts are 86 for 80 to date (« En bonne
voie », owner « Directeur marketing », running since October); a file setting October to 10 brings them to 10 for
80 (12,5 %: « En retard »)."""

import datetime as dt

import pytest

from pac_core.demo_loader import load_demo
from pac_core.notify import alerts, outbox, reminders
from pac_core.notify.transport import send_email
from pac_core.store import Store
from pac_core.validate import validate_files

pytestmark = pytest.mark.usefixtures("story_day")
DAY = dt.date(2026, 11, 15)


def contacts_of_sal3_in_october(store, tmp_path, value):
    path = tmp_path / f"sal3-{value}.csv"
    path.write_text(f"ID action;Indicateur;Période;Réalisé\nSAL3;contacts;2026-10;{value}\n", encoding="utf-8")
    store.import_batch(validate_files([path], store.context()).batch, user="test")


def test_an_action_falling_behind_and_coming_back_is_told_once_each_time(tmp_path, smtp, monkeypatch):
    inbox, settings = smtp
    monkeypatch.setenv("PAC_DIRECTION", "Direction, dg@exemple.fr")
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        reminders.set_email(store, "Directeur marketing", "dm@exemple.fr", by="test")
        reminders.set_email(store, "Direction", "direction@exemple.fr", by="test")
        assert alerts.due_alerts(store, DAY) == []  # the first run notes the statuses, alerts nothing
        assert alerts.due_alerts(store, DAY) == []  # nothing changed
        contacts_of_sal3_in_october(store, tmp_path, 10)
        late, = alerts.due_alerts(store, DAY)
        assert late.recipients == ("dm@exemple.fr", "direction@exemple.fr", "dg@exemple.fr")
        assert late.message.subject == "PAC Pilot : Salon 3 (octobre) · contacts en retard"
        assert alerts.due_alerts(store, DAY) == []  # told once
        contacts_of_sal3_in_october(store, tmp_path, 9)  # still late: nothing new
        assert alerts.due_alerts(store, DAY) == []
        contacts_of_sal3_in_october(store, tmp_path, 86)
        back, = alerts.due_alerts(store, DAY)
        assert back.message.subject == "PAC Pilot : Salon 3 (octobre) · contacts de nouveau en bonne voie"
        for item in (late, back, late):
            outbox.queue(store, item)
        outbox.send_due(store, lambda channel, to, message: send_email(settings, message))
    assert [mail["Subject"] for _, mail in inbox.messages] == [late.message.subject, back.message.subject]
    body = inbox.messages[0][1].get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith("Bonjour,\n\nSAL3 · Salon 3 (octobre) (Directeur marketing) : contacts passe « En retard » "
                           "à fin octobre 2026.\n\n  Réalisé à date : 10 pour un objectif à date de 80 (rythme 12,5")


def test_an_alert_also_goes_to_the_teams_channel_once(tmp_path, monkeypatch):
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from pac_core.notify import send

    received = []

    class Teams(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Teams)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("PAC_WEBHOOK_URL", f"http://127.0.0.1:{server.server_address[1]}/hook")
    monkeypatch.setenv("PAC_WEBHOOK_TYPE", "teams")
    monkeypatch.setenv("PAC_DIRECTION", "dg@exemple.fr")
    try:
        with Store(tmp_path / "pac.duckdb") as store:
            load_demo(store)
            send.run(store, settings=None)  # the first run notes the statuses
            contacts_of_sal3_in_october(store, tmp_path, 10)
            lines = send.run(store, settings=None)  # no SMTP: the e-mail waits, the webhook goes
            again = send.run(store, settings=None)
    finally:
        server.shutdown()
    assert [(card["@type"], card["title"]) for card in received] == [
        ("MessageCard", "PAC Pilot : Salon 3 (octobre) · contacts en retard")]
    assert any(line.startswith("envoyé · n° ") and " · alerte « " in line for line in lines)
    assert any("Aucun serveur SMTP n'est réglé" in line for line in lines)  # the e-mail: tried again later
    assert not any(line.startswith("envoyé") for line in again)
