"""The pipeline funnel and summary, on tiny pipelines whose figures are worked out by hand in each test,
and on the demo data."""

import datetime

import pytest

from pac_core.demo import opportunities_frame
from pac_core.demo_loader import load_demo
from pac_core.kpi.funnel import funnel, pipeline_summary, stage_probabilities
from pac_core.kpi.scope import Filters, Scope
from pac_core.store import Store
from pac_core.tables import PIPELINE_STAGES
from tests.builders import ACTION_HEADERS, PIPELINE_HEADERS, action_row, opportunity_row, workbook
from tests.test_store import do_import

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

D = datetime.date
JUNE = Scope(as_of=D(2026, 6, 1))
CONTACT, RDV, DEMO, PROPOSAL, SIGNATURE = PIPELINE_STAGES

# Eight opportunities seen at the end of June 2026. A1 is a Salon action, A2 an Emailing one; an empty
# channel takes the action's. Stage reached: O1 1, O2 2, O3 4, O4 5 (won), O5 5 (won), O6 3 (lost at the
# demonstration), O7 1 (lost as "Perdu": only the first stage is known), O8 2 (no action, "Prescripteurs").
OPPORTUNITIES = [
    opportunity_row("O1", CONTACT, 1000, D(2026, 2, 10)),
    opportunity_row("O2", RDV, 2000, D(2026, 3, 1)),
    opportunity_row("O3", PROPOSAL, 4000, D(2026, 3, 15), status="En cours"),
    opportunity_row("O4", SIGNATURE, 5000, D(2026, 1, 20), D(2026, 3, 1), channel="Salon"),  # won in 40 days
    opportunity_row("O5", SIGNATURE, 3000, D(2026, 4, 1), D(2026, 4, 21), action_id="A2"),  # won in 20 days
    opportunity_row("O6", DEMO, 1500, D(2026, 2, 1), D(2026, 3, 10), status="Perdue", action_id="A2"),
    opportunity_row("O7", "Perdu", 800, D(2026, 1, 5), D(2026, 2, 1), action_id="A2"),
    opportunity_row("O8", RDV, 2500, D(2026, 5, 1), action_id=None, channel="Prescripteurs"),
]


def pipeline(tmp_path, opportunities):
    store = Store(tmp_path / "pac.duckdb")
    do_import(store, workbook(tmp_path / "pipeline.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("A1"), action_row("A2", channel="Emailing")],
        "Pipeline": [PIPELINE_HEADERS, *opportunities],
    }))
    return store


def plain(record: dict) -> dict:
    return {key: (None if value != value else value) for key, value in record.items()}  # NaN → None


def rows(frame) -> list[dict]:
    return [plain(record) for record in frame.to_dict("records")]


def column(frame, name) -> list:
    return [plain({"v": value})["v"] for value in frame[name]]


@pytest.fixture
def eight(tmp_path):
    with pipeline(tmp_path, OPPORTUNITIES) as store:
        yield store


def test_the_funnel_counts_what_reached_each_stage(eight):
    # reached: 8; 6 (not O1, O7); 4 (O3, O4, O5, O6); 3 (O3, O4, O5); 2 (O4, O5)
    # amount : 19 800; 18 000 (− 1 000 − 800); 13 500 (4 000 + 5 000 + 3 000 + 1 500); 12 000; 8 000
    frame = funnel(eight, JUNE)
    assert list(frame.columns) == ["stage_number", "stage", "reached", "conversion", "amount"]
    assert list(frame["stage"]) == list(PIPELINE_STAGES)
    assert list(frame["reached"]) == [8, 6, 4, 3, 2]
    assert column(frame, "conversion") == [None, pytest.approx(6 / 8), pytest.approx(4 / 6), pytest.approx(3 / 4),
                                           pytest.approx(2 / 3)]
    assert list(frame["amount"]) == [19_800, 18_000, 13_500, 12_000, 8_000]


def test_the_win_probability_of_a_stage_is_observed_when_the_data_fix_it(eight):
    # Closed: O4, O5 won (all stages); O6 lost at stage 3; O7 lost "Perdu" (reached stage 2+? unknown).
    # Stage 1: 2 / (2 + 2) = 0,5 observed.
    # Stages 2 and 3: high 2 / (2 + O6) = 2/3, low 2 / (2 + O6 + O7) = 0,5 → default 25 % raised to 0,5; 50 % kept.
    # Stages 4 and 5: high 2 / 2 = 1, low 2 / 3 → default 75 % and 100 % kept.
    frame = stage_probabilities(eight, JUNE)
    assert list(frame["won"]) == [2] * 5
    assert list(frame["lost_reached"]) == [2, 1, 1, 0, 0]
    assert list(frame["lost_stage_unknown"]) == [0, 1, 1, 1, 1]
    assert list(frame["probability"]) == pytest.approx([0.5, 0.5, 0.5, 0.75, 1.0])
    assert list(frame["source"]) == ["observed", "bound", "default", "default", "default"]


def test_the_summary_counts_outcomes_and_weights_the_open_pipeline(eight):
    # 8 opportunities: open O1, O2, O3, O8; won O4, O5 (8 000 €); lost O6, O7 → win rate 2 / 4.
    # Cycle (40 + 20) / 2 = 30 days. Open value 1 000 + 2 000 + 4 000 + 2 500 = 9 500.
    # Weighted: O1 1 000 × 0,5 + O2 2 000 × 0,5 + O3 4 000 × 0,75 + O8 2 500 × 0,5 = 500 + 1 000 + 3 000 + 1 250
    [summary] = rows(pipeline_summary(eight, JUNE))
    assert summary == {"opportunities": 8, "open": 4, "won": 2, "lost": 2, "win_rate": 0.5, "won_value": 8_000,
                       "average_cycle_days": 30, "open_value": 9_500, "weighted_value": 5_750}


def test_by_channel_a_zero_denominator_gives_none(eight):
    # Salon (O1–O4, O1–O3 through their action): 4, 3, 2, 2, 1. Emailing (O5–O7): 3, 2, 2, 1, 1.
    # Prescripteurs (O8, at "Prise de RDV"): 1, 1, 0, 0, 0 → conversions None, 1, 0, 0/0, 0/0.
    frame = funnel(eight, JUNE, by="channel")
    reached = {channel: list(group["reached"]) for channel, group in frame.groupby("channel")}
    assert reached == {"Salon": [4, 3, 2, 2, 1], "Emailing": [3, 2, 2, 1, 1], "Prescripteurs": [1, 1, 0, 0, 0]}
    prescribers = frame[frame["channel"] == "Prescripteurs"]
    assert column(prescribers, "conversion") == [None, 1, 0, None, None]
    assert list(prescribers["amount"]) == [2_500, 2_500, 0, 0, 0]
    # Summary: the stage probabilities are the whole scope's, so the groups add up to the total (5 750).
    summary = {row["channel"]: row for row in rows(pipeline_summary(eight, JUNE, by="channel"))}
    assert (summary["Salon"]["open"], summary["Salon"]["won"], summary["Salon"]["win_rate"]) == (3, 1, 1.0)
    assert summary["Salon"]["weighted_value"] == 4_500  # 500 + 1 000 + 3 000
    assert summary["Emailing"]["win_rate"] == pytest.approx(1 / 3) and summary["Emailing"]["average_cycle_days"] == 20
    assert summary["Prescripteurs"]["win_rate"] is None and summary["Prescripteurs"]["average_cycle_days"] is None
    assert summary["Prescripteurs"]["weighted_value"] == 1_250
    assert sum(row["weighted_value"] for row in summary.values()) == 5_750


def test_by_action_an_opportunity_without_action_is_its_own_group(eight):
    summary = pipeline_summary(eight, JUNE, by="action_id")
    assert column(summary, "action_id") == ["A1", "A2", None]
    assert list(summary["opportunities"]) == [4, 3, 1]
    assert list(funnel(eight, JUNE, by="action_id")["action_id"].iloc[:5]) == ["A1"] * 5


def test_a_filter_keeps_its_actions_opportunities_and_drops_those_without_action(eight):
    # Emailing actions: A2 only → O5, O6, O7 (O8, without action, is left out).
    emailing = Scope(as_of=JUNE.as_of, filters=Filters(channel=("Emailing",)))
    assert list(funnel(eight, emailing)["reached"]) == [3, 2, 2, 1, 1]
    [summary] = rows(pipeline_summary(eight, emailing))
    assert (summary["opportunities"], summary["open"], summary["won"], summary["lost"]) == (3, 0, 1, 2)
    assert summary["win_rate"] == pytest.approx(1 / 3)
    assert (summary["open_value"], summary["weighted_value"]) == (0, 0)


def test_the_as_of_month_cuts_creation_and_closing(tmp_path):
    # P1 is won in August: at the end of June it is open, counted at the stage before the signature (4).
    # P2 and P3 are lost in July: open in June, at stage 1 (Perdu) and 3 (the stage kept).
    # P4 is created in July; P5 in November 2025 and still open (pipeline carried over); P6 won in April in
    # 30 days.
    opportunities = [
        opportunity_row("P1", SIGNATURE, 6000, D(2026, 5, 10), D(2026, 8, 15)),
        opportunity_row("P2", "Perdu", 1000, D(2026, 6, 20), D(2026, 7, 5)),
        opportunity_row("P3", DEMO, 2000, D(2026, 6, 1), D(2026, 7, 20), status="Perdue"),
        opportunity_row("P4", CONTACT, 900, D(2026, 7, 1)),
        opportunity_row("P5", RDV, 700, D(2025, 11, 15)),
        opportunity_row("P6", SIGNATURE, 500, D(2026, 3, 2), D(2026, 4, 1)),
    ]
    with pipeline(tmp_path, opportunities) as store:
        june, august = JUNE, Scope(as_of=D(2026, 8, 1))
        # June: P1, P2, P3, P6, P5 reached 4, 1, 3, 5, 2 → 5, 4, 3, 2, 1
        assert list(funnel(store, june)["reached"]) == [5, 4, 3, 2, 1]
        [at_june] = rows(pipeline_summary(store, june))
        # Only P6 is closed, won: every stage observed at 1 / 1, so the open 6 000 + 1 000 + 2 000 + 700 weigh fully.
        assert at_june == {"opportunities": 5, "open": 4, "won": 1, "lost": 0, "win_rate": 1.0, "won_value": 500,
                           "average_cycle_days": 30, "open_value": 9_700, "weighted_value": 9_700}
        # August: P1 won (97 days: 21 + 30 + 31 + 15), P2 lost at 1, P3 lost at 3, P4 open at 1, P5 open at 2, P6 won.
        # reached 6, 4 (P1, P3, P5, P6), 3, 2, 2. Stage 1 observed 2 / (2 + 2) → P4 weighs 900 × 0,5. Stage 2:
        # high 2 / (2 + P3) = 2/3, low 2 / (2 + P3 + P2 'Perdu') = 0,5; the default 25 % is brought up to 0,5
        # → P5 weighs 700 × 0,5 = 350.
        assert list(funnel(store, august)["reached"]) == [6, 4, 3, 2, 2]
        [at_august] = rows(pipeline_summary(store, august))
        assert at_august == {"opportunities": 6, "open": 2, "won": 2, "lost": 2, "win_rate": 0.5,
                             "won_value": 6_500, "average_cycle_days": (97 + 30) / 2, "open_value": 1_600,
                             "weighted_value": 800}
        # December 2025 sees only P5, the year before.
        assert list(funnel(store, Scope(as_of=D(2025, 12, 1)))["reached"]) == [1, 1, 0, 0, 0]


def test_an_empty_pipeline_gives_zeros_and_no_ratios(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        frame = funnel(store, JUNE)
        [summary] = rows(pipeline_summary(store, JUNE))
        assert pipeline_summary(store, JUNE, by="channel").empty
        probabilities = stage_probabilities(store, JUNE)
    assert list(frame["reached"]) == [0] * 5 and column(frame, "conversion") == [None] * 5
    assert summary == {"opportunities": 0, "open": 0, "won": 0, "lost": 0, "win_rate": None, "won_value": 0,
                       "average_cycle_days": None, "open_value": 0, "weighted_value": 0}
    assert list(probabilities["probability"]) == [0.10, 0.25, 0.50, 0.75, 1.00]  # the defaults


def test_an_unknown_grouping_is_refused(eight):
    with pytest.raises(ValueError):
        funnel(eight, JUNE, by="owner")


# -- the demo ------------------------------------------------------------------------------------------------
# 300 opportunities at the end of October 2026: 22 won (146 800 €), 128 lost as "Perdu", 150 open. The open
# ones, by stage (pac_core.demo.opportunities_frame): Premier contact 79 (763 100 €), Prise de RDV 41
# (351 500 €), Démonstration 20 (175 600 €), Proposition 10 (107 200 €); none at the signature. The 22 won
# took 1 154 days from creation to closing in all.

@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("demo") / "pac.duckdb") as store:
        load_demo(store)
        yield store


def test_the_demo_open_opportunities_are_as_the_comment_says():
    frame = opportunities_frame()
    open_ones = frame[frame["status"] == "En cours"].groupby("stage")["amount"].agg(["count", "sum"])
    assert open_ones.loc[CONTACT].tolist() == [79, 763_100]
    assert open_ones.loc[RDV].tolist() == [41, 351_500]
    assert open_ones.loc[DEMO].tolist() == [20, 175_600]
    assert open_ones.loc[PROPOSAL].tolist() == [10, 107_200]
    assert SIGNATURE not in open_ones.index
    won = frame[frame["status"] == "Gagnée"]
    assert sum((closed - created).days for created, closed in zip(won["created_on"], won["closed_on"])) == 1_154


def test_the_demo_funnel(demo):
    # reached: 300; 22 + 41 + 20 + 10 = 93; 22 + 20 + 10 = 52; 22 + 10 = 32; 22
    frame = funnel(demo)
    assert list(frame["reached"]) == [300, 93, 52, 32, 22]
    assert column(frame, "conversion") == [None, pytest.approx(93 / 300), pytest.approx(52 / 93),
                                           pytest.approx(32 / 52), pytest.approx(22 / 32)]
    assert frame["amount"].iloc[-1] == 146_800


def test_the_demo_summary(demo):
    # Win rate 22 / (22 + 128). Open value 763 100 + 351 500 + 175 600 + 107 200 = 1 397 400.
    # Stage 1 is observed (22 / 150); the 128 lost are "Perdu", so stages 2–4 are only bounded by 22 / 150 and 1:
    # their defaults hold. Weighted: 763 100 × 22/150 + 351 500 × 0,25 + 175 600 × 0,5 + 107 200 × 0,75.
    [summary] = rows(pipeline_summary(demo))
    assert (summary["opportunities"], summary["open"], summary["won"], summary["lost"]) == (300, 150, 22, 128)
    assert summary["win_rate"] == pytest.approx(22 / 150)
    assert summary["won_value"] == 146_800
    assert summary["average_cycle_days"] == pytest.approx(1_154 / 22)  # 52,5 days
    assert summary["open_value"] == 1_397_400
    assert summary["weighted_value"] == pytest.approx(763_100 * 22 / 150 + 87_875 + 87_800 + 80_400)
    assert list(stage_probabilities(demo)["source"]) == ["observed", "default", "default", "default", "default"]
    by_channel = pipeline_summary(demo, by="channel")
    assert by_channel["won"].sum() == 22
    assert by_channel["weighted_value"].sum() == pytest.approx(summary["weighted_value"])
