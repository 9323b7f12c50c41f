"""Reading one action's decisions: none in the demo, the newest first once some are recorded."""

import datetime

from pac_core.decisions import action_decisions
from pac_core.demo_loader import load_demo
from pac_core.store import Store


def test_decisions_of_an_action_newest_first(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        assert action_decisions(store, "TEL").empty  # the quarterly review records them (later issue)
        cursor = store.cursor()  # a test fixture: the app has no writer for decisions yet
        cursor.execute("""
            INSERT INTO history.decisions (decision_id, action_id, decided_on, decision, comment, owner, new_budget,
                                           plan_version, created_at, created_by)
            VALUES (1, 'TEL', DATE '2026-07-03', 'réduire', 'Peu de RDV', 'Direction', 3000, 1, now(), 'test'),
                   (2, 'TEL', DATE '2026-10-05', 'arrêter', 'Aucun RDV', 'Direction', 0, 1, now(), 'test'),
                   (3, 'SAL2', DATE '2026-10-05', 'maintenir', NULL, NULL, NULL, 1, now(), 'test')""")
        cursor.close()
        decisions = action_decisions(store, "TEL")
    assert decisions["decision"].tolist() == ["arrêter", "réduire"]
    assert decisions["decided_on"].tolist() == [datetime.date(2026, 10, 5), datetime.date(2026, 7, 3)]
    assert decisions["new_budget"].tolist() == [0, 3000]
