"""Nothing imported is lost: a backup before every import or undo, restore after damage, SQL kept inside the
database file."""

import datetime

import duckdb
import pytest

from pac_core import backup, clock
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
    assert any(path.name.endswith("-remplacee.duckdb") for path in backup.backups(db))  # the damaged file is kept


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
