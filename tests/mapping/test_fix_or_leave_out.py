"""A bad cell no longer blocks a whole export: the user corrects it in place, treats it as empty, leaves its
row out, or imports the valid rows and leaves the others out — every choice listed and saved with the
mapping. Identical rows and figures booked to the whole company are said, not summed or hidden."""

import datetime as dt

from pac_core.mapping import Mapping, apply, read_foreign, suggest
from pac_core.validate.issues import Issue
from pac_core.mapping.prepare import FIX_BLANK, FIX_SKIP, FIX_VALUE, SCOPE_TEXT, cell_fix
from tests.files.foreign.make_foreign import AD_ROWS, ad_export
from tests.mapping.conftest import figures, messages

# AD_ROWS by hand (tests/mapping/test_ad_export.py): cost of A1 (META) 220 in January, 250 in February;
# A2 (Google Ads) 1 100 in January, 310,25 in February.
COST = {("A1", "cout", "2026-01"): 220.0, ("A1", "cout", "2026-02"): 250.0,
        ("A2", "cout", "2026-01"): 1100.0, ("A2", "cout", "2026-02"): 310.25}
BAD_ROWS = [[dt.datetime(2026, 2, 20), "Meta", "Relance", 100, 5, "n/a", 1],  # row 13
            [dt.datetime(2026, 2, 21), "Google Ads", "Search", 100, 5, "à confirmer", 0]]  # row 14


def bad_export(tmp_path):
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx", [*AD_ROWS, *BAD_ROWS]))
    return table


def test_one_bad_cell_refuses_the_file_until_the_user_decides(tmp_path, store, actions):
    table = bad_export(tmp_path)
    validation = apply(table, suggest(table, actions), store.context(), actions)
    assert [(e.row, e.column, e.value) for e in validation.errors] == [
        (13, "F « Dépense (€) »", "n/a"), (14, "F « Dépense (€) »", "à confirmer")]


def test_import_the_valid_rows_and_list_the_others(tmp_path, store, actions):
    table = bad_export(tmp_path)
    mapping = suggest(table, actions)
    mapping.skip_invalid = True
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    summary, = [w for w in validation.warnings if "lignes ignorées parce qu'elles contiennent une erreur" in w.message]
    assert summary.message.startswith("2 lignes ignorées")
    skipped = [(w.row, w.value) for w in validation.warnings if w.message.startswith("Ligne ignorée : ")]
    assert skipped == [(13, "n/a"), (14, "à confirmer")]
    store.import_batch(validation.batch)
    assert figures(store, metric="cout") == COST  # the two rows are left out, conversions included
    assert figures(store, metric="contacts")[("A1", "contacts", "2026-02")] == 5 + 1


def test_a_cell_corrected_in_place_another_treated_as_empty(tmp_path, store, actions):
    table = bad_export(tmp_path)
    mapping = suggest(table, actions)
    mapping.cell_fixes = [cell_fix("Dépense (€)", FIX_VALUE, row=13, value="12,50"),
                          cell_fix("Dépense (€)", FIX_BLANK, SCOPE_TEXT, text="À confirmer")]
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    listed = sorted((w.row, w.value, w.message) for w in validation.warnings if w.message.startswith("Correction"))
    assert listed == [(13, "n/a", "Correction demandée : remplacée par « 12,50 »."),
                      (14, "à confirmer", "Correction demandée : traitée comme vide.")]
    store.import_batch(validation.batch)
    assert figures(store, metric="cout") == {**COST, ("A1", "cout", "2026-02"): 250 + 12.5}
    assert figures(store, metric="contacts")[("A2", "contacts", "2026-02")] == 6 + 0  # row 14 kept, spend empty


def test_every_cell_of_a_text_or_a_whole_row_can_be_left_out_and_the_choice_is_saved(tmp_path, store, actions):
    table = bad_export(tmp_path)
    mapping = suggest(table, actions)
    mapping.cell_fixes = [cell_fix("Dépense (€)", FIX_SKIP, SCOPE_TEXT, text="n/a"),
                          cell_fix("Dépense (€)", FIX_SKIP, row=14)]
    store.save_mapping("Publicité", mapping)
    saved = store.mapping_named("Publicité")
    assert saved.cell_fixes == mapping.cell_fixes and Mapping.from_json(saved.to_json()) == saved
    validation = apply(table, saved, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch)
    assert figures(store, metric="cout") == COST


def test_identical_rows_count_once_and_are_shown_unless_the_user_adds_them_up(tmp_path, store, actions):
    twice = [dt.datetime(2026, 2, 14), "Google Ads", "Search marque", 16000, 500, 310.25, 6]  # = AD_ROWS[6]
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx", [*AD_ROWS, twice]))
    mapping = suggest(table, actions)
    validation = apply(table, mapping, store.context(), actions)
    shown, = [w for w in validation.warnings if "identiques" in w.message]
    assert "lignes 11 et 13" in shown.message and "qu'une fois" in shown.message
    results = validation.batch.tables["results"]
    assert results.loc[results["metric"] == "cout", "value"].sum() == sum(COST.values())
    mapping.sum_duplicates = True
    added = apply(table, mapping, store.context(), actions)
    assert any("toutes sont comptées" in w.message for w in added.warnings)
    store.import_batch(added.batch)
    assert figures(store, metric="cout")[("A2", "cout", "2026-02")] == 310.25 * 2


def test_figures_booked_to_the_whole_company_beside_a_channel_column_are_warned(tmp_path, store, actions):
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    mapping = suggest(table, actions)
    part, = mapping.tables
    del part.columns["action_id"]  # the user chose no column for the action: « toute l'entreprise »
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    warned, = [w for w in validation.warnings if "toute l'entreprise" in w.message]
    assert warned.column == "B « Canal »" and "META" in warned.message


def test_the_grid_turns_the_users_edits_into_fixes_a_typed_value_being_a_correction():
    from pac_core.display import cell_fixes as grid_text

    errors = [Issue("erreur", "ads.xlsx", "Export", 13, "F « Dépense (€) »", "n/a", "« n/a » n'est pas un nombre."),
              Issue("erreur", "ads.xlsx", "Export", 14, "F « Dépense (€) »", "à confirmer", "…")]
    grid = grid_text.with_new_cells(grid_text.empty_grid(), errors, {"F « Dépense (€) »": "Dépense (€)"})
    assert grid[grid_text.ROW].tolist() == [13, 14]
    assert grid[grid_text.DO].tolist() == ["à décider", "à décider"]  # in French, never Streamlit's empty « None »
    assert grid_text.fixes(grid) == []  # nothing decided yet: the cells stay errors
    typed_only = {"edited_rows": {0: {grid_text.NEW_VALUE: "12,50"}}}  # « Que faire » left at « à décider »
    assert grid_text.fixes(grid_text.with_edits(grid, typed_only)) == [cell_fix("Dépense (€)", FIX_VALUE, row=13,
                                                                               value="12,50")]
    blank_all = {"edited_rows": {1: {grid_text.DO: "traiter comme vide",
                                     grid_text.SCOPE: "toutes les cellules de ce texte"}}}
    fixes = grid_text.fixes(grid_text.with_edits(grid, blank_all))
    assert fixes == [cell_fix("Dépense (€)", FIX_BLANK, SCOPE_TEXT, row=14, text="à confirmer")]
