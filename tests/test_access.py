"""The one guard in front of every write: open local mode until the first account, then each write needs its
role — checked against the database at the moment of the write, whatever page or function asks."""

import datetime

import pytest

from pac_core import access, accounts
from pac_core.access import (WriteRefused, add_account, add_wall_token, import_mapped, import_validated, require,
                             save_review_comment, undo_import)
from pac_core.accounts import ADMIN, EDITEUR, LECTEUR, Principal
from pac_core.store import Store, StoreError
from pac_core.validate import validate_files
from tests.builders import plan_workbook, workbook

PASSWORD = "un mot de passe long"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pac.duckdb") as opened:
        yield opened


def results_only(store, tmp_path, value=10):
    """Results of an action the plan already has: an éditeur's monthly import."""
    path = workbook(tmp_path / f"r{value}.xlsx", {"Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"],
                                                            ["A1", "CA", "mai 2026", value]]})
    validation = validate_files([path], store.context())
    assert validation.ok, [issue.message for issue in validation.errors]
    return validation


def plan_file(store, tmp_path):
    validation = validate_files([plan_workbook(tmp_path / "p.xlsx", results=[("A1", "ca", "mai 2026", 10)])],
                                store.context())
    assert validation.ok
    return validation


@pytest.fixture
def team(store, tmp_path):
    """A plan, then accounts: an admin, an éditeur, a lecteur, and a wall token."""
    import_validated(store, plan_file(store, tmp_path))  # in open local mode
    for name, role in (("direction", ADMIN), ("julie", EDITEUR), ("marc", LECTEUR)):
        accounts.add_account(store, name, role, PASSWORD, by="test")
    token = accounts.add_wall_token(store, "Couloir", by="direction")
    return {name: accounts.sign_in(store, name, PASSWORD) for name in ("direction", "julie", "marc")} | {
        "mur": accounts.principal_for_token(store, token)}


def imports(store) -> int:
    return store.scalar("SELECT count(*) FROM history.imports")


def test_open_local_mode_records_the_os_user_and_the_app_as_origin(store, tmp_path, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "claire")
    outcome = import_validated(store, plan_file(store, tmp_path))
    row = store.query("SELECT imported_by, origin FROM history.imports WHERE import_id = ?", [outcome.import_id])
    assert row.iloc[0].tolist() == ["claire", "app"]
    undo_import(store, outcome.import_id)
    assert store.scalar("SELECT undone_by FROM history.imports") == "claire"


def test_without_an_os_user_the_write_is_recorded_as_local(store, monkeypatch):
    def no_user():
        raise KeyError("no user")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert require(store, None, ADMIN, "tout faire") == "local"


def test_a_lecteur_a_wall_screen_and_an_anonymous_visitor_cannot_write_anything(store, tmp_path, team):
    month = datetime.date(2026, 5, 1)
    before = imports(store)
    for who in (team["marc"], team["mur"], None):
        with pytest.raises(WriteRefused):
            import_validated(store, results_only(store, tmp_path), who)
        with pytest.raises(WriteRefused):
            undo_import(store, 1, who)
        with pytest.raises(WriteRefused):
            save_review_comment(store, month, "Bien joué", who)
        with pytest.raises(WriteRefused):
            add_wall_token(store, "Accueil", who)
    assert imports(store) == before and store.scalar("SELECT count(undone_at) FROM history.imports") == 0
    assert store.review_comment(month) is None and len(accounts.wall_tokens(store)) == 1


def test_an_editeur_imports_results_but_cannot_change_the_plan_undo_or_manage_accounts(store, tmp_path, team):
    julie = team["julie"]
    done = import_validated(store, results_only(store, tmp_path, 25), julie)
    assert store.scalar("SELECT imported_by FROM history.imports WHERE import_id = ?", [done.import_id]) == "julie"
    with pytest.raises(WriteRefused, match="modifie le plan.*admin"):
        import_validated(store, plan_file(store, tmp_path), julie)
    with pytest.raises(WriteRefused, match="annuler un import"):
        undo_import(store, done.import_id, julie)
    with pytest.raises(WriteRefused):
        add_account(store, "pirate", ADMIN, PASSWORD, julie)
    assert undo_import(store, done.import_id, team["direction"]).startswith(f"Import n° {done.import_id}")


def test_a_disabled_account_or_a_lowered_role_counts_at_once_even_for_an_open_session(store, tmp_path, team):
    julie = team["julie"]  # signed in before the change
    accounts.set_role(store, "julie", LECTEUR, by="direction")
    with pytest.raises(WriteRefused, match="lecteur"):
        import_validated(store, results_only(store, tmp_path), julie)
    accounts.disable_account(store, "julie", by="direction")
    with pytest.raises(WriteRefused, match="n'a plus accès"):
        import_validated(store, results_only(store, tmp_path), julie)


def test_a_local_session_stops_writing_once_accounts_exist(store, tmp_path):
    local = accounts.local_admin("claire")
    import_validated(store, plan_file(store, tmp_path), local)
    accounts.add_account(store, "direction", ADMIN, PASSWORD, by="claire")
    with pytest.raises(WriteRefused, match="Connectez-vous"):
        import_validated(store, results_only(store, tmp_path), local)


def test_a_revoked_wall_token_stops_working(store, team):
    token = accounts.add_wall_token(store, "Accueil", by="direction")
    assert accounts.principal_for_token(store, token) is not None
    access.revoke_wall_token(store, 2, team["direction"])
    assert accounts.principal_for_token(store, token) is None


def test_a_mapped_import_goes_through_the_guard_and_saves_its_mapping_only_when_written(store, tmp_path):
    from pac_core.mapping import apply, known_actions, read_foreign, suggest
    from tests.files.foreign.make_foreign import ad_export

    store.import_batch(validate_files([plan_workbook(tmp_path / "plan.xlsx", actions=("A1",))]).batch, user="test")
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    actions = known_actions(store)
    mapping = suggest(table, actions)
    mapping.tables[0].columns["action_id"] = "Canal"
    mapping.value_maps["Canal"] = {"meta": "A1", "google ads": ""}
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, [issue.message for issue in validation.errors]
    with pytest.raises(StoreError, match="Donnez un nom"):
        import_mapped(store, validation, mapping, "  ")  # refused before anything is written
    accounts.add_account(store, "direction", ADMIN, PASSWORD, by="test")
    accounts.add_account(store, "claire", EDITEUR, PASSWORD, by="test")
    accounts.add_account(store, "paul", LECTEUR, PASSWORD, by="test")
    before = imports(store)
    with pytest.raises(WriteRefused):
        import_mapped(store, validation, mapping, "Export pub", accounts.sign_in(store, "paul", PASSWORD))
    assert imports(store) == before and store.mappings().empty
    outcome = import_mapped(store, validation, mapping, "Export pub", Principal("claire", EDITEUR, "password"))
    assert store.scalar("SELECT imported_by FROM history.imports WHERE import_id = ?", [outcome.import_id]) == "claire"
    assert store.mapping_for(table.signature).name == "Export pub"
