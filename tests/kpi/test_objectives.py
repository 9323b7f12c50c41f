"""Objective vs actual, on tiny plans whose figures are worked out by hand in each test."""

import datetime

import pytest

from pac_core.kpi.objectives import objectives, rollup
from pac_core.kpi.scope import Filters, Scope
from pac_core.store import Store
from tests.builders import ACTION_HEADERS, action_row, workbook
from tests.test_store import do_import

FEB, MAR, JUN = datetime.date(2026, 2, 1), datetime.date(2026, 3, 1), datetime.date(2026, 6, 1)


def plan(tmp_path, targets, results, actions=None):
    store = Store(tmp_path / "pac.duckdb")
    actions = actions or [action_row("A1"), action_row("A2", channel="Emailing", owner="Service marketing")]
    do_import(store, workbook(tmp_path / "plan.xlsx", {
        "Actions": [ACTION_HEADERS, *actions],
        "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"], *map(list, targets)],
        "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], *map(list, results)],
    }))
    return store


def row(frame, action_id, metric):
    found = frame[(frame["action_id"] == action_id) & (frame["metric"] == metric)]
    assert len(found) == 1
    return {key: (None if value != value else value) for key, value in found.iloc[0].to_dict().items()}


def test_a_one_month_target_counts_only_from_its_month(tmp_path):
    # A trade show in February: 40 contacts. Seen in January there is no target to date yet.
    with plan(tmp_path, [("A1", "contacts", "févr. 2026", 40)],
              [("A1", "contacts", "janv. 2026", 0), ("A1", "contacts", "févr. 2026", 43)]) as store:
        january = row(objectives(store, Scope(as_of=datetime.date(2026, 1, 1))), "A1", "contacts")
        assert january["target_to_date"] is None and january["pace"] is None and january["status"] is None
        assert january["forecast"] == 40  # 0 + 40 remaining × pace assumed 1 (the plan is kept)
        march = row(objectives(store, Scope(as_of=MAR)), "A1", "contacts")
        assert (march["target_to_date"], march["actual_to_date"]) == (40, 43)
        assert march["pace"] == pytest.approx(43 / 40) and march["status"] == "on_track"
        assert march["forecast"] == 43  # nothing left to do after February


def test_a_target_over_a_quarter_is_spread_and_the_forecast_follows_the_pace(tmp_path):
    # 300 calls over T1 → 100 a month. End of February: 150 done of 200 → pace 0,75 (off track).
    # Forecast: 150 + 100 remaining × 0,75 = 225; band from monthly paces 60/100 and 90/100.
    with plan(tmp_path, [("A1", "appels", "T1 2026", 300)],
              [("A1", "appels", "janv. 2026", 60), ("A1", "appels", "févr. 2026", 90)]) as store:
        figures = row(objectives(store, Scope(as_of=FEB)), "A1", "appels")
    assert (figures["target_to_date"], figures["actual_to_date"], figures["target_year"]) == (200, 150, 300)
    assert figures["pace"] == pytest.approx(0.75) and figures["status"] == "off_track"
    assert figures["attainment"] == pytest.approx(0.5)
    assert figures["forecast"] == pytest.approx(225)
    assert (figures["forecast_low"], figures["forecast_high"]) == pytest.approx((210, 240))  # 150 + 100 × 0,6 / 0,9


def test_a_stock_takes_its_last_value_not_the_sum(tmp_path):
    # Key accounts signed: target 1 by June and 2 by December; actual 0, 1, 1, 1 from March to June.
    # June: target 1, actual 1 (not 3). Changes over April–June +1, 0, 0 → mean 1/3 a month;
    # 6 months left → forecast 1 + 2 = 3, band 1 + 0 × 6 = 1 to 1 + 1 × 6 = 7.
    with plan(tmp_path, [("A1", "grands comptes", "juin 2026", 1), ("A1", "grands comptes", "déc. 2026", 2)],
              [("A1", "grands comptes", month, value) for month, value in
               (("mars 2026", 0), ("avr. 2026", 1), ("mai 2026", 1), ("juin 2026", 1))]) as store:
        figures = row(objectives(store, Scope(as_of=JUN)), "A1", "grands_comptes")
    assert (figures["target_to_date"], figures["actual_to_date"], figures["target_year"]) == (1, 1, 2)
    assert figures["pace"] == 1 and figures["status"] == "on_track"
    assert figures["forecast"] == pytest.approx(3)
    assert (figures["forecast_low"], figures["forecast_high"]) == pytest.approx((1, 7))


def test_a_missing_month_counts_as_nothing_done(tmp_path):
    # 10 a month; January 10, February missing, March 15 → 25 of 30 = 83,3 % (watch).
    # 9 months × 10 left: forecast 25 + 90 × 25/30 = 100; band 25 + 90 × 0 = 25 to 25 + 90 × 1,5 = 160.
    with plan(tmp_path, [("A1", "rdv", "2026", 120)],
              [("A1", "rdv", "janv. 2026", 10), ("A1", "rdv", "mars 2026", 15)]) as store:
        figures = row(objectives(store, Scope(as_of=MAR)), "A1", "rdv")
    assert (figures["target_to_date"], figures["actual_to_date"]) == (30, 25)
    assert figures["status"] == "watch"
    assert figures["forecast"] == pytest.approx(100)
    assert (figures["forecast_low"], figures["forecast_high"]) == pytest.approx((25, 160))


def test_thresholds_can_be_set(tmp_path):
    with plan(tmp_path, [("A1", "rdv", "mars 2026", 10)], [("A1", "rdv", "mars 2026", 9)]) as store:
        assert row(objectives(store, Scope(as_of=MAR)), "A1", "rdv")["status"] == "watch"  # 90 %
        strict = Scope(as_of=MAR, on_track=0.85, watch=0.5)
        assert row(objectives(store, strict), "A1", "rdv")["status"] == "on_track"


def test_rollups_add_the_same_indicator_only(tmp_path):
    # A1 (Salon) 8 RDV of 10, A2 (Emailing) 4 of 10; A2 also 500 € of revenue of 1 000 €.
    targets = [("A1", "rdv", "mars 2026", 10), ("A2", "rdv", "mars 2026", 10), ("A2", "ca", "mars 2026", 1000)]
    results = [("A1", "rdv", "mars 2026", 8), ("A2", "rdv", "mars 2026", 4), ("A2", "ca", "mars 2026", 500)]
    with plan(tmp_path, targets, results) as store:
        company = rollup(store, Scope(as_of=MAR)).set_index("metric")
        by_channel = rollup(store, Scope(as_of=MAR), by="channel").set_index(["channel", "metric"])
        emailing_only = objectives(store, Scope(as_of=MAR, filters=Filters(channel=("Emailing",))))
    assert company.loc["rdv", "actual_to_date"] == 12 and company.loc["rdv", "target_to_date"] == 20
    assert company.loc["rdv", "pace"] == pytest.approx(0.6) and company.loc["rdv", "status"] == "off_track"
    assert company.loc["ca", "actual_to_date"] == 500  # euros never added to meetings
    assert by_channel.loc[("Salon", "rdv"), "pace"] == pytest.approx(0.8)
    assert set(emailing_only["action_id"]) == {"A2"}


def test_the_as_of_month_defaults_to_the_last_month_with_results(tmp_path):
    with plan(tmp_path, [("A1", "rdv", "2026", 120)], [("A1", "rdv", "avr. 2026", 10)]) as store:
        figures = row(objectives(store), "A1", "rdv")
    assert figures["target_to_date"] == 40  # January to April


def test_an_action_is_as_late_as_its_latest_objective(tmp_path):
    from pac_core.kpi.objectives import action_statuses, status_counts

    # A1: meetings 12/10 (on track) but revenue 50/100 (off track) → off track. A2: 9/10 → watch.
    targets = [("A1", "rdv", "mars 2026", 10), ("A1", "ca", "mars 2026", 100), ("A2", "rdv", "mars 2026", 10)]
    results = [("A1", "rdv", "mars 2026", 12), ("A1", "ca", "mars 2026", 50), ("A2", "rdv", "mars 2026", 9)]
    with plan(tmp_path, targets, results) as store:
        frame = objectives(store, Scope(as_of=MAR))
    assert dict(zip(action_statuses(frame)["action_id"], action_statuses(frame)["status"])) == {
        "A1": "off_track", "A2": "watch"}
    assert status_counts(frame) == {"on_track": 0, "watch": 1, "off_track": 1}


def test_the_status_summary_counts_in_sql_what_the_objectives_frame_counts(tmp_path):
    """A1 off track (its revenue), A2 to watch, A3 on track, A4 without a target to date (not counted as
    any status): four actions, five objectives."""
    from pac_core.kpi.objectives import status_counts, status_summary

    targets = [("A1", "rdv", "mars 2026", 10), ("A1", "ca", "mars 2026", 100), ("A2", "rdv", "mars 2026", 10),
               ("A3", "rdv", "mars 2026", 10), ("A4", "rdv", "juin 2026", 10)]
    results = [("A1", "rdv", "mars 2026", 12), ("A1", "ca", "mars 2026", 50), ("A2", "rdv", "mars 2026", 9),
               ("A3", "rdv", "mars 2026", 10)]
    actions = [action_row(action_id) for action_id in ("A1", "A2", "A3", "A4")]
    with plan(tmp_path, targets, results, actions) as store:
        summary = status_summary(store, Scope(as_of=MAR))
        assert summary == {"objectives": 5, "on_track": 1, "watch": 1, "off_track": 1}
        assert status_counts(objectives(store, Scope(as_of=MAR))) == {
            status: count for status, count in summary.items() if status != "objectives"}
        only_a4 = status_summary(store, Scope(as_of=MAR, filters=Filters(action_id=("A4",))))
        assert only_a4 == {"objectives": 1, "on_track": 0, "watch": 0, "off_track": 0}
