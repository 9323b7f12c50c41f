"""The command line never removes stored figures unattended, and never writes a file's control characters raw to
the terminal (issue 17)."""

import pytest

from tests.builders import csv_file, plan_workbook
from tests.test_cli import cli, snapshot

pytestmark = pytest.mark.usefixtures("story_day")


def test_an_import_that_would_remove_figures_asks_for_retirer(tmp_path):
    db = tmp_path / "pac.duckdb"
    first = plan_workbook(tmp_path / "v1.xlsx", results=[("A1", "CA", "janv. 2026", 100),
                                                         ("A1", "CA", "févr. 2026", 200)])
    assert cli("import", first, db=db).returncode == 0
    second = plan_workbook(tmp_path / "v2.xlsx", results=[("A1", "CA", "janv. 2026", 110),
                                                          ("A1", "CA", "févr. 2026", None)])
    before = snapshot(db)
    refused = cli("import", second, db=db)
    assert refused.returncode == 1
    assert "1 chiffre enregistré serait retiré : Réalisé de février 2026, A1, Chiffre d'affaires" in refused.stderr
    assert "Rien n'a été importé : cet import retirerait des chiffres enregistrés. Si c'est voulu, relancez avec " \
           "--retirer" in refused.stderr
    assert snapshot(db) == before
    done = cli("import", second, "--retirer", db=db)
    assert done.returncode == 0 and "retirée" in done.stdout
    assert snapshot(db)["results"] == [{"action_id": "A1", "metric": "ca", "month": before["results"][0]["month"],
                                        "value": 110.0}]


def test_escape_sequences_in_a_cell_or_a_file_name_are_shown_escaped(tmp_path):
    path = csv_file(tmp_path / "r\x1b[2Jalise.csv",
                    "ID action;Indicateur;Période;Réalisé\nA1;CA;janv. 2026;\x1b[31mrouge\u202e\n")
    done = cli("validate", path, db=tmp_path / "pac.duckdb")
    assert done.returncode == 1
    assert "\x1b" not in done.stderr + done.stdout and "\u202e" not in done.stderr + done.stdout
    assert "r\\x1b[2Jalise.csv" in done.stderr and "\\x1b[31mrouge" in done.stderr
