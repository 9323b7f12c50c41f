"""An ad platform's daily export → monthly cost and contacts per action, imported like our own files."""

import datetime as dt

from pac_core.mapping import IGNORE, Mapping, apply, read_foreign, suggest, value_choices
from tests.files.foreign.make_foreign import AD_ROWS, ad_export
from tests.mapping.conftest import figures, messages

# By hand, from AD_ROWS: META/Meta/" meta " → A1 (the only action on social networks),
# Google Ads/google ads → A2 (the action of that name).
EXPECTED_COST = {
    ("A1", "cout", "2026-01"): 120.5 + 99.5,  # 05/01 + 17/01 (« 99,50 » typed as text)
    ("A1", "cout", "2026-02"): 200 + 50,  # 02/02 (« meta ») + 28/02
    ("A2", "cout", "2026-01"): 80 + 1020,  # 05/01 + 20/01 (« 1 020,00 € »)
    ("A2", "cout", "2026-02"): 310.25,
}
EXPECTED_CONTACTS = {  # conversions; clicks are not contacts: they are clicks (« clics »)
    ("A1", "contacts", "2026-01"): 4 + 3, ("A1", "contacts", "2026-02"): 5 + 1,
    ("A2", "contacts", "2026-01"): 2 + 10, ("A2", "contacts", "2026-02"): 6,
}


def test_suggestion_maps_spend_conversions_date_and_channels(tmp_path, actions):
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    mapping = suggest(table, actions)
    part, = mapping.tables
    assert part.table == "results"
    assert part.columns == {"period": "Date", "action_id": "Canal"}
    assert [(m.metric, m.column) for m in part.measures] == [("impressions", "Impressions"), ("clics", "Clics"),
                                                              ("cout", "Dépense (€)"), ("contacts", "Conversions")]
    assert mapping.value_maps == {"Canal": {"meta": "A1", "google ads": "A2"}}
    choices = {choice.key: choice for choice in value_choices(table, mapping, actions)}
    assert (choices["meta"].label, choices["meta"].count, choices["meta"].first_row) == ("META", 4, 5)
    assert choices["meta"].value == "A1" and ("A1", "A1 — Publicité Meta (Réseaux sociaux)") in choices["meta"].options


def test_daily_rows_become_monthly_figures_per_action_in_the_database(tmp_path, store, actions):
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    validation = apply(table, suggest(table, actions), store.context(), actions)
    assert validation.ok, messages(validation)
    assert any("total" in w.message.lower() and w.row == 13 for w in validation.warnings)
    outcome = store.import_batch(validation.batch, user="test")
    assert outcome.row_counts["results"]["lignes"] == 16  # 2 actions × 2 months × 4 indicators
    assert figures(store, metric="cout") == EXPECTED_COST
    assert figures(store, metric="contacts") == EXPECTED_CONTACTS
    assert store.import_history()["file_names"].iloc[0] == "ads.xlsx"


def test_an_unmapped_channel_and_a_bad_amount_are_named_in_french_and_nothing_is_written(tmp_path, store, actions):
    rows = [*AD_ROWS, [dt.datetime(2026, 2, 20), "Criteo", "Search", 100, 5, "12,5O", 0],
            [dt.datetime(2026, 2, 21), "Criteo", "Search", 100, 5, 7, 0]]
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx", rows))
    validation = apply(table, suggest(table, actions), store.context(), actions)
    assert not validation.ok
    unmapped, = [i for i in validation.errors if i.value == "Criteo"]
    assert (unmapped.source, unmapped.sheet, unmapped.row, unmapped.column) == ("ads.xlsx", "Export", 13, "B « Canal »")
    assert "n'est associé à aucune action (2 lignes)" in unmapped.message and "ignorer" in unmapped.message
    bad, = [i for i in validation.errors if i.value == "12,5O"]
    assert (bad.row, bad.column) == (13, "F « Dépense (€) »") and "n'est pas un nombre" in bad.message
    assert figures(store) == {} and store.scalar("SELECT count(*) FROM history.results") == 0


def test_unmapped_labels_can_be_ignored_on_purpose(tmp_path, store, actions):
    rows = [*AD_ROWS, [dt.datetime(2026, 2, 21), "Criteo", "Search", 100, 5, 7, 0],
            [dt.datetime(2026, 2, 22), "TikTok", "Test", 100, 5, 9, 0]]
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx", rows))
    mapping = suggest(table, actions)
    mapping.set_value("Canal", "tiktok", IGNORE)  # left out on purpose: no warning
    assert not apply(table, mapping, store.context(), actions).ok  # Criteo still has no action
    mapping.ignore_unmapped = True
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok
    assert [w.value for w in validation.warnings if "aucune action" in w.message] == ["Criteo"]
    store.import_batch(validation.batch)
    assert figures(store, metric="cout") == EXPECTED_COST


def test_a_row_of_last_year_is_kept_as_history_left_out_or_moved_into_the_plan_year_on_request(
        tmp_path, store, actions):
    rows = [*AD_ROWS, [dt.datetime(2025, 12, 30), "META", "Noël", 100, 5, 40, 1]]
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx", rows))
    mapping = suggest(table, actions)
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    history, = [w for w in validation.warnings if "comme historique" in w.message]
    assert (history.row, history.column, history.value) == (13, "A « Date »", "30/12/2025")
    assert history.message.startswith("1 ligne de 2025 importée comme historique (l'année du plan est 2026)")
    store.import_batch(validation.batch)
    cost = figures(store, metric="cout")
    assert {key: amount for key, amount in cost.items() if key[2] >= "2026"} == EXPECTED_COST  # 2026 untouched
    assert cost[("A1", "cout", "2025-12")] == 40.0  # December 2025's 40 €, as last year's history

    mapping.outside_year = "skip"  # « les ignorer »
    validation = apply(table, mapping, store.context(), actions)
    left_out, = [w for w in validation.warnings if "hors de l'année du plan" in w.message]
    assert left_out.message.startswith("1 ligne de 2025 ignorée")
    assert all(month.year == 2026 for month in validation.batch.tables["results"]["month"])

    mapping.outside_year = "shift"  # « ramener les lignes en 2026 »: last year's file reused as this year's shape
    validation = apply(table, mapping, store.context(), actions)
    assert any("1 ligne de 2025 ramenée en 2026" in w.message for w in validation.warnings)
    results = validation.batch.tables["results"]
    december = results[(results["metric"] == "cout") & (results["month"].dt.strftime("%Y-%m") == "2026-12")]
    assert december[["action_id", "value"]].values.tolist() == [["A1", 40.0]]


def test_last_year_s_export_is_history_or_if_skipped_refused_saying_how_to_reuse_it(tmp_path, store, actions):
    rows = [[dt.datetime(2025, 3, 2), "META", "Printemps", 100, 5, 40, 1],
            [dt.datetime(2025, 4, 2), "Google Ads", "Search", 100, 5, 60, 1]]
    table, = read_foreign(ad_export(tmp_path / "ads-2025.xlsx", rows))
    mapping = suggest(table, actions)
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    assert sorted(validation.batch.tables["results"]["month"].dt.strftime("%Y-%m").unique()) == ["2025-03", "2025-04"]
    mapping.outside_year = "skip"
    error, = apply(table, mapping, store.context(), actions).errors
    assert (error.row, error.column) == (5, "A « Date »")
    assert "Aucune ligne de ce fichier n'est de 2026" in error.message and "ramener les lignes en 2026" in error.message


def test_a_channel_pointing_to_an_unknown_action_is_refused_by_the_usual_check(tmp_path, store, actions):
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    mapping = suggest(table, actions)
    mapping.set_value("Canal", "META", "A99")
    error, = apply(table, mapping, store.context(), actions).errors
    assert (error.row, error.column, error.value) == (5, "B « Canal »", "A99")
    assert "Action « A99 » inconnue" in error.message


def test_a_saved_mapping_is_found_for_next_months_export_and_applied(tmp_path, store, actions):
    first, = read_foreign(ad_export(tmp_path / "ads-fevrier.xlsx"))
    mapping = suggest(first, actions)
    store.save_mapping("Export Meta + Google", mapping, user="marketing")
    store.import_batch(apply(first, mapping, store.context(), actions).batch)

    march = [[dt.datetime(2026, 3, 2), "Meta", "Printemps", 1000, 30, "45,00", 2],
             [dt.datetime(2026, 3, 9), "GOOGLE ADS", "Search", 1000, 30, 60, 1],
             [dt.datetime(2026, 3, 16), "meta", "Printemps", 1000, 30, 55, 0]]
    second, = read_foreign(ad_export(tmp_path / "ads-mars.xlsx", march, "01/03/2026 - 31/03/2026"))
    assert second.signature == first.signature
    saved = store.mapping_for(second.signature)
    assert saved is not None and saved.name == "Export Meta + Google"
    assert saved == Mapping.from_json(saved.to_json())
    validation = apply(second, saved, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch)
    assert figures(store, metric="cout") == {**EXPECTED_COST, ("A1", "cout", "2026-03"): 100.0,
                                             ("A2", "cout", "2026-03"): 60.0}
