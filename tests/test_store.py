"""The store: imports are atomic, replace their scope, never duplicate, and can be undone."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from pac_core.store import MIGRATIONS, Store, StoreBusy, StoreError
from pac_core.validate import validate_files
from tests.builders import database_held_by_another_process, plan_workbook, workbook

ROOT = Path(__file__).resolve().parent.parent
DESIGN_NAMES = ["strategic_objectives", "actions", "targets", "results", "metrics", "opportunities",
                "plan_versions", "decisions", "imports"]


def do_import(store, path):
    validation = validate_files([path], store.context())
    assert validation.ok, [i.message for i in validation.errors]
    return store.import_batch(validation.batch, user="test")


def results(store):
    frame = store.query("SELECT action_id, metric, strftime(month, '%Y-%m') AS month, value FROM results "
                        "ORDER BY action_id NULLS FIRST, metric, month")
    return [tuple(None if v != v else v for v in row) for row in frame.itertuples(index=False)]


@pytest.fixture
def store(any_store):
    """Each test of the store runs on a DuckDB file and on PostgreSQL (tests/conftest.py: any_store)."""
    return any_store


def test_a_new_database_has_the_schema_and_every_view_named_in_the_design(tmp_path):
    Store(tmp_path / "pac.duckdb").close()
    with duckdb.connect(str(tmp_path / "pac.duckdb"), read_only=True) as client:  # any DuckDB client
        names = {row[0] for row in client.execute("SELECT table_name FROM information_schema.tables "
                                                  "WHERE table_schema = 'main'").fetchall()}
        assert set(DESIGN_NAMES) <= names
        assert client.execute("SELECT count(*) FROM metrics").fetchall()[0][0] == 13
        assert client.execute("SELECT aggregation FROM metrics WHERE code = 'clients_actifs'").fetchall()[0][0] == "last"
        assert client.execute("SELECT label FROM plan_versions").fetchall() == [("Plan initial",)]
        assert client.execute("SELECT max(version) FROM history.schema_version").fetchall()[0][0] == MIGRATIONS[-1][0]


def test_an_import_is_readable_by_a_plain_duckdb_client(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        do_import(store, plan_workbook(tmp_path / "p.xlsx", results=[("A1", "CA", "janv. 2026", "1 200 €")]))
    with duckdb.connect(str(tmp_path / "pac.duckdb"), read_only=True) as client:
        assert client.execute("SELECT action_id, metric, value FROM results").fetchall() == [("A1", "ca", 1200.0)]


def test_the_same_file_twice_is_a_no_op_that_says_so(store, tmp_path):
    path = plan_workbook(tmp_path / "p.xlsx", results=[("A1", "ca", "janv. 2026", 100)])
    first = do_import(store, path)
    again = do_import(store, path)
    assert first.import_id == 1 and again.import_id is None and again.already_imported
    assert "déjà été importés" in again.message
    assert store.scalar("SELECT count(*) FROM history.imports") == 1
    assert results(store) == [("A1", "ca", "2026-01", 100.0)]


def test_reimporting_the_same_scope_replaces_it_and_never_duplicates(store, tmp_path):
    do_import(store, plan_workbook(tmp_path / "v1.xlsx", results=[("A1", "ca", "janv. 2026", 100),
                                                                 ("A1", "ca", "févr. 2026", 200)]))
    outcome = do_import(store, plan_workbook(tmp_path / "v2.xlsx", results=[("A1", "ca", "janv. 2026", 150),
                                                                           ("A1", "ca", "févr. 2026", 200)]))
    assert results(store) == [("A1", "ca", "2026-01", 150.0), ("A1", "ca", "2026-02", 200.0)]
    assert outcome.row_counts["results"] == {"lignes": 2, "ajoutées": 0, "remplacées": 2, "retirées": 0}


def test_a_later_month_adds_without_touching_earlier_months(store, tmp_path):
    do_import(store, plan_workbook(tmp_path / "q1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
    do_import(store, plan_workbook(tmp_path / "q2.xlsx", results=[("A1", "ca", "févr. 2026", 300)]))
    assert results(store) == [("A1", "ca", "2026-01", 100.0), ("A1", "ca", "2026-02", 300.0)]


def test_a_figure_emptied_in_a_wide_file_is_removed_for_that_month(store, tmp_path):
    header = ["ID action", "Indicateur", "janv. 2026", "févr. 2026"]
    actions = plan_workbook(tmp_path / "actions.xlsx")
    do_import(store, actions)
    do_import(store, workbook(tmp_path / "r1.xlsx", {"Réalisé": [header, ["A1", "Contacts", 10, 20],
                                                                  ["A2", "Contacts", 5, 6]]}))
    outcome = do_import(store, workbook(tmp_path / "r2.xlsx", {"Réalisé": [header, ["A1", "Contacts", 10, None]]}))
    assert results(store) == [("A1", "contacts", "2026-01", 10.0),
                              ("A2", "contacts", "2026-01", 5.0), ("A2", "contacts", "2026-02", 6.0)]
    assert outcome.row_counts["results"]["retirées"] == 1


def test_undo_brings_back_exactly_the_state_before_the_import(store, tmp_path):
    do_import(store, plan_workbook(tmp_path / "v1.xlsx", results=[("A1", "ca", "janv. 2026", 100),
                                                                 (None, "clients actifs", "janv. 2026", 150)]))
    before = results(store)
    actions_before = store.query("SELECT * EXCLUDE (import_id) FROM actions ORDER BY action_id")
    second = do_import(store, plan_workbook(tmp_path / "v2.xlsx", actions=("A1", "A2", "A3"),
                                            results=[("A1", "ca", "janv. 2026", 999),
                                                     ("A3", "rdv", "mars 2026", 4)]))
    assert results(store) != before
    message = store.undo(second.import_id, user="test")
    assert "annulé" in message
    assert results(store) == before
    assert store.query("SELECT * EXCLUDE (import_id) FROM actions ORDER BY action_id").equals(actions_before)
    undone = store.query("SELECT undone_by FROM history.imports WHERE import_id = ?", [second.import_id])
    assert undone.iloc[0, 0] == "test"
    assert store.scalar("SELECT count(*) FROM imports") == 1  # the view keeps undone imports out


def test_undoing_an_older_import_keeps_what_a_later_import_replaced(store, tmp_path):
    first = do_import(store, plan_workbook(tmp_path / "v1.xlsx", results=[("A1", "ca", "janv. 2026", 100),
                                                                         ("A1", "ca", "févr. 2026", 200)]))
    do_import(store, plan_workbook(tmp_path / "v2.xlsx", results=[("A1", "ca", "févr. 2026", 250)]))
    store.undo(first.import_id)
    assert results(store) == [("A1", "ca", "2026-02", 250.0)]


def test_an_undone_file_can_be_imported_again(store, tmp_path):
    path = plan_workbook(tmp_path / "p.xlsx", results=[("A1", "ca", "janv. 2026", 100)])
    store.undo(do_import(store, path).import_id)
    assert results(store) == []
    assert do_import(store, path).import_id == 2
    assert results(store) == [("A1", "ca", "2026-01", 100.0)]


def test_undo_of_an_unknown_or_already_undone_import_says_so_in_french(store, tmp_path):
    with pytest.raises(StoreError, match="pas d'import n° 42"):
        store.undo(42)
    imported = do_import(store, plan_workbook(tmp_path / "p.xlsx"))
    store.undo(imported.import_id)
    with pytest.raises(StoreError, match="déjà été annulé"):
        store.undo(imported.import_id)


def test_a_failure_in_the_middle_of_an_import_writes_nothing(store, tmp_path, monkeypatch):
    do_import(store, plan_workbook(tmp_path / "v1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
    before = results(store)
    import pac_core.store as store_module

    original = store_module._write_table

    def fail_on_results(con, import_id, plan_version, name, frame, batch):
        counts = original(con, import_id, plan_version, name, frame, batch)
        if name == "results":
            raise OSError("disque plein")
        return counts

    monkeypatch.setattr(store_module, "_write_table", fail_on_results)
    validation = validate_files([plan_workbook(tmp_path / "v2.xlsx", actions=("A1", "A9"),
                                               results=[("A1", "ca", "janv. 2026", 5)])], store.context())
    with pytest.raises(OSError):
        store.import_batch(validation.batch)
    assert results(store) == before
    assert store.scalar("SELECT count(*) FROM actions") == 2
    assert store.scalar("SELECT count(*) FROM history.imports") == 1


KILLED_IMPORT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    import pac_core.store as store_module
    from pac_core.validate import validate_files

    original = store_module._write_table
    def slow(con, import_id, plan_version, name, frame, batch):
        counts = original(con, import_id, plan_version, name, frame, batch)
        if name == "results":
            print("written", flush=True)
            time.sleep(60)
        return counts
    store_module._write_table = slow
    store = store_module.Store({db!r})
    validation = validate_files([{path!r}], store.context())
    store.import_batch(validation.batch)
""")


def test_a_process_killed_in_the_middle_of_an_import_leaves_the_previous_state(tmp_path):
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        do_import(store, plan_workbook(tmp_path / "v1.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
        before = results(store)
    script = KILLED_IMPORT.format(root=str(ROOT), db=str(db), path=str(
        plan_workbook(tmp_path / "v2.xlsx", actions=("A1", "A7"), results=[("A1", "ca", "janv. 2026", 7)])))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "written", child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    with Store(db) as store:
        assert results(store) == before
        assert store.scalar("SELECT count(*) FROM actions") == 2
        assert store.scalar("SELECT count(*) FROM history.imports") == 1


def test_a_database_held_by_another_process_gets_one_clear_sentence(tmp_path):
    db = tmp_path / "pac.duckdb"
    Store(db).close()
    with database_held_by_another_process(db), pytest.raises(StoreBusy, match="déjà ouverte par un autre programme"):
        Store(db)


def test_opening_an_older_file_migrates_it_and_keeps_its_data(tmp_path):
    db = tmp_path / "pac.duckdb"
    with Store(db, migrations=MIGRATIONS[:1]) as old:
        do_import(old, plan_workbook(tmp_path / "p.xlsx", results=[("A1", "ca", "janv. 2026", 100)]))
        assert old.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'column_mappings'") == 0

    def add_comments(con):
        con.execute("CREATE TABLE history.month_comments (month DATE PRIMARY KEY, comment VARCHAR)")

    newest = MIGRATIONS[-1][0]
    with Store(db, migrations=[*MIGRATIONS, (newest + 1, add_comments)]) as newer:
        assert newer.schema_version == newest + 1
        assert newer.scalar("SELECT count(*) FROM history.month_comments") == 0
        assert newer.scalar("SELECT count(*) FROM history.column_mappings") == 0  # migration 2 ran on the old file
        assert results(newer) == [("A1", "ca", "2026-01", 100.0)]
    with pytest.raises(StoreError, match="version plus récente"):
        Store(db, migrations=MIGRATIONS[:1])


def test_migration_2_brings_saved_mappings_to_a_version_1_file(tmp_path):
    from pac_core.mapping import Mapping, TableMapping

    db = tmp_path / "pac.duckdb"
    Store(db, migrations=MIGRATIONS[:1]).close()
    with Store(db) as upgraded:
        assert upgraded.schema_version == MIGRATIONS[-1][0]  # 2 ran, and those after it
        mapping = Mapping([TableMapping("results", {"period": "Date"})], signature="date|depense")
        upgraded.save_mapping("Meta", mapping, user="test")
        assert upgraded.mapping_for("date|depense").tables[0].columns == {"period": "Date"}


def test_migration_6_gives_an_older_database_the_new_metrics_and_keeps_its_own(tmp_path):
    db = tmp_path / "pac.duckdb"
    Store(db, migrations=MIGRATIONS[:5]).close()
    with duckdb.connect(str(db)) as client:  # as issue 16 found it: ten metrics, one of them renamed by its user
        client.execute("DELETE FROM history.metrics WHERE code IN ('clics', 'impressions', 'leads')")
        client.execute("UPDATE history.metrics SET label_fr = 'Contacts entrants' WHERE code = 'contacts'")
        assert client.execute("SELECT count(*) FROM history.metrics").fetchall()[0][0] == 10
    with Store(db) as upgraded:
        assert upgraded.query("SELECT code, label_fr, family, aggregation, higher_is_better FROM metrics WHERE code "
                              "IN ('clics', 'impressions', 'leads') ORDER BY code").values.tolist() == [
            ["clics", "Clics", "activité", "sum", True], ["impressions", "Impressions", "activité", "sum", True],
            ["leads", "Leads", "activité", "sum", True]]
        assert upgraded.scalar("SELECT label_fr FROM metrics WHERE code = 'contacts'") == "Contacts entrants"
        assert upgraded.scalar("SELECT count(*) FROM metrics") == 13


def test_a_file_that_is_not_a_database_gets_a_clear_sentence(tmp_path):
    bogus = tmp_path / "pac.duckdb"
    bogus.write_bytes(b"ceci n'est pas une base" * 100)
    with pytest.raises(StoreError, match="n.est pas une base PAC Pilot lisible"):
        Store(bogus)


def assert_current_tables_match_history(store):
    """The current tables the store maintains equal their definition over the history."""
    from pac_core.store import CURRENT_TABLES

    for name in CURRENT_TABLES:
        kept = store.query(f"SELECT * FROM main.{name} ORDER BY ALL")
        defined = store.query(f"SELECT * FROM history.latest_{name} ORDER BY ALL")
        assert kept.equals(defined), name


def test_current_tables_stay_equal_to_the_history_through_imports_and_undos(store, tmp_path):
    header = ["ID action", "Indicateur", "janv. 2026", "févr. 2026", "mars 2026"]
    steps = [
        plan_workbook(tmp_path / "1.xlsx", actions=("A1", "A2"), results=[("A1", "ca", "janv. 2026", 1),
                                                                         (None, "clients actifs", "janv. 2026", 150)],
                      targets=[("A1", "ca", "T1 2026", 300)]),
        workbook(tmp_path / "2.xlsx", {"Réalisé": [header, ["A1", "CA", 5, None, 7], ["A2", "RDV", 1, 2, 3]]}),
        plan_workbook(tmp_path / "3.xlsx", actions=("A2", "A3"), results=[("A3", "rdv", "mars 2026", 4)],
                      targets=[("A1", "ca", "févr. 2026", 120)]),
        workbook(tmp_path / "4.xlsx", {"Réalisé": [header, ["A2", "RDV", None, None, None]]}),
    ]
    imported = []
    for path in steps:
        imported.append(do_import(store, path).import_id)
        assert_current_tables_match_history(store)
    assert results(store) == [(None, "clients_actifs", "2026-01", 150.0), ("A1", "ca", "2026-01", 5.0),
                              ("A1", "ca", "2026-03", 7.0), ("A3", "rdv", "2026-03", 4.0)]
    targets = store.query("SELECT action_id, metric, strftime(month, '%m') AS m, value FROM targets ORDER BY m")
    assert targets.values.tolist() == [["A1", "ca", "01", 100.0], ["A1", "ca", "02", 120.0], ["A1", "ca", "03", 100.0]]
    for import_id in (imported[1], imported[3], imported[0]):
        store.undo(import_id)
        assert_current_tables_match_history(store)
    assert results(store) == [("A3", "rdv", "2026-03", 4.0)]
