"""Nothing imported is lost: a backup before every import or undo, listed only once whole and verified, restore
after damage that refuses a damaged backup and keeps who may come in, SQL kept inside the database file."""

import datetime
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pac_core import accounts, backup, clock
from pac_core.accounts import ADMIN, EDITEUR
from pac_core.cli import main
from pac_core.store import Store, StoreError
from pac_core.validate import validate_files
from tests.builders import plan_workbook
from tests.test_store import do_import, results


def test_every_import_after_the_first_leaves_a_copy_of_the_state_before_it(tmp_path):
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        do_import(store, plan_workbook(tmp_path / "1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
        assert backup.backups(db) == []  # an empty database has nothing to keep
        do_import(store, plan_workbook(tmp_path / "2.xlsx", results=[("A1", "ca", "janv. 2026", 250)]))
        store.undo(2, user="test")
    copies = backup.backups(db)
    assert [path.name.endswith(suffix) for path, suffix in zip(copies, ("avant-import.duckdb",
                                                                         "avant-annulation.duckdb"))] == [True, True]
    with Store(copies[0], read_only=True) as before_second:
        assert results(before_second) == [("A1", "ca", "2026-01", 100.0)]
    with Store(copies[1], read_only=True) as before_undo:
        assert results(before_undo) == [("A1", "ca", "2026-01", 250.0)]


def test_a_copy_that_cannot_be_read_back_stops_the_import_it_protects(tmp_path, monkeypatch):
    """The copy is read back while the import writes (backup.start_copy); the import commits only once it is."""
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        do_import(store, plan_workbook(tmp_path / "1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))

        def unreadable(path):
            raise duckdb.IOException("bloc illisible")
        monkeypatch.setattr(backup, "read_in_full", unreadable)
        second = validate_files([plan_workbook(tmp_path / "2.xlsx", results=[("A1", "ca", "janv. 2026", 250)])],
                                store.context())
        with pytest.raises(StoreError, match="n'a pas pu être écrite ou relue .*la base n'a pas été modifiée"):
            store.import_batch(second.batch, user="test")
        assert results(store) == [("A1", "ca", "2026-01", 100.0)]  # nothing of the second import
        assert backup.backups(db) == [] and not list(backup.backup_dir(db).glob(".*"))  # no half copy left
        monkeypatch.undo()
        assert store.import_batch(second.batch, user="test").import_id == 2  # the lock was given back
        assert results(store) == [("A1", "ca", "2026-01", 250.0)]
        assert len(backup.backups(db)) == 1


def _large_results_csv(folder: Path, year: int, rows: int) -> tuple[list[Path], float]:
    """Actions and `rows` monthly results of one year, as CSV, and the sum of their values: enough rows for
    DuckDB to write its row groups to the database file before the commit (its « optimistic » writes)."""
    folder.mkdir()
    ids = [f"A{i:05d}" for i in range(-(-rows // 96))]  # 8 indicators × 12 months per action
    actions = folder / "actions.csv"
    actions.write_text("ID action;Action;Canal;Responsable;Début;Fin;Budget\n" + "".join(
        f"{a};Action {a};Salon;Marie;01/01/{year};31/12/{year};1000\n" for a in ids), encoding="utf-8")
    metrics = ["contacts", "appels", "rdv", "publications", "devis", "ca", "nouveaux_clients", "cout"]
    rows_written = [(a, m, month, (i * 7 + month) % 1000) for i, a in enumerate(ids) for m in metrics
                    for month in range(1, 13)][:rows]
    figures = folder / "realise.csv"
    figures.write_text("ID action;Indicateur;Période;Réalisé\n" + "".join(
        f"{a};{m};{year}-{month:02d};{value}\n" for a, m, month, value in rows_written), encoding="utf-8")
    return [actions, figures], float(sum(value for *_, value in rows_written))


def test_the_copy_taken_while_a_large_import_writes_holds_the_base_of_before(tmp_path, monkeypatch):
    """The copy is written in a thread while the import writes its blocks (backup.start_copy); made to start only
    once they are written to the file, it still holds exactly the base of before, read back in full."""
    db = tmp_path / "pac.duckdb"
    copy_synced, grown = backup._copy_synced, []

    def late_copy(source, target, length):
        time.sleep(2)  # the import's 300 000 rows are written to the file meanwhile
        grown.append(os.fstat(source).st_size - length)  # the store's own descriptor of the file
        return copy_synced(source, target, length)

    with Store(db) as store:
        files, total = _large_results_csv(tmp_path / "2026", 2026, 200_000)
        store.import_batch(validate_files(files, store.context()).batch, user="test")
        monkeypatch.setattr(backup, "_copy_synced", late_copy)
        files, _ = _large_results_csv(tmp_path / "2025", 2025, 300_000)
        store.import_batch(validate_files(files, store.context()).batch, user="test")
        assert store.scalar("SELECT count(*) FROM main.results") == 500_000
    assert grown[0] > 0  # the import had written past the copy's end when the copy began
    copy, = backup.backups(db)
    assert backup.check(copy) is None  # its checksum and full read-back hold
    with Store(copy, read_only=True) as copied:
        assert copied.query("SELECT count(*) AS n, sum(value) AS total FROM main.results"
                            ).iloc[0].tolist() == [200_000, total]
        assert copied.scalar("SELECT count(*) FROM history.imports") == 1


def test_the_base_stays_locked_against_another_program_after_its_backups(tmp_path):
    """DuckDB's lock is an fcntl lock, which POSIX drops when the process closes any descriptor of the file: the
    copies read the file through the store's own descriptor, so that no second program can open the base after
    them (it could, after the first backup, until this was found)."""
    db = tmp_path / "pac.duckdb"
    probe = [sys.executable, "-c", f"import duckdb; duckdb.connect({str(db)!r}); print('ouverte')"]
    with Store(db) as store:
        do_import(store, plan_workbook(tmp_path / "1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
        do_import(store, plan_workbook(tmp_path / "2.xlsx", results=[("A1", "ca", "janv. 2026", 250)]))
        store.backup()
        assert len(backup.backups(db)) == 2  # before the second import, and the manual one
        other = subprocess.run(probe, capture_output=True, text=True)
        assert other.stdout == "" and "lock" in other.stderr.lower()
    assert subprocess.run(probe, capture_output=True, text=True).stdout == "ouverte\n"  # closed: free again


def test_only_the_newest_automatic_copies_are_kept_and_manual_ones_never_pruned(tmp_path):
    db = tmp_path / "pac.duckdb"
    Store(db).close()
    manual = backup.copy_database(db, "manuelle", keep=None)
    made = [backup.copy_database(db, "avant-import", keep=2) for _ in range(4)]
    assert backup.backups(db) == [manual, *made[-2:]]


def test_a_damaged_database_names_the_way_back_and_restore_brings_the_data_back(tmp_path, capsys):
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        do_import(store, plan_workbook(tmp_path / "1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
    assert main(["--db", str(db), "backup"]) == 0
    saved = backup.backups(db)[-1]
    db.write_bytes(b"\x00garbage" * 4096)  # a disk incident
    with pytest.raises(StoreError, match="python -m pac_core restore"):
        Store(db)
    assert main(["--db", str(db), "restore", str(saved)]) == 0
    assert "remise en place" in capsys.readouterr().out
    with Store(db) as store:
        assert results(store) == [("A1", "ca", "2026-01", 100.0)]
    kept = [path for path in backup.listing(db).damaged if path.name.endswith("-remplacee.duckdb")]
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00garbage" * 4096  # kept, never offered for restore


def test_restoring_something_that_is_not_a_backup_changes_nothing(tmp_path, capsys):
    db = tmp_path / "pac.duckdb"
    Store(db).close()
    before = db.read_bytes()
    bogus = tmp_path / "photo.duckdb"
    bogus.write_bytes(b"\x89PNG" + b"\x00" * 100)
    assert main(["--db", str(db), "restore", str(bogus)]) == 2
    assert "n'est pas une sauvegarde PAC Pilot lisible" in capsys.readouterr().err
    assert db.read_bytes() == before


@pytest.mark.parametrize("statement", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "COPY (SELECT 1) TO '{tmp}/leak.csv'",
    "ATTACH '{tmp}/other.duckdb' AS other",
    "SET enable_external_access = true",
    "INSTALL httpfs",
])
def test_sql_cannot_reach_files_the_network_or_change_the_settings(tmp_path, statement):
    with Store(tmp_path / "pac.duckdb") as store:
        with pytest.raises(duckdb.Error):
            store.query(statement.replace("{tmp}", str(tmp_path)))
    assert not (tmp_path / "leak.csv").exists() and not (tmp_path / "other.duckdb").exists()


def test_the_app_refuses_to_start_without_defusedxml(monkeypatch, tmp_path):
    import openpyxl.xml

    from pac_core.app_state import open_app_store

    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(StoreError, match="defusedxml"):
        open_app_store(tmp_path / "pac.duckdb")
    assert not (tmp_path / "pac.duckdb").exists()  # refused before anything was opened


def test_two_imports_at_once_from_two_sessions_are_serialised_both_logged_and_no_row_is_lost(tmp_path):
    import threading

    from tests.builders import workbook

    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        do_import(store, plan_workbook(tmp_path / "plan.xlsx", actions=("A1", "A2")))
        header = ["ID action", "Indicateur", "Période", "Réalisé"]
        files = [workbook(tmp_path / f"{action}.xlsx", {"Réalisé": [header] + [[action, "CA", f"{month:02d}/2026", month]
                                                                              for month in range(1, 13)]})
                 for action in ("A1", "A2")]
        validations = [validate_files([path], store.context()) for path in files]
        start, errors = threading.Barrier(2), []

        def session(validation):
            try:
                start.wait()
                store.import_batch(validation.batch, user="session")
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=session, args=(validation,)) for validation in validations]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert store.scalar("SELECT count(*) FROM imports") == 3  # the plan and both sessions, each logged
        assert store.query("SELECT action_id, count(*) AS months, sum(value) AS total FROM results "
                           "GROUP BY action_id ORDER BY action_id").values.tolist() == [["A1", 12, 78.0],
                                                                                       ["A2", 12, 78.0]]


def test_backups_are_stamped_in_utc_and_listed_at_the_company_time(tmp_path, monkeypatch, capsys):
    db = tmp_path / "pac.duckdb"
    Store(db).close()
    monkeypatch.setenv("PAC_TZ", "Asia/Tokyo")  # UTC+9
    before = clock.utc_now()
    made = backup.copy_database(db, "manuelle", keep=None)
    assert abs((backup.taken_at(made) - before).total_seconds()) < 60
    tokyo = backup.taken_at(made) + datetime.timedelta(hours=9)
    assert main(["--db", str(db), "backups"]) == 0
    assert f"du {tokyo:%d/%m/%Y à %H:%M}" in capsys.readouterr().out


# -- backups you can trust (issue 17) ----------------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "un mot de passe long"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def restore_cli(db: Path, saved: Path, *more: str) -> int:
    return main(["--db", str(db), "restore", str(saved), *more])


@pytest.fixture
def imported(tmp_path):
    """A base with one import and an admin, and a manual backup of it."""
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        do_import(store, plan_workbook(tmp_path / "1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
        accounts.add_account(store, "direction", ADMIN, PASSWORD, by="test")
        saved = store.backup()
    return db, saved


def test_a_backup_is_listed_with_its_checksum_which_sha256sum_checks_by_hand(imported):
    db, saved = imported
    assert backup.backups(db) == [saved]
    assert backup.checksum_path(saved).read_text().splitlines()[1] == f"{digest(saved)}  {saved.name}"
    checked = subprocess.run(["sha256sum", "--strict", "-c", backup.checksum_path(saved).name], cwd=saved.parent,
                             capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout == f"{saved.name}: OK\n", checked.stderr
    assert sorted(path.name for path in saved.parent.iterdir()) == [saved.name, saved.name + ".sha256"]


@pytest.mark.parametrize("damage", ["truncated", "bit flipped", "truncated, no checksum", "checksum edited"])
def test_a_truncated_or_altered_backup_is_refused_and_the_database_is_byte_identical(imported, capsys, damage):
    db, saved = imported
    data = saved.read_bytes()
    if damage.startswith("truncated"):
        saved.write_bytes(data[:len(data) // 2])
    elif damage == "bit flipped":
        saved.write_bytes(data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0x04]) + data[len(data) // 2 + 1:])
    if damage.endswith("no checksum"):
        backup.checksum_path(saved).unlink()
    if damage == "checksum edited":
        backup.checksum_path(saved).write_text(backup.checksum_path(saved).read_text().replace("size=", "size=1"))
    before = digest(db)
    assert restore_cli(db, saved) == 2
    err = capsys.readouterr().err
    assert "tronqué ou altéré" in err or "n'est pas une sauvegarde PAC Pilot lisible" in err, err
    assert digest(db) == before
    assert sorted(path.name for path in db.parent.iterdir() if path.name.startswith(".")) == []  # nothing built
    if damage != "bit flipped":  # the listing compares sizes only: a flipped bit is found at restore
        assert backup.backups(db) == []


def test_an_old_backup_without_checksum_is_read_in_full_then_restored_with_a_note(imported, capsys):
    db, saved = imported
    backup.checksum_path(saved).unlink()  # as every backup made before issue 17
    assert backup.listing(db).legacy == [saved] and backup.backups(db) == []
    assert main(["--db", str(db), "backups"]) == 0
    assert "sans somme de contrôle" in capsys.readouterr().out
    assert restore_cli(db, saved) == 0
    assert "relue en entier avant d'être remise en place" in capsys.readouterr().out
    with Store(db) as store:
        assert results(store) == [("A1", "ca", "2026-01", 100.0)]


def test_the_listing_leaves_out_and_names_a_truncated_old_backup(imported, capsys):
    db, saved = imported
    backup.checksum_path(saved).unlink()
    saved.write_bytes(saved.read_bytes()[:4_100])  # the 4.1 of 84 MB of the incident, in small
    assert backup.listing(db).damaged == [saved]
    assert main(["--db", str(db), "backups"]) == 0
    out = capsys.readouterr().out
    assert "Aucune sauvegarde complète" in out and f"ne sont pas listés (ils ne seront pas remis en place) : " \
        f"{saved.name}" in out


def test_restore_keeps_the_current_accounts_and_tokens_unless_asked_with_avec_comptes(imported, tmp_path, capsys):
    db, saved = imported
    with Store(db) as store:
        accounts.add_account(store, "julie", EDITEUR, "salon-de-lyon-2026", by="direction")  # after the backup
        token = accounts.add_wall_token(store, "Couloir du 2e", by="direction")
        do_import(store, plan_workbook(tmp_path / "2.xlsx", results=[("A1", "ca", "janv. 2026", 250)]))
    assert restore_cli(db, saved) == 0
    assert "Les comptes et jetons muraux actuels sont gardés" in capsys.readouterr().out
    with Store(db) as store:
        assert results(store) == [("A1", "ca", "2026-01", 100.0)]  # the data are the backup's
        assert accounts.sign_in(store, "julie", "salon-de-lyon-2026").role == EDITEUR
        assert accounts.principal_for_token(store, token) is not None
    assert restore_cli(db, saved, "--avec-comptes") == 0
    assert "de la sauvegarde sont remis en place (--avec-comptes)" in capsys.readouterr().out
    with Store(db) as store:
        assert accounts.sign_in(store, "julie", "salon-de-lyon-2026") is None
        assert accounts.principal_for_token(store, token) is None
        assert accounts.sign_in(store, "direction", PASSWORD).role == ADMIN


def test_a_backup_from_before_the_first_account_never_reopens_open_mode(tmp_path, capsys):
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        do_import(store, plan_workbook(tmp_path / "1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
        saved = store.backup()
        accounts.add_account(store, "direction", ADMIN, PASSWORD, by="test")
    for asked in ([], ["--avec-comptes"]):
        assert restore_cli(db, saved, *asked) == 0
        out = capsys.readouterr().out
        assert ("malgré --avec-comptes" in out) == bool(asked), out
        with Store(db) as store:
            assert not accounts.open_mode(store)
            assert accounts.sign_in(store, "direction", PASSWORD).role == ADMIN


def test_restored_sessions_never_come_back_with_the_backups_accounts(imported):
    db, saved = imported
    with Store(db) as store:
        if "history.web_sessions" not in backup._columns(store):
            pytest.skip("no web sessions in this schema")
    row = "INSERT INTO history.web_sessions (token_hash, username, created_at, expires_at) VALUES (?, 'direction', " \
          "current_timestamp, current_timestamp + INTERVAL 1 DAY)"
    with Store(db) as store, store.transaction() as con:
        con.execute(row, ["signed-in-now"])
    assert restore_cli(db, saved) == 0
    with Store(db) as store:
        assert store.query("SELECT token_hash FROM history.web_sessions")["token_hash"].tolist() == ["signed-in-now"]
    assert restore_cli(db, saved, "--avec-comptes") == 0
    with Store(db) as store:
        assert store.scalar("SELECT count(*) FROM history.web_sessions") == 0


def test_the_sign_in_log_is_never_rewound_by_a_restore(imported):
    from pac_core import sign_ins

    db, saved = imported
    with Store(db) as store:
        sign_ins.attempt(store, "direction", "pas le bon", "10.0.0.9")  # after the backup
    for asked in ([], ["--avec-comptes"]):
        assert restore_cli(db, saved, *asked) == 0
        with Store(db) as store:
            assert sign_ins.log(store)["outcome"].tolist() == ["refusée"], asked


def test_a_backup_that_cannot_be_migrated_leaves_the_database_untouched(imported, capsys):
    db, saved = imported
    newer = db.parent / "newer.duckdb"
    shutil.copy2(saved, newer)
    con = duckdb.connect(str(newer))
    con.execute("INSERT INTO history.schema_version VALUES (99, current_timestamp)")
    con.close()
    before = digest(db)
    assert restore_cli(db, newer) == 2
    assert "version plus récente" in capsys.readouterr().err
    assert digest(db) == before and not any(path.name.startswith(".") for path in db.parent.iterdir())
    assert [path.name.endswith("-remplacee.duckdb") for path in backup.backups(db)] == [False]  # nothing replaced


def test_the_replaced_base_is_kept_as_a_verified_backup(imported, capsys):
    db, saved = imported
    before = digest(db)
    assert restore_cli(db, saved) == 0
    kept = [path for path in backup.backups(db) if path.name.endswith("-remplacee.duckdb")]
    assert len(kept) == 1 and digest(kept[0]) == before


# A real kill -9 while Store.backup copies a base big enough to take a moment.
BACKUP_CHILD = """
import sys
sys.path.insert(0, {root!r})
from pac_core.store import Store
store = Store({db!r})
print("open", flush=True)
store.backup()
print("done", flush=True)
"""


@pytest.fixture(scope="module")
def big_base(tmp_path_factory) -> Path:
    """About 80 MB: 2.2 million rows of hashes, which DuckDB cannot compress."""
    db = tmp_path_factory.mktemp("big") / "pac.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE history.bulk AS SELECT i AS id, md5(i::VARCHAR) AS a, md5((i + 1)::VARCHAR) AS b "
                "FROM range(2200000) AS t(i)")
    con.close()
    return db


def kill_backup_when(db: Path, ready) -> None:
    """Run a backup in a child process; SIGKILL it as soon as `ready(partial files)` says so."""
    child = subprocess.Popen([sys.executable, "-c", BACKUP_CHILD.format(root=str(ROOT), db=str(db))],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "open", child.stderr.read()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            partial = list(backup.backup_dir(db).glob(".*.partiel")) if backup.backup_dir(db).is_dir() else []
            if ready(partial):
                break
            time.sleep(0.0005)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)


def test_a_backup_killed_at_any_moment_is_never_listed_nor_restorable(big_base, tmp_path, capsys):
    db = tmp_path / "pac.duckdb"
    shutil.copy2(big_base, db)
    full = db.stat().st_size
    moments = {"a few bytes copied": lambda found: any(0 < p.stat().st_size for p in found),
               "half copied": lambda found: any(p.stat().st_size >= full // 2 for p in found),
               "copied, being read back": lambda found: any(p.stat().st_size >= full for p in found)}
    killed_mid_copy = []
    for moment, ready in moments.items():
        kill_backup_when(db, ready)
        leftovers = list(backup.backup_dir(db).glob(".*"))
        if backup.backups(db):  # the child finished before the signal landed: then its copy is whole
            assert moment == "copied, being read back"
            assert all(backup.check(path) is None for path in backup.backups(db))
            continue
        assert leftovers, moment
        if moment != "copied, being read back":
            assert min(path.stat().st_size for path in leftovers) < full, moment  # killed inside the copy itself
        killed_mid_copy.append(moment)
        assert main(["--db", str(db), "backups"]) == 0
        assert "Aucune sauvegarde complète" in capsys.readouterr().out
        before = digest(db)
        for leftover in leftovers:
            assert restore_cli(db, leftover) == 2
            assert "interrompue" in capsys.readouterr().err
        assert digest(db) == before
    assert killed_mid_copy[:2] == ["a few bytes copied", "half copied"]
    started = time.monotonic()
    with Store(db) as store:
        made = store.backup()
    took = time.monotonic() - started
    assert list(backup.backup_dir(db).glob(".*")) == []  # the next backup cleans up what the killed ones left
    assert backup.check(made) is None
    print(f"killed while {', '.join(killed_mid_copy)}; a backup of {full / 1e6:.0f} MB written, synced and read "
          f"back in {took:.2f} s")
