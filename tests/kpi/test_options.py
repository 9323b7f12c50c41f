"""What the shared filters offer: each attribute's distinct values among the actions, sorted, blanks left out."""

from pac_core.kpi.options import filter_options
from pac_core.store import Store
from tests.builders import ACTION_HEADERS, action_row, workbook
from tests.test_store import do_import


def test_each_filter_offers_the_distinct_values_of_the_actions_sorted_without_blanks(tmp_path):
    rows = [action_row("A1", channel="Salon", owner="Zoé"), action_row("A2", channel="Emailing", owner="Alain"),
            action_row("A3", channel="Salon", owner="   "), action_row("A4", channel="Emailing", owner=None)]
    rows[1][1], rows[2][1] = "Digital", "Salons"  # levers: Levier, Digital, Salons, Levier
    with Store(tmp_path / "pac.duckdb") as store:
        do_import(store, workbook(tmp_path / "plan.xlsx", {"Actions": [ACTION_HEADERS, *rows]}))
        assert filter_options(store) == {
            "levier": ["Digital", "Levier", "Salons"], "canal": ["Emailing", "Salon"],
            "responsable": ["Alain", "Zoé"], "type": ["Acquisition"], "cible": ["PME"]}


def test_no_action_no_choice(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        assert filter_options(store) == {"levier": [], "canal": [], "responsable": [], "type": [], "cible": []}
