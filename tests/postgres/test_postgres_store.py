"""PostgreSQL as the shared store of several servers, on a real server: what one server writes, the others see;
writes are serialised and whole; every way the connection can be wrong is one French sentence, nothing written.

The store's own specification (imports, replacement, undo, failures) runs on both stores in tests/test_store.py."""

import datetime
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from pac_core import accounts
from pac_core.postgres import connect as pg_connect
from pac_core.store import StoreError, open_store
from pac_core.validate import validate_files
from tests.builders import plan_workbook
from tests.conftest import same_in_postgres
from tests.test_store import do_import

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def poll_at_once(monkeypatch):
    """Servers look at PostgreSQL's data version on every read here (5 s between looks in production)."""
    monkeypatch.setenv("PAC_PG_POLL", "0")


def revenue(store) -> dict:
    frame = store.query("SELECT action_id, strftime(month, '%Y-%m') AS month, value FROM results WHERE metric = 'ca' "
                        "ORDER BY ALL")
    return {(row.action_id, row.month): row.value for row in frame.itertuples(index=False)}


def test_an_import_on_one_server_is_seen_by_another_and_so_is_its_undo(pg_url, tmp_path):
    with open_store(pg_url) as first, open_store(pg_url) as second:
        before = second.data_version()
        done = do_import(first, plan_workbook(tmp_path / "p.xlsx", results=[("A1", "ca", "janv. 2026", 1200),
                                                                           ("A2", "ca", "févr. 2026", 800)]))
        assert second.data_version() != before
        assert revenue(second) == {("A1", "2026-01"): 1200.0, ("A2", "2026-02"): 800.0}
        same_in_postgres(second)  # the import's rows read alone (tables.load), the same as a whole reading
        second.undo(done.import_id, user="autre-serveur")
        assert first.refresh()
        assert revenue(first) == {}
        assert first.query("SELECT undone_by FROM history.imports")["undone_by"].tolist() == ["autre-serveur"]
        same_in_postgres(first)


def test_a_server_behind_catches_up_before_it_writes(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PAC_PG_POLL", "3600")  # the second server does not look by itself
    with open_store(pg_url) as first, open_store(pg_url) as second:
        do_import(first, plan_workbook(tmp_path / "1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
        assert revenue(second) == {}  # not looked yet
        second.save_review_comment(datetime.date(2026, 1, 1), "Bon début", user="dir")
        assert revenue(second) == {("A1", "2026-01"): 100.0}  # reloaded before writing
        assert first.refresh(force=True)
        assert first.review_comment(datetime.date(2026, 1, 1))[0] == "Bon début"
        same_in_postgres(second)


def test_two_servers_importing_at_once_are_both_logged_and_nothing_is_lost(pg_url, tmp_path):
    files = [plan_workbook(tmp_path / f"{n}.xlsx", actions=(f"A{n}",),
                           results=[(f"A{n}", "ca", f"{month} 2026", 10 * n) for month in ("janv.", "févr.", "mars")])
             for n in (1, 2)]
    stores = [open_store(pg_url), open_store(pg_url)]
    try:
        batches = [validate_files([path], store.context()).batch for path, store in zip(files, stores)]
        errors = []

        def run(store, batch):
            try:
                store.import_batch(batch, user="cron")
            except Exception as exc:  # noqa: BLE001 — reported below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=pair) for pair in zip(stores, batches)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        for store in stores:
            store.refresh(force=True)
            assert store.query("SELECT import_id FROM history.imports ORDER BY 1")["import_id"].tolist() == [1, 2]
            assert sum(revenue(store).values()) == 3 * 10 + 3 * 20
        same_in_postgres(stores[0])
    finally:
        for store in stores:
            store.close()


def test_accounts_and_wall_tokens_made_on_one_server_work_on_another(pg_url):
    with open_store(pg_url) as first, open_store(pg_url) as second:
        accounts.add_account(first, "chef", "admin", "un mot de passe long", by="installation")
        token = accounts.add_wall_token(first, "Écran du hall", by="chef")
        second.refresh(force=True)
        assert accounts.sign_in(second, "chef", "un mot de passe long").role == "admin"
        assert accounts.sign_in(second, "chef", "mauvais") is None
        assert accounts.principal_for_token(second, token) is not None


def test_the_command_line_imports_beside_a_running_server(pg_url, tmp_path):
    with open_store(pg_url) as app:
        do_import(app, plan_workbook(tmp_path / "1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
        path = plan_workbook(tmp_path / "2.xlsx", results=[("A1", "ca", "févr. 2026", 250)])
        done = subprocess.run([sys.executable, "-m", "pac_core", "--db", pg_url, "import", str(path)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "Import n° 2 enregistré" in done.stdout
        assert "pac-essai" not in done.stdout + done.stderr  # the password is never printed
        assert app.refresh()
        assert revenue(app) == {("A1", "2026-01"): 100.0, ("A1", "2026-02"): 250.0}


def test_a_server_whose_connection_was_cut_reconnects_by_itself(pg_url, tmp_path):
    with open_store(pg_url) as store:
        do_import(store, plan_workbook(tmp_path / "1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
        with psycopg.connect(pg_url, autocommit=True) as admin:  # what a restart of PostgreSQL does to a client
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                          "'PAC Pilot' AND datname = current_database() AND pid <> pg_backend_pid()")
        time.sleep(0.2)
        assert revenue(store) == {("A1", "2026-01"): 100.0}  # the screens keep what the server holds
        with psycopg.connect(pg_url, autocommit=True) as admin:  # and a look at PostgreSQL reconnects at once
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                          "'PAC Pilot' AND datname = current_database() AND pid <> pg_backend_pid()")
        time.sleep(0.2)
        assert store.refresh(force=True) is False  # reconnected; nothing new to read
        do_import(store, plan_workbook(tmp_path / "2.xlsx", results=[("A1", "ca", "févr. 2026", 50)]))
        assert revenue(store) == {("A1", "2026-01"): 100.0, ("A1", "2026-02"): 50.0}
        same_in_postgres(store)


KILLED_IMPORT = """
import sys
from pac_core.store import open_store
from pac_core.validate import validate_files
store = open_store(sys.argv[1])
batch = validate_files([sys.argv[2]], store.context()).batch
print("début", flush=True)
store.import_batch(batch, user="tué")
print("fin", flush=True)
"""


def big_import(tmp_path, count=4000):
    """A workbook of `count` new actions with six months of revenue each, and its total."""
    from tests.builders import workbook

    months = ["janv. 2026", "févr. 2026", "mars 2026", "avr. 2026", "mai 2026", "juin 2026"]
    rows = [[f"B{n}", "CA", *[n + m for m in range(len(months))]] for n in range(count)]
    path = workbook(tmp_path / "gros.xlsx", {"Actions": [["ID action", "Nom"], *[[f"B{n}", f"Action {n}"]
                                                                              for n in range(count)]],
                                             "Réalisé": [["ID action", "Indicateur", *months], *rows]})
    return path, sum(sum(row[2:]) for row in rows)


def imports_and_total(pg_url):
    with open_store(pg_url) as app:
        same_in_postgres(app)
        return (app.query("SELECT import_id FROM history.imports ORDER BY 1")["import_id"].tolist(),
                app.scalar("SELECT coalesce(sum(value), 0) FROM results WHERE action_id LIKE 'B%'"))


def test_a_server_killed_in_the_middle_of_an_import_leaves_nothing_of_it(pg_url, tmp_path):
    with open_store(pg_url) as app:
        do_import(app, plan_workbook(tmp_path / "1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
    path, _ = big_import(tmp_path)
    with psycopg.connect(pg_url) as blocker, psycopg.connect(pg_url, autocommit=True) as watcher:
        # The data version is the last thing an import writes: held here, the import waits with every row written.
        blocker.execute("LOCK TABLE pac_pilot.pac_meta IN EXCLUSIVE MODE")
        child = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, pg_url, str(path)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'PAC Pilot' "
                                  "AND wait_event_type = 'Lock' AND query LIKE 'UPDATE pac_pilot.pac_meta%'"
                                  ).fetchone()[0]:
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
        child.kill()  # kill -9, its 24 000 rows sent and not committed
        child.wait(timeout=30)
        blocker.rollback()
    assert imports_and_total(pg_url) == ([1], 0)


def test_an_import_that_finished_before_its_server_died_is_whole(pg_url, tmp_path):
    path, total = big_import(tmp_path)
    child = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, pg_url, str(path)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "début"
    assert child.stdout.readline().strip() == "fin"
    child.kill()
    child.wait(timeout=30)
    assert imports_and_total(pg_url) == ([1], total)


# -- what goes wrong, in French, nothing written --------------------------------------------------------------------

def refused(url) -> str:
    with pytest.raises(StoreError) as error:
        open_store(url)
    return str(error.value)


def test_a_malformed_address_is_explained_with_an_example():
    assert refused("postgresql://pac:secret@serveur:port/base") == (
        "L'adresse PostgreSQL « postgresql://pac:***@serveur:port/base » n'est pas valide : elle s'écrit "
        "postgresql://utilisateur:motdepasse@serveur:5432/base.")


def test_a_server_name_the_network_does_not_know():
    assert refused("postgresql://pac:secret@serveur-inconnu.invalid:5432/pac") == (
        "Le serveur PostgreSQL « serveur-inconnu.invalid » est introuvable (nom inconnu du réseau) : vérifiez "
        "l'adresse « postgresql://pac:***@serveur-inconnu.invalid:5432/pac ».")


def test_a_server_that_does_not_answer():
    said = refused("postgresql://pac:secret@127.0.0.1:9/pac")
    assert said == ("Le serveur PostgreSQL 127.0.0.1:9 ne répond pas : vérifiez qu'il est démarré et que l'adresse "
                    "« postgresql://pac:***@127.0.0.1:9/pac » est la bonne.")


def test_a_wrong_password_and_a_missing_database(pg_url):
    wrong = pg_url.replace("://postgres:", "://postgres:faux", 1)
    said = refused(wrong)
    assert said.startswith("PostgreSQL (") and "a refusé l'utilisateur « postgres » : mot de passe ou nom " \
        "d'utilisateur incorrect." in said
    assert "faux" not in said
    missing = pg_url.rsplit("/", 1)[0] + "/pac_inexistante"
    assert "La base « pac_inexistante » n'existe pas sur le serveur PostgreSQL" in refused(missing)


def test_a_database_of_another_application_is_left_untouched(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as other:
        other.execute("CREATE TABLE clients (id integer PRIMARY KEY, nom text)")
        other.execute("CREATE TABLE factures (id integer PRIMARY KEY, montant numeric)")
        said = refused(pg_url)
        assert said.startswith("La base PostgreSQL « pac_test_")
        assert "contient déjà les tables d'une autre application (public.clients, public.factures…) : PAC Pilot " \
               "n'y écrit rien." in said
        schemas = other.execute("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'pac_pilot'")
        assert schemas.fetchone()[0] == 0


@pytest.mark.parametrize("version, major", [(120015, "12"), (90624, "9.6")])
def test_a_server_too_old_is_named(version, major):
    with pytest.raises(StoreError) as error:
        pg_connect.check_version(version)
    assert str(error.value).startswith(f"PostgreSQL {major} est trop ancien")
    assert "est trop ancien : PAC Pilot demande PostgreSQL 13 ou plus récent" in str(error.value)
    pg_connect.check_version(130000)  # 13.0 is enough


def test_backups_are_postgresqls_own(pg_url):
    with open_store(pg_url) as store:
        with pytest.raises(StoreError, match="pg_dump"):
            store.backup()
    done = subprocess.run([sys.executable, "-m", "pac_core", "--db", pg_url, "backups"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "pg_dump" in done.stderr
