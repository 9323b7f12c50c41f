"""December 2026 walked on the demo (loaded on its story day: results to October), with a real SMTP server: each
`envoyer` run and what the mailboxes hold after it. November closes on 1 December; « Service marketing » (WEB, RS)
and « Directeur marketing » (SAL3) run actions in November; the direction is « Direction »; the review goes to
« Direction » and « Directeur marketing »."""

import datetime as dt
import zoneinfo

import pytest

from pac_core.demo_loader import load_demo
from pac_core.notify import reminders, send
from pac_core.review import save_month_comment
from pac_core.store import Store
from pac_core.validate import validate_files

pytestmark = pytest.mark.usefixtures("story_day")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, tzinfo=PARIS)


def test_a_month_of_messages_each_sent_once(tmp_path, smtp, monkeypatch):
    inbox, settings = smtp
    monkeypatch.setenv("PAC_DIRECTION", "Direction")
    monkeypatch.setenv("PAC_REVUE_PARTICIPANTS", "Direction, Directeur marketing")
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        for name, address in (("Service marketing", "marketing@exemple.fr"), ("Directeur marketing", "dm@exemple.fr"),
                              ("Direction", "direction@exemple.fr")):
            reminders.set_email(store, name, address, by="test")

        def envoyer(now):
            monkeypatch.setenv("PAC_TODAY", now.date().isoformat())  # what the store writes is dated that day
            before = len(inbox.messages)
            send.run(store, settings=settings, now=now)
            return [(tuple(to), mail["Subject"]) for to, mail in inbox.messages[before:]]

        # Tuesday 1: no relance before the 3rd; the statuses noted; the digest of the week begun on Monday 30
        assert envoyer(at(1)) == [(("direction@exemple.fr",), "PAC Pilot : le résumé de la semaine du 23/11/2026")]
        assert envoyer(at(1, 18)) == []  # run again: nothing twice
        # Thursday 3: the first relances
        assert sorted(envoyer(at(3))) == [
            (("dm@exemple.fr",), "PAC Pilot : vos chiffres de novembre 2026"),
            (("marketing@exemple.fr",), "PAC Pilot : vos chiffres de novembre 2026")]
        # Service marketing sends November's figures of WEB and RS
        figures = tmp_path / "novembre.csv"
        figures.write_text("ID action;Indicateur;Période;Réalisé\nWEB;contacts;2026-11;40\nRS;contacts;2026-11;8\n",
                           encoding="utf-8")
        monkeypatch.setenv("PAC_TODAY", "2026-12-04")
        store.import_batch(validate_files([figures], store.context()).batch, user="marketing")
        # Monday 7, 7 h: the second relance, to the one still missing; the digest waits for 8 h
        assert envoyer(at(7, 7)) == [(("dm@exemple.fr",), "PAC Pilot : rappel, vos chiffres de novembre 2026 "
                                                           "manquent toujours")]
        digest = envoyer(at(7, 8))
        assert digest == [(("direction@exemple.fr",), "PAC Pilot : le résumé de la semaine du 30/11/2026")]
        body = inbox.messages[-1][1].get_body(("plain",)).get_content().replace("\r\n", "\n")
        assert "novembre.csv" in body and "Réalisé de novembre 2026 manquant pour : Directeur marketing." in body
        # the review of November is held and its comment saved: its PDF to the participants
        monkeypatch.setenv("PAC_TODAY", "2026-12-08")
        save_month_comment(store, dt.date(2026, 11, 1), "Relancer le salon 3.")
        review = envoyer(at(8))
        assert review == [(("direction@exemple.fr", "dm@exemple.fr"), "PAC Pilot : la revue de novembre 2026")]
        attachment, = inbox.messages[-1][1].iter_attachments()
        assert attachment.get_content_type() == "application/pdf" and attachment.get_content()[:5] == b"%PDF-"
        assert envoyer(at(8, 18)) == [] and envoyer(at(9)) == []  # a second envoyer sends nothing
