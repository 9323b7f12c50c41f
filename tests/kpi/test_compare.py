"""Comparisons for the reviews, on hand-computed plans."""

import datetime

import pytest

from pac_core.kpi.compare import month_vs_previous, quarter_vs_plan, top_and_flop_by_pace, top_and_flop_by_roi
from pac_core.kpi.scope import Scope
from tests.builders import action_row
from tests.kpi.test_objectives import plan

MAR, MAY = datetime.date(2026, 3, 1), datetime.date(2026, 5, 1)


def test_the_month_against_the_previous_one_and_a_missing_month_is_not_a_zero(tmp_path):
    results = [("A1", "rdv", "févr. 2026", 8), ("A1", "rdv", "mars 2026", 10), ("A2", "rdv", "févr. 2026", 5)]
    with plan(tmp_path, [("A1", "rdv", "2026", 120)], results) as store:
        frame = month_vs_previous(store, Scope(as_of=MAR)).set_index("action_id")
    assert (frame.loc["A1", "value"], frame.loc["A1", "previous_value"], frame.loc["A1", "change"]) == (10, 8, 2)
    assert frame.loc["A1", "change_ratio"] == pytest.approx(0.25)  # (10 − 8) / 8
    assert frame.loc["A2", "value"] != frame.loc["A2", "value"]  # no March upload: —, not 0
    assert frame.loc["A2", "change"] != frame.loc["A2", "change"]


def test_the_quarter_so_far_against_the_plan(tmp_path):
    # Q2 = April–June, 30 meetings a month (90). Seen in May: 60 to date; actual 25 + 20 = 45 → 75 % (off track).
    results = [("A1", "rdv", "mars 2026", 99), ("A1", "rdv", "avr. 2026", 25), ("A1", "rdv", "mai 2026", 20)]
    with plan(tmp_path, [("A1", "rdv", "T2 2026", 90)], results) as store:
        row = quarter_vs_plan(store, Scope(as_of=MAY)).iloc[0]
        q1 = quarter_vs_plan(store, Scope(as_of=MAY), quarter=MAR).iloc[0]
    assert (row["target_quarter"], row["target_to_date"], row["actual"]) == (90, 60, 45)
    assert row["pace"] == pytest.approx(0.75) and row["status"] == "off_track"
    assert q1["actual"] == 99 and q1["target_quarter"] != q1["target_quarter"]  # March had no target


def test_a_quarter_to_come_has_its_target_and_nothing_to_date(tmp_path):
    # Q3 = July–September, 30 meetings a month; seen in May nothing of it is due or done yet.
    with plan(tmp_path, [("A1", "rdv", "T3 2026", 90)], [("A1", "rdv", "mai 2026", 20)]) as store:
        row = quarter_vs_plan(store, Scope(as_of=MAY), quarter=datetime.date(2026, 7, 1)).iloc[0]
    assert row["target_quarter"] == 90
    assert row["target_to_date"] != row["target_to_date"] and row["actual"] != row["actual"]  # —, not 0
    assert row["status"] is None


def test_top_and_flop_by_pace(tmp_path):
    targets = [("A1", "rdv", "mars 2026", 10), ("A2", "rdv", "mars 2026", 10), ("A2", "ca", "mars 2026", 100)]
    results = [("A1", "rdv", "mars 2026", 12), ("A2", "rdv", "mars 2026", 3), ("A2", "ca", "mars 2026", 90)]
    with plan(tmp_path, targets, results) as store:
        top, flop = top_and_flop_by_pace(store, Scope(as_of=MAR), count=2)
    assert list(zip(top["action_id"], top["metric"])) == [("A1", "rdv"), ("A2", "ca")]  # 120 %, 90 %
    assert list(zip(flop["action_id"], flop["metric"])) == [("A2", "rdv"), ("A2", "ca")]  # 30 %, 90 %


def test_top_and_flop_by_roi(tmp_path):
    # A1: 1 000 € → 3 000 € (ROI 2); A2: 1 000 € → 500 € (ROI −0,5); A3: no cost (no ROI, left out).
    results = [("A1", "coût", "mars 2026", 1000), ("A1", "ca", "mars 2026", 3000),
               ("A2", "coût", "mars 2026", 1000), ("A2", "ca", "mars 2026", 500), ("A3", "ca", "mars 2026", 50)]
    actions = [action_row("A1"), action_row("A2"), action_row("A3")]
    with plan(tmp_path, [("A1", "ca", "mars 2026", 1)], results, actions=actions) as store:
        top, flop = top_and_flop_by_roi(store, Scope(as_of=MAR), count=5)
    assert list(top["action_id"]) == ["A1", "A2"] and list(flop["action_id"]) == ["A2", "A1"]
    assert top["roi"].tolist() == pytest.approx([2.0, -0.5])


def test_late_actions_are_actions_with_their_worst_indicator(tmp_path, story_day):
    """The demo at the end of October 2026 (pac_core/demo.py, by hand): telemarketing's revenue 4 200 / 40 000 =
    10,5 % (its calls 1 116 / 1 200, meetings 6 / 30 and clients 1 / 8 are less bad) and social media's contacts
    39 / 50 = 78 % (publications 71 / 90 = 78,9 %): two late actions, one line each, the furthest behind first."""
    from pac_core.demo_loader import load_demo
    from pac_core.kpi.compare import late_actions
    from pac_core.store import Store

    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        late, count = late_actions(store)
        first, first_count = late_actions(store, count=1)
    assert count == 2 and late[["action_id", "metric"]].values.tolist() == [["TEL", "ca"], ["RS", "contacts"]]
    assert late["pace"].round(4).tolist() == [0.105, 0.78]
    assert late["owner"].tolist() == ["Directeur commercial", "Service marketing"]
    assert first_count == 2 and first["action_id"].tolist() == ["TEL"]
