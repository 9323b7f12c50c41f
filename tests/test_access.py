"""The one guard in front of every write of the app: today everyone writes and is recorded; once writers are
set (issue 8), anyone else is refused before anything is written."""

import pytest

from pac_core import access
from pac_core.access import WriteRefused, import_validated, require_writer, undo_import
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.builders import plan_workbook


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pac.duckdb") as opened:
        yield opened


def validation_of(store, tmp_path):
    validation = validate_files([plan_workbook(tmp_path / "p.xlsx", results=[("A1", "ca", "mai 2026", 10)])],
                                store.context())
    assert validation.ok
    return validation


def test_open_local_mode_records_the_os_user_and_the_app_as_origin(store, tmp_path, monkeypatch):
    monkeypatch.setattr(access.getpass, "getuser", lambda: "claire")
    outcome = import_validated(store, validation_of(store, tmp_path))
    row = store.query("SELECT imported_by, origin FROM history.imports WHERE import_id = ?", [outcome.import_id])
    assert row.iloc[0].tolist() == ["claire", "app"]
    undo_import(store, outcome.import_id)
    assert store.scalar("SELECT undone_by FROM history.imports") == "claire"


def test_without_an_os_user_the_write_is_recorded_as_local(monkeypatch):
    def no_user():
        raise KeyError("no user")

    monkeypatch.setattr(access.getpass, "getuser", no_user)
    assert require_writer(None) == "local"
    assert require_writer("  ") == "local"


def test_a_user_who_is_not_a_writer_is_refused_and_nothing_is_written(store, tmp_path, monkeypatch):
    validation = validation_of(store, tmp_path)
    monkeypatch.setattr(access, "WRITERS", {"alice"})
    with pytest.raises(WriteRefused, match="pas les modifier"):
        import_validated(store, validation, user="bob")
    assert store.scalar("SELECT count(*) FROM history.imports") == 0
    done = import_validated(store, validation, user="alice")
    with pytest.raises(WriteRefused):
        undo_import(store, done.import_id, user="bob")
    assert store.scalar("SELECT count(undone_at) FROM history.imports") == 0


def test_a_mapped_import_goes_through_the_guard_and_saves_its_mapping_only_when_written(store, tmp_path, monkeypatch):
    from pac_core.access import import_mapped
    from pac_core.mapping import apply, known_actions, read_foreign, suggest
    from pac_core.store import StoreError
    from tests.files.foreign.make_foreign import ad_export

    store.import_batch(validate_files([plan_workbook(tmp_path / "plan.xlsx", actions=("A1",))]).batch, user="test")
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    actions = known_actions(store)
    mapping = suggest(table, actions)
    mapping.tables[0].columns["action_id"] = "Canal"
    mapping.value_maps["Canal"] = {"meta": "A1", "google ads": ""}
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, [issue.message for issue in validation.errors]
    imports = store.scalar("SELECT count(*) FROM history.imports")
    with pytest.raises(StoreError, match="Donnez un nom"):
        import_mapped(store, validation, mapping, "  ")  # refused before anything is written
    monkeypatch.setattr(access, "WRITERS", {"claire"})
    with pytest.raises(WriteRefused):
        import_mapped(store, validation, mapping, "Export pub", user="paul")
    assert store.scalar("SELECT count(*) FROM history.imports") == imports and store.mappings().empty
    outcome = import_mapped(store, validation, mapping, "Export pub", user="claire")
    assert store.scalar("SELECT imported_by FROM history.imports WHERE import_id = ?", [outcome.import_id]) == "claire"
    assert store.mapping_for(table.signature).name == "Export pub"
