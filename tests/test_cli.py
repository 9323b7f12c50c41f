"""The command line, run as a user runs it: real files, real database, exit codes, French sentences."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pac_core.store import Store
from tests.builders import database_held_by_another_process, plan_workbook

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

ROOT = Path(__file__).resolve().parent.parent
CURRENT_TABLES = {
    "actions": "action_id", "targets": "action_id, metric, month", "results": "action_id, metric, month",
    "strategic_objectives": "objective_id", "opportunities": "opportunity_id"}


def cli(*args, db=None):
    command = [sys.executable, "-m", "pac_core", *(["--db", str(db)] if db else []), *map(str, args)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr + done.stdout
    return done


def snapshot(db: Path) -> dict:
    with Store(db) as store:
        return {name: store.query(f"SELECT * EXCLUDE (import_id) FROM {name} ORDER BY {order}").to_dict("records")
                for name, order in CURRENT_TABLES.items()}


def test_validate_says_valid_and_exits_0(tmp_path):
    done = cli("validate", plan_workbook(tmp_path / "ok.xlsx", results=[("A1", "CA", "févr. 2026", "1 250,40")]),
               db=tmp_path / "pac.duckdb")
    assert done.returncode == 0
    assert "Fichier valide" in done.stdout


def test_validate_names_the_bad_cell_and_exits_1(tmp_path):
    done = cli("validate", plan_workbook(tmp_path / "bad.xlsx", results=[("A1", "CA", "févr. 2026", "beaucoup")]),
               db=tmp_path / "pac.duckdb")
    assert done.returncode == 1
    assert "feuille « Réalisé », ligne 2, colonne D « Réalisé »" in done.stderr
    assert "« beaucoup » n'est pas un nombre" in done.stderr


def test_validate_json_lists_errors_with_sheet_row_column_and_value(tmp_path):
    done = cli("validate", "--json", plan_workbook(tmp_path / "bad.xlsx", results=[("A1", "Rendez vou", "mars 2026", 3)]),
               db=tmp_path / "pac.duckdb")
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["valid"] is False
    error = report["errors"][0]
    assert (error["sheet"], error["row"], error["value"]) == ("Réalisé", 2, "Rendez vou")
    assert error["column"].startswith("B")
    assert "Vouliez-vous dire « Rendez-vous » ?" in error["message"]


def test_an_unreadable_file_exits_2_with_one_sentence(tmp_path):
    pdf = tmp_path / "plan.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 200)
    done = cli("validate", pdf, db=tmp_path / "pac.duckdb")
    assert done.returncode == 2
    assert "est un document PDF" in done.stderr


def test_a_usage_error_exits_2_in_french(tmp_path):
    done = cli("undo", "trois", db=tmp_path / "pac.duckdb")
    assert done.returncode == 2
    assert "Commande incorrecte" in done.stderr


def test_import_list_and_undo(tmp_path):
    db = tmp_path / "pac.duckdb"
    first = cli("import", plan_workbook(tmp_path / "v1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]), db=db)
    assert first.returncode == 0 and "Import n° 1 enregistré" in first.stdout
    second = cli("import", plan_workbook(tmp_path / "v2.xlsx", results=[("A1", "ca", "janv. 2026", 180)]), db=db)
    assert "1 remplacées" in second.stdout
    listing = cli("imports", db=db)
    assert "n° 2" in listing.stdout and "v2.xlsx" in listing.stdout
    assert cli("undo", "2", db=db).returncode == 0
    with Store(db) as store:
        assert store.scalar("SELECT value FROM results") == 100
    assert "annulé le" in cli("imports", db=db).stdout


def test_an_invalid_import_changes_nothing(tmp_path):
    db = tmp_path / "pac.duckdb"
    cli("import", plan_workbook(tmp_path / "v1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]), db=db)
    before = db.read_bytes()
    done = cli("import", plan_workbook(tmp_path / "bad.xlsx", results=[("A1", "ca", "janv. 2026", "1.234")]), db=db)
    assert done.returncode == 1
    assert "ambigu" in done.stderr and "Rien n'a été importé" in done.stderr
    assert db.read_bytes() == before


def test_the_template_is_itself_a_valid_workbook(tmp_path):
    assert cli("template", tmp_path / "modele.xlsx").returncode == 0
    assert cli("validate", tmp_path / "modele.xlsx", db=tmp_path / "pac.duckdb").returncode == 0


def test_export_reimports_to_the_same_state(tmp_path):
    demo_db, copy_db = tmp_path / "demo.duckdb", tmp_path / "copy.duckdb"
    assert cli("demo", db=demo_db).returncode == 0
    assert cli("export", tmp_path / "export.xlsx", db=demo_db).returncode == 0
    assert cli("import", tmp_path / "export.xlsx", db=copy_db).returncode == 0
    original, copy = snapshot(demo_db), snapshot(copy_db)
    assert len(original["results"]) == 137 and len(original["opportunities"]) == 300
    assert copy == original


def test_the_cli_says_so_when_the_app_holds_the_database(tmp_path, monkeypatch):
    """A program that holds the base without serving its drop folder (the app serves it: tests/test_depot.py)."""
    db = tmp_path / "pac.duckdb"
    Store(db).close()
    monkeypatch.setenv("PAC_DEPOT_PICKUP", "1")
    with database_held_by_another_process(db):
        done = cli("imports", db=db)
        assert done.returncode == 2
        assert "Aucune application PAC Pilot n'a pris la commande déposée en 1 s" in done.stderr
        monkeypatch.setenv("PAC_DEPOT", "0")  # the drop folder turned off: the base's own sentence, on one line
        done = cli("imports", db=db)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "déjà ouverte par un autre programme" in done.stderr


def test_a_reader_that_leaves_early_gets_no_error(tmp_path):
    """`summary --json | head -3`: the reader may close the pipe before the end; the CLI then says nothing of it.
    Here the reading end is closed before the command starts, so its first write meets the broken pipe."""
    db = tmp_path / "pac.duckdb"
    assert cli("demo", db=db).returncode == 0
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = subprocess.run([sys.executable, "-m", "pac_core", "summary", "--db", str(db), "--json"], cwd=ROOT,
                              stdout=writing, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(writing)
    assert done.stderr == "" and done.returncode == 0
