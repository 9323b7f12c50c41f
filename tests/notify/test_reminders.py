"""Relances on the demo (loaded on its story day: results to October 2026). In November WEB and RS (« Service
marketing ») and SAL3 (« Directeur marketing ») run; « Directeur commercial »'s actions ended in September."""

import datetime as dt

import pytest

from pac_core.demo_loader import load_demo
from pac_core.notify import outbox, reminders
from pac_core.notify.transport import send_email
from pac_core.store import Store
from pac_core.validate import validate_files

pytestmark = pytest.mark.usefixtures("story_day")


@pytest.fixture
def demo(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        reminders.set_email(store, "Service marketing", "marketing@exemple.fr", by="test")
        reminders.set_email(store, "Directeur commercial", "dc@exemple.fr", by="test")
        yield store


def test_an_address_that_is_not_one_is_refused_in_french(demo):
    with pytest.raises(reminders.ContactError, match="« marie@ » n'est pas une adresse e-mail"):
        reminders.set_email(demo, "Marie", "marie@", by="test")
    reminders.set_email(demo, "Directeur commercial", "", by="test")  # removed
    assert reminders.emails(demo) == {"Service marketing": "marketing@exemple.fr"}


def test_relances_go_on_day_3_and_day_7_to_the_owners_still_missing_and_only_once(demo, smtp, tmp_path):
    inbox, settings = smtp
    assert reminders.due_reminders(demo, dt.date(2026, 12, 2)) == []  # too early
    first = reminders.due_reminders(demo, dt.date(2026, 12, 3))
    assert [(q.dedupe_key, q.recipients) for q in first] == [
        ("relance 2026-11 Service marketing 1", ("marketing@exemple.fr",))]  # Directeur marketing: no address
    for item in first + reminders.due_reminders(demo, dt.date(2026, 12, 5)):  # a second run: queued once
        outbox.queue(demo, item)
    assert len(outbox.states(demo)) == 1
    sent = outbox.send_due(demo, lambda channel, to, message: send_email(settings, message))
    assert [s.outcome for s in sent] == ["envoyé"]
    (to, mail), = inbox.messages
    assert mail["Subject"] == "PAC Pilot : vos chiffres de novembre 2026"
    body = mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith("Bonjour Service marketing,\n\nLe réalisé de novembre 2026 n'est pas encore arrivé pour "
                           "vos actions :\n  - RS · Réseaux sociaux")
    assert "/donnees" in body and "Le fichier joint les attend" in body
    # the attached workbook, filled in as the owner would, imports as is
    attachment, = mail.iter_attachments()
    assert attachment.get_filename() == "realise-2026-11.xlsx"
    import io

    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(attachment.get_content()))
    sheet = book["Réalisé"]
    header = [cell.value for cell in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    assert [(row[0].value, row[1].value) for row in rows][:2] == [("RS", "Contacts"), ("RS", "Coût")]
    for row in rows:
        row[header.index("Réalisé")].value = 7
    filled = tmp_path / "realise-rempli.xlsx"
    book.save(filled)
    validation = validate_files([filled], demo.context())
    assert validation.ok, [issue.message for issue in validation.errors]
    demo.import_batch(validation.batch, user="test")
    assert demo.scalar("SELECT value FROM main.results WHERE action_id = 'RS' AND metric = 'publications' "
                       "AND month = DATE '2026-11-01'") == 7
    # November's figures arrived: nothing more for Service marketing on day 7
    assert reminders.due_reminders(demo, dt.date(2026, 12, 7)) == []


def test_envoyer_sends_what_is_due_once_and_a_trial_run_sends_nothing(tmp_path, smtp):
    import os
    import subprocess
    import sys
    from pathlib import Path

    inbox, settings = smtp
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        load_demo(store)
        reminders.set_email(store, "Service marketing", "marketing@exemple.fr", by="test")
    env = {**os.environ, "PAC_TODAY": "2026-12-03", "PAC_SMTP_HOST": "127.0.0.1", "PAC_SMTP_PORT": str(settings.port),
           "PAC_SMTP_SECURITE": "aucune", "PAC_SMTP_UTILISATEUR": "pac", "PAC_SMTP_MOT_DE_PASSE": "secret"}
    root = Path(__file__).resolve().parents[2]

    def envoyer(*extra):
        return subprocess.run([sys.executable, "-m", "pac_core", "--db", str(db), "envoyer", *extra], cwd=root,
                              env=env, capture_output=True, text=True, timeout=120)

    trial = envoyer("--essai")
    assert trial.returncode == 0 and trial.stdout == (
        "Partirait : relance « PAC Pilot : vos chiffres de novembre 2026 » pour marketing@exemple.fr\n")
    assert inbox.messages == []
    first = envoyer()
    assert first.returncode == 0 and first.stdout.splitlines()[-1] == (
        "envoyé · n° 1 · relance « PAC Pilot : vos chiffres de novembre 2026 »")
    assert envoyer().stdout == "Rien à envoyer.\n" and len(inbox.messages) == 1


def test_addresses_are_given_and_listed_from_the_command_line(tmp_path):
    from pac_core.cli import main

    db = str(tmp_path / "pac.duckdb")
    assert main(["--db", db, "contact", "Service marketing", "marketing@exemple.fr"]) == 0
    assert main(["--db", db, "contact", "Marie", "marie@"]) == 1  # not an address: refused, nothing kept
    with Store(tmp_path / "pac.duckdb") as store:
        assert reminders.emails(store) == {"Service marketing": "marketing@exemple.fr"}
