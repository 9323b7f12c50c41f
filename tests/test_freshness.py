"""The stale-data rule of the wall's banner, on hand-made plans."""

import datetime

from pac_core.freshness import freshness
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.builders import ACTION_HEADERS, action_row, workbook

NOV_26 = datetime.date(2026, 11, 26)


def import_plan(tmp_path, results, actions=None):
    actions = actions or [action_row("A1", owner="Marketing"), action_row("A2", owner="Commercial"),
                          action_row("A3", owner="Partenariats", end=datetime.date(2026, 6, 30))]
    path = workbook(tmp_path / "plan.xlsx", {
        "Actions": [ACTION_HEADERS, *actions],
        "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], *map(list, results)]})
    store = Store(tmp_path / "pac.duckdb")
    validation = validate_files([path], store.context())
    assert validation.ok, [issue.message for issue in validation.errors]
    store.import_batch(validation.batch, user="test")
    return store


def test_fresh_when_every_owner_with_a_running_action_sent_the_closed_month(tmp_path):
    # A3 ended in June: its owner owes nothing for October.
    store = import_plan(tmp_path, [("A1", "contacts", "oct. 2026", 10), ("A2", "appels", "oct. 2026", 5)])
    state = freshness(store, NOV_26)
    assert not state.stale and state.message() is None
    assert state.latest_result == datetime.date(2026, 10, 1)
    assert state.changed_at is not None


def test_stale_when_no_result_for_the_last_closed_month(tmp_path):
    store = import_plan(tmp_path, [("A1", "contacts", "sept. 2026", 10), ("A2", "appels", "sept. 2026", 5)])
    state = freshness(store, NOV_26)
    assert state.stale
    assert state.message() == ("Données en retard : aucun réalisé pour octobre 2026, les chiffres s'arrêtent à "
                               "septembre 2026.")


def test_stale_when_one_owner_has_not_sent_the_month(tmp_path):
    # Commercial's A2 runs all year but has results only in September; a company-wide figure does not count.
    store = import_plan(tmp_path, [("A1", "contacts", "oct. 2026", 10), ("A2", "appels", "sept. 2026", 5),
                                   ("", "ca", "oct. 2026", 1000)])
    state = freshness(store, NOV_26)
    assert state.owners_missing == ("Commercial",)
    assert state.message() == "Réalisé de octobre 2026 manquant pour : Commercial."
    # Seen in mid-October, the closed month is September, which only Commercial sent.
    assert freshness(store, datetime.date(2026, 10, 15)).owners_missing == ("Marketing",)


def test_an_empty_database_asks_for_a_first_import(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        assert freshness(store, NOV_26).message().startswith("Aucun réalisé importé")
