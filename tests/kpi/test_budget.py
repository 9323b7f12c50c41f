"""Budget consumed and expected overrun, on tiny plans whose figures are worked out by hand in each test,
and on the demo (pac_core/demo.py: ACTIONS budgets and dates, RESULTS "cout")."""

import datetime

import pandas as pd
import pytest

from pac_core.demo_loader import load_demo
from pac_core.kpi.budget import budget
from pac_core.kpi.scope import Filters, Scope
from pac_core.store import Store
from tests.builders import ACTION_HEADERS, action_row, workbook
from tests.test_store import do_import

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

MAR, JUN, OCT = datetime.date(2026, 3, 1), datetime.date(2026, 6, 1), datetime.date(2026, 10, 1)


def plan(tmp_path, actions, costs):
    """A plan of `actions` (rows of builders.action_row) whose results are `cout` rows (action, period, €)."""
    store = Store(tmp_path / "pac.duckdb")
    do_import(store, workbook(tmp_path / "plan.xlsx", {
        "Actions": [ACTION_HEADERS, *actions],
        "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"],
                    *[[action_id, "cout", period, value] for action_id, period, value in costs]],
    }))
    return store


def plain(value):
    """NaN and NA → None, numpy scalars → Python ones, so that `is None` / `is True` read as intended."""
    if value is None or value is pd.NA or value != value:
        return None
    return value.item() if hasattr(value, "item") else value


def row(frame, key, column="action_id"):
    found = frame[frame[column] == key]
    assert len(found) == 1
    return {name: plain(value) for name, value in found.iloc[0].to_dict().items()}


def test_a_full_year_action_is_projected_over_twelve_months(tmp_path):
    # Budget 1 200 €, active all year. Costs January 100, February 200, March 300; April 999 comes after
    # the as-of month. End of March: spent 600 → consumption 600 / 1 200 = 50 %.
    # Pace over the last three months 600 / 3 = 200 a month → projected 600 + 200 × 9 = 2 400
    # → overrun 2 400 − 1 200 = 1 200; not yet over.
    costs = [("A1", "janv. 2026", 100), ("A1", "févr. 2026", 200), ("A1", "mars 2026", 300), ("A1", "avr. 2026", 999)]
    with plan(tmp_path, [action_row("A1", budget=1200)], costs) as store:
        figures = row(budget(store, Scope(as_of=MAR)), "A1")
    assert (figures["planned"], figures["spent"]) == (1200, 600)
    assert figures["consumption"] == pytest.approx(0.5)
    assert (figures["months_elapsed"], figures["months_remaining"]) == (3, 9)
    assert figures["projected"] == pytest.approx(2400)
    assert figures["overrun"] == pytest.approx(1200)
    assert figures["over_budget"] is False


def test_an_action_over_budget_is_projected_over_its_own_months_only(tmp_path):
    # Budget 500 €, active from 10 February to 20 April: its months are February, March, April.
    # Costs February 400, March 300. End of March: spent 700 > 500 → over budget, consumption 140 %;
    # two months are too few for a pace: projected = greatest(spent, budget) = 700 → overrun 200.
    # End of June the action is over: projected = spent = 700 → overrun 200.
    action = action_row("A1", budget=500, start=datetime.date(2026, 2, 10), end=datetime.date(2026, 4, 20))
    with plan(tmp_path, [action], [("A1", "févr. 2026", 400), ("A1", "mars 2026", 300)]) as store:
        march = row(budget(store, Scope(as_of=MAR)), "A1")
        june = row(budget(store, Scope(as_of=JUN)), "A1")
    assert march["spent"] == 700 and march["over_budget"] is True
    assert march["consumption"] == pytest.approx(1.4)
    assert (march["months_elapsed"], march["months_remaining"]) == (2, 1)
    assert march["projected"] == pytest.approx(700) and march["overrun"] == pytest.approx(200)
    assert (june["months_elapsed"], june["months_remaining"]) == (3, 0)
    assert june["projected"] == pytest.approx(700) and june["overrun"] == pytest.approx(200)


def test_a_zero_budget_has_no_consumption_not_zero(tmp_path):
    # A2 has a budget of 0 € and spent 50 € in March: consumption 50 / 0 is None (shown "—"), not 0 nor inf;
    # it is over budget (50 > 0) and its overrun is its whole projection 50 × 12 / 3 = 200.
    # A3 has a budget of 0 € and spent nothing: consumption None, not over budget, no overrun.
    actions = [action_row("A2", budget=0), action_row("A3", budget=0)]
    with plan(tmp_path, actions, [("A2", "mars 2026", 50)]) as store:
        frame = budget(store, Scope(as_of=MAR))
    spender, idle = row(frame, "A2"), row(frame, "A3")
    assert spender["consumption"] is None and spender["over_budget"] is True
    assert spender["overrun"] == pytest.approx(200)
    assert idle["spent"] == 0 and idle["consumption"] is None
    assert idle["over_budget"] is False and idle["overrun"] == 0


def test_a_missing_budget_gives_no_ratio_and_adds_nothing_to_the_group(tmp_path):
    # A1 budget 1 000, spent 300 in March; A2 has no budget and spent 200 in March.
    # A2: consumption and overrun are None; over_budget stays a plain boolean, False (nothing to be above). The company: planned 1 000 (A2 adds nothing),
    # spent 500 (A2's spend is real money) → 50 %; projected (300 + 200) × 12 / 3 = 2 000 → overrun 1 000.
    actions = [action_row("A1", budget=1000), action_row("A2", budget=None)]
    with plan(tmp_path, actions, [("A1", "mars 2026", 300), ("A2", "mars 2026", 200)]) as store:
        unbudgeted = row(budget(store, Scope(as_of=MAR)), "A2")
        company = row(budget(store, Scope(as_of=MAR), by="company"), "Entreprise", "scope")
    assert unbudgeted["planned"] is None and unbudgeted["spent"] == 200
    assert unbudgeted["consumption"] is None and unbudgeted["overrun"] is None
    assert unbudgeted["over_budget"] is False
    assert (company["planned"], company["spent"]) == (1000, 500)
    assert company["consumption"] == pytest.approx(0.5)
    assert company["projected"] == pytest.approx(2000) and company["overrun"] == pytest.approx(1000)


def test_an_action_not_started_is_assumed_to_spend_its_budget(tmp_path):
    # A1 starts in September with 900 €: seen in March nothing is elapsed, 4 months remain;
    # the plan is assumed kept → projected 900, overrun 0, consumption 0 / 900 = 0 (a real zero).
    action = action_row("A1", budget=900, start=datetime.date(2026, 9, 1))
    with plan(tmp_path, [action], []) as store:
        figures = row(budget(store, Scope(as_of=MAR)), "A1")
    assert (figures["months_elapsed"], figures["months_remaining"]) == (0, 4)
    assert figures["projected"] == 900 and figures["overrun"] == 0 and figures["consumption"] == 0


def test_groups_add_up_and_filters_keep_their_actions(tmp_path):
    # Salon: A1 1 000 € budget, 900 spent in March; a show of February–March,
    #        finished at the end of March → projected = spent = 900.
    #        A2 400 € budget, 600 spent in March, active all year → over budget; projected 600 × 12 / 3 = 2 400.
    # Emailing: A3 2 000 € budget, 300 spent → projected 1 200.
    # Salon: planned 1 400, spent 1 500 → 107 %, over budget; projected 900 + 2 400 = 3 300 → overrun 1 900;
    # one action already over budget (A2), one overrunning (A2).
    actions = [action_row("A1", budget=1000, start=datetime.date(2026, 2, 1), end=datetime.date(2026, 3, 31)),
               action_row("A2", budget=400), action_row("A3", budget=2000, channel="Emailing")]
    costs = [("A1", "mars 2026", 900), ("A2", "mars 2026", 600), ("A3", "mars 2026", 300)]
    with plan(tmp_path, actions, costs) as store:
        by_channel = budget(store, Scope(as_of=MAR), by="channel")
        emailing = budget(store, Scope(as_of=MAR, filters=Filters(channel=("Emailing",))), by="company")
    salon = row(by_channel, "Salon", "channel")
    assert (salon["actions"], salon["planned"], salon["spent"]) == (2, 1400, 1500)
    assert salon["consumption"] == pytest.approx(1500 / 1400) and salon["over_budget"] is True
    assert salon["projected"] == pytest.approx(3300) and salon["overrun"] == pytest.approx(1900)
    assert (salon["actions_over_budget"], salon["actions_overrunning"]) == (1, 1)
    only = row(emailing, "Entreprise", "scope")
    assert (only["actions"], only["planned"], only["spent"]) == (1, 2000, 300)


def test_an_unknown_dimension_is_refused(tmp_path):
    with plan(tmp_path, [action_row("A1")], []) as store, pytest.raises(ValueError):
        budget(store, by="segment; DROP TABLE actions")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("demo") / "pac.duckdb") as store:
        load_demo(store)
        yield budget(store), budget(store, by="company")


def test_demo_sal2_is_over_budget(demo):
    # SAL2: 9 200 € spent in May of 8 000 € → 115 %; the show ran May–September, so seen in October it is
    # finished: projected = spent = 9 200 → overrun 1 200.
    sal2 = row(demo[0], "SAL2")
    assert (sal2["planned"], sal2["spent"]) == (8000, 9200) and sal2["over_budget"] is True
    assert sal2["consumption"] == pytest.approx(1.15)
    assert sal2["projected"] == 9200 and sal2["overrun"] == 1200


def test_demo_paces(demo):
    # RS, all year: 400+700+400+400+700+400+400+700+400+400 = 4 900; last three months 700+400+400 = 1 500
    # → 500 a month × 2 months left → 5 900 < 6 000.
    # WEB, all year: 2 500+2 000+2 000+1 000+6 × 200 = 8 700; now 200 a month → 8 700 + 400 = 9 100 → overrun 100
    # (the redesign was paid up front: a pace over ten months would have said 10 440).
    # SAL3, October–December: 3 400 in its first month, too early for a pace → the plan, 3 500: no overrun
    # (the stand is paid at once; it does not recur).
    actions = demo[0]
    rs, web, sal3 = row(actions, "RS"), row(actions, "WEB"), row(actions, "SAL3")
    assert rs["projected"] == pytest.approx(5900) and rs["overrun"] == 0
    assert rs["consumption"] == pytest.approx(4900 / 6000)
    assert web["projected"] == pytest.approx(9100) and web["overrun"] == pytest.approx(100)
    assert (sal3["months_elapsed"], sal3["months_remaining"]) == (1, 2)
    assert sal3["projected"] == pytest.approx(3500) and sal3["overrun"] == 0


def test_demo_company_budget(demo):
    # Planned 2 000 + 8 000 + 3 500 + 9 000 + 6 000 + 1 000 + 6 000 = 35 500; spent 35 050 → 98,7 %.
    # Projected BDD 1 000 + RS 5 900 + SAL1 1 850 + SAL2 9 200 + SAL3 3 500 + TEL 6 000 + WEB 9 100 = 36 550
    # → overrun 1 050. One action already over budget (SAL2); two overrunning (SAL2, WEB).
    company = row(demo[1], "Entreprise", "scope")
    assert (company["planned"], company["spent"]) == (35_500, 35_050)
    assert company["consumption"] == pytest.approx(35_050 / 35_500)
    assert company["over_budget"] is False
    assert company["projected"] == pytest.approx(36_550) and company["overrun"] == pytest.approx(1_050)
    assert (company["actions_over_budget"], company["actions_overrunning"]) == (1, 2)


def test_the_budget_of_the_plan_version_measured_against(tmp_path):
    """Version 2 raises A1's budget from 1 000 € to 3 000 €: the current version plans 3 000 €, « vs plan
    initial » (version 1) still plans 1 000 €; 800 € spent either way (80 % then 26,7 %)."""
    from pac_core.validate import validate_files
    from tests.builders import plan_workbook

    with Store(tmp_path / "pac.duckdb") as store:
        path = plan_workbook(tmp_path / "p.xlsx", actions=("A1",), results=[("A1", "cout", "mars 2026", 800)])
        store.import_batch(validate_files([path], store.context()).batch, user="test")
        raised = store.query("SELECT * EXCLUDE (import_id) FROM main.actions").assign(budget=3000.0)
        store.save_plan_version(label="Revue T1", note="", revised_from=datetime.date(2026, 4, 1),
                                decided_on=datetime.date(2026, 4, 2), target_changes=pd.DataFrame(
                                    columns=["action_id", "metric", "month", "value"]), actions=raised,
                                decisions=pd.DataFrame(columns=["action_id", "decision", "comment", "owner",
                                                                "new_budget"]), user="test")
        march = datetime.date(2026, 3, 1)
        current = budget(store, Scope(as_of=march)).iloc[0]
        initial = budget(store, Scope(as_of=march, plan_version=1)).iloc[0]
    assert (current["planned"], current["spent"]) == (3000, 800)
    assert current["consumption"] == pytest.approx(800 / 3000)
    assert (initial["planned"], initial["spent"], initial["consumption"]) == (1000, 800, 0.8)


def test_the_budget_follows_an_import_an_undo_and_the_year(tmp_path):
    # One store kept open, as the app keeps it: the budget base it keeps (Store.derived) never shows the data
    # before a write. March's cost is 300 €, then a new file says 450 € (the newest import wins), then it is undone.
    with plan(tmp_path, [action_row("A1", budget=1000)], [("A1", "mars 2026", 300)]) as store:
        assert row(budget(store, Scope(as_of=MAR)), "A1")["spent"] == 300
        do_import(store, workbook(tmp_path / "avril.xlsx", {
            "Actions": [ACTION_HEADERS, action_row("A1", budget=1000)],
            "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], ["A1", "cout", "mars 2026", 450]]}))
        assert row(budget(store, Scope(as_of=MAR)), "A1")["spent"] == 450
        store.undo(store.scalar("SELECT max(import_id) FROM history.imports"), user="test")
        assert row(budget(store, Scope(as_of=MAR)), "A1")["spent"] == 300
        # 2027: A1 ended in 2026 and spent nothing in 2027, so it is not in 2027's budget (issue 19: history)
        assert "A1" not in set(budget(store, Scope(as_of=datetime.date(2027, 3, 1)))["action_id"])
