"""A campaigns export → actual cost (results) and budgeted cost and expected revenue (targets), each
campaign's figures spread evenly over the months from its start to its end."""

from pac_core.mapping import apply, read_foreign, suggest, value_choices
from tests.files.foreign.make_foreign import campaigns_export
from tests.mapping.conftest import figures, messages

# By hand: Salon Lyon 2026 runs 15/01 → 10/03 (3 months), Newsletter printemps in April.
EXPECTED_RESULTS = {("A3", "cout", "2026-01"): 1100, ("A3", "cout", "2026-02"): 1100, ("A3", "cout", "2026-03"): 1100,
                    ("A5", "cout", "2026-04"): 450}
EXPECTED_TARGETS = {
    ("A3", "cout", "2026-01"): 1000, ("A3", "cout", "2026-02"): 1000, ("A3", "cout", "2026-03"): 1000,
    ("A3", "ca", "2026-01"): 10000, ("A3", "ca", "2026-02"): 10000, ("A3", "ca", "2026-03"): 10000,
    ("A5", "cout", "2026-04"): 500, ("A5", "ca", "2026-04"): 6000,
}


def test_actual_cost_becomes_results_and_budget_and_expected_revenue_become_targets(tmp_path, store, actions):
    table, = read_foreign(campaigns_export(tmp_path / "campagnes.xlsx"))
    mapping = suggest(table, actions)
    results, targets = mapping.tables
    assert (results.table, targets.table) == ("results", "targets")
    assert [(m.metric, m.column) for m in results.measures] == [("cout", "Coût réel")]
    assert [(m.metric, m.column) for m in targets.measures] == [("cout", "Coût budgété"), ("ca", "CA attendu")]
    assert results.columns["period"] == "Date de début" and results.columns["period_end"] == "Date de fin"
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch, user="test")
    assert figures(store, "results") == EXPECTED_RESULTS
    assert figures(store, "targets") == EXPECTED_TARGETS


def test_the_user_can_link_rows_by_campaign_name_instead_of_type(tmp_path, store, actions):
    table, = read_foreign(campaigns_export(tmp_path / "campagnes.xlsx"))
    mapping = suggest(table, actions)
    for part in mapping.tables:
        part.columns["action_id"] = "Campagne"
    labels = [(c.header, c.label) for c in value_choices(table, mapping, actions)]
    assert labels == [("Campagne", "Salon Lyon 2026"), ("Campagne", "Newsletter printemps")]
    mapping.set_value("Campagne", "Salon Lyon 2026", "A3")
    mapping.set_value("Campagne", "NEWSLETTER PRINTEMPS", "A5")
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch)
    assert figures(store, "results") == EXPECTED_RESULTS


def test_a_campaign_ending_before_it_starts_is_refused(tmp_path, store, actions):
    import datetime as dt

    rows = [["Salon Lyon 2026", "Salon", dt.datetime(2026, 3, 15), dt.datetime(2026, 1, 10), 3000, 3300, 30000]]
    table, = read_foreign(campaigns_export(tmp_path / "campagnes.xlsx", rows))
    validation = apply(table, suggest(table, actions), store.context(), actions)
    error, = validation.errors
    assert (error.row, error.column, error.value) == (2, "D « Date de fin »", "10/01/2026")
    assert "avant le début" in error.message
