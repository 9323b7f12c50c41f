"""Imports while the app holds the database (pac_core/depot.py): the command line hands its files to the app, which
imports them as the command would have and answers with the same report and exit code; a CRM's exports dropped in
`depot/entrant/` are imported once they stop growing; with no app watching, the command says so and imports
nothing. The demo (clock pinned to its story day) is import n° 1; the file sets WEB's contacts of October 2026 to
99."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pac_core import depot
from pac_core.app_state import shared_store
from pac_core.cli import run_in_store
from pac_core.demo_loader import load_demo
from pac_core.store import Store, os_user

pytestmark = pytest.mark.usefixtures("story_day")
ROOT = Path(__file__).resolve().parent.parent
GOOD = "ID action;Indicateur;Période;Réalisé\nWEB;contacts;2026-10;99\n"
BAD = "ID action;Indicateur;Période;Réalisé\nZZZ;contacts;2026-10;99\n"
REFUSAL = ("erreur · bad.csv, ligne 2, colonne ID action : « ZZZ » — Action « ZZZ » inconnue. Ajoutez-la dans la "
           "feuille Actions ou corrigez l'identifiant.\nFichier refusé : 1 erreur(s), 0 avertissement(s).\nRien n'a "
           "été importé : corrigez les erreurs ci-dessus puis relancez l'import.\n")


def command(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pac_core", "--db", str(db), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PAC_DEPOT_POLL": "0.2", **env})


def web_contacts(store: Store) -> float:
    return store.scalar("SELECT value FROM main.results WHERE action_id = 'WEB' AND metric = 'contacts' "
                        "AND month = DATE '2026-10-01'")


@pytest.fixture
def files(tmp_path):
    (tmp_path / "r.csv").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.csv").write_text(BAD, encoding="utf-8")
    return tmp_path


@pytest.fixture
def held_by_the_app(tmp_path, monkeypatch):
    """The database as the app holds it: its one store of the process, its drop folder watched."""
    monkeypatch.setattr(depot, "POLL_SECONDS", 0.2)
    store = shared_store(tmp_path / "base" / "pac.duckdb")
    yield store
    store.close()


def test_the_command_line_imports_through_the_app_that_holds_the_base(held_by_the_app, files):
    before = web_contacts(held_by_the_app)
    assert before not in (None, 99)
    done = command(held_by_the_app.path, "import", str(files / "r.csv"))
    assert (done.returncode, done.stdout) == (0, "Import n° 2 enregistré : 1 lignes de réalisé (1 remplacées).\n")
    assert done.stderr.startswith("La base est ouverte par l'application : commande confiée à son dossier de dépôt")
    assert web_contacts(held_by_the_app) == 99
    last = held_by_the_app.import_history().iloc[0]
    assert (last["origin"], last["imported_by"], last["file_names"]) == ("dépôt", os_user(), "r.csv")
    assert not any((depot.depot_dir(held_by_the_app.path) / depot.REQUESTS).iterdir())  # nothing left behind


def test_a_refused_file_gets_the_same_refusal_and_exit_code_as_a_direct_import(held_by_the_app, files, tmp_path):
    before = web_contacts(held_by_the_app)
    through_the_app = command(held_by_the_app.path, "import", str(files / "bad.csv"))
    alone = tmp_path / "alone" / "pac.duckdb"
    alone.parent.mkdir()
    with Store(alone) as store:
        load_demo(store)
    direct = command(alone, "import", str(files / "bad.csv"))
    assert (through_the_app.returncode, direct.returncode) == (1, 1)
    assert through_the_app.stderr.endswith(REFUSAL) and direct.stderr == REFUSAL
    assert len(held_by_the_app.import_history()) == 1 and web_contacts(held_by_the_app) == before


def test_a_crms_exports_dropped_in_the_folder_are_imported_once_they_stop_growing(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        incoming = depot.depot_dir(store.path) / depot.INCOMING
        incoming.mkdir(parents=True)
        (incoming / "export-crm.csv").write_text(GOOD, encoding="utf-8")
        (incoming / "bad.csv").write_text(BAD, encoding="utf-8")
        (incoming / ".en-cours-d-ecriture.csv").write_text(GOOD[:20], encoding="utf-8")  # an exporter's temporary
        seen = {}
        assert depot.serve_once(store, run_in_store, seen) == 0  # first seen: perhaps still being written
        for dropped in incoming.iterdir():  # untouched since STABLE_SECONDS
            os.utime(dropped, (dropped.stat().st_atime - 10, dropped.stat().st_mtime - 10))
        assert depot.serve_once(store, run_in_store, seen) == 0  # touched since it was first seen: next time
        assert depot.serve_once(store, run_in_store, seen) == 2
        assert web_contacts(store) == 99 and store.import_history().iloc[0]["origin"] == "dépôt"
    done, = (depot.depot_dir(tmp_path / "pac.duckdb") / depot.DONE).glob("*-export-crm.csv")
    assert Path(f"{done}.résultat.txt").read_text(encoding="utf-8") == \
        "Import n° 2 enregistré : 1 lignes de réalisé (1 remplacées).\n"
    refused, = (depot.depot_dir(tmp_path / "pac.duckdb") / depot.REFUSED).glob("*-bad.csv")
    assert Path(f"{refused}.résultat.txt").read_text(encoding="utf-8") == REFUSAL
    assert [path.name for path in incoming.iterdir()] == [".en-cours-d-ecriture.csv"]


def test_with_no_app_watching_the_folder_the_command_says_so_and_imports_nothing(tmp_path, files):
    with Store(tmp_path / "pac.duckdb") as store:  # another program holds the base, without a drop folder
        load_demo(store)
        before = web_contacts(store)
        done = command(store.path, "import", str(files / "r.csv"), PAC_DEPOT_PICKUP="1")
        assert done.returncode == 2
        assert "Aucune application PAC Pilot n'a pris la commande déposée en 1 s" in done.stderr
        assert web_contacts(store) == before
        assert not any((depot.depot_dir(store.path) / depot.REQUESTS).iterdir())


def test_the_running_app_imports_what_the_command_line_hands_it(tmp_path, files):
    """The real server (streamlit run serveur.py) holds the base from its start and serves its drop folder."""
    from tests.browser.conftest import Server

    server = Server(tmp_path / "pac.duckdb", tmp_path / "streamlit.log")
    try:
        server.wait_ready()
        done = command(tmp_path / "pac.duckdb", "import", str(files / "r.csv"))
    finally:
        server.stop()
    assert (done.returncode, done.stdout) == (0, "Import n° 2 enregistré : 1 lignes de réalisé (1 remplacées).\n"), \
        done.stderr
    with Store(tmp_path / "pac.duckdb", read_only=True) as store:
        assert web_contacts(store) == 99 and store.import_history().iloc[0]["origin"] == "dépôt"


def test_what_a_killed_command_left_in_the_folder_is_removed_after_a_day(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        requests = depot.depot_dir(store.path) / depot.REQUESTS
        old, recent = requests / ".20261201-partiel.partiel", requests / "20261206-1.en-cours"
        for folder in (old, recent):
            folder.mkdir(parents=True)
        os.utime(old, (0, os.stat(old).st_mtime - 2 * 24 * 3600))
        depot.serve_once(store, run_in_store)
        assert [path.name for path in requests.iterdir()] == [recent.name]


def test_the_commands_that_read_or_undo_work_beside_the_app_too(held_by_the_app, files):
    valid = command(held_by_the_app.path, "validate", str(files / "r.csv"))
    assert (valid.returncode, valid.stdout.splitlines()[0]) == (0, "Fichier valide (0 avertissement(s)).")
    assert command(held_by_the_app.path, "import", str(files / "r.csv")).returncode == 0
    listed = command(held_by_the_app.path, "imports")
    assert listed.returncode == 0 and listed.stdout.startswith("n° 2 · ") and " · r.csv · " in listed.stdout
    summary = command(held_by_the_app.path, "summary", "--json")
    assert summary.returncode == 0 and '"actions"' in summary.stdout
    undone = command(held_by_the_app.path, "undo", "2")
    assert undone.returncode == 0 and web_contacts(held_by_the_app) != 99
    # what replaces the base, or asks for a password, is not sent through a folder
    demo = command(held_by_the_app.path, "demo")
    assert demo.returncode == 2 and "déjà ouverte par un autre programme" in demo.stderr


def test_a_request_the_app_would_not_run_gets_a_french_answer_and_the_watcher_goes_on(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        assert run_in_store(store, ["user", "add", "x", "--role", "admin"], "me", "dépôt") == \
            (2, "", "La commande « user » ne passe pas par l'application.\n")
        code, out, err = run_in_store(store, ["import"], "me", "dépôt")  # no file: argparse refuses
        assert code == 2 and "files" in err and out == ""
        assert len(store.import_history()) == 1
