"""Properties of the KPI engine on random small plans imported through the real store: totals agree
whichever way they are added up (by channel, lever, owner, company; objectives, budget, ROI)."""

import datetime
import math
import random
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pac_core.kpi.budget import budget
from pac_core.kpi.objectives import objectives, rollup
from pac_core.kpi.roi import channel_roi
from pac_core.kpi.scope import Scope
from pac_core.store import Store
from pac_core.tables import PIPELINE_STAGES
from tests.builders import ACTION_HEADERS, PIPELINE_HEADERS, opportunity_row, workbook
from tests.test_store import do_import

YEAR = 2026
CHANNELS = ("Salon", "Emailing", "Téléphone")
LEVERS = ("Salons", "Digital", "Prospection")
OWNERS = ("Directeur commercial", "Service marketing", None)  # None: an action without owner, its own group
OPTIONAL_METRICS = ("contacts", "rdv", "nouveaux_clients", "clients_actifs")  # clients_actifs is a stock
ROLLED_UP = ("target_to_date", "actual_to_date", "target_year", "forecast")


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory) -> Path:
    """A database with the schema and no import, made once (creating it takes a tenth of a second): each
    example imports into a copy."""
    path = tmp_path_factory.mktemp("properties") / "empty.duckdb"
    Store(path).close()
    return path


def month(number: int) -> datetime.date:
    return datetime.date(YEAR, number, 1)


@st.composite
def plans(draw):
    """Actions over a few channels, levers and owners; monthly targets and results of `cout`, `ca` and a few
    other indicators, with missing months; some won, lost and open opportunities; an as-of month."""
    count = draw(st.integers(2, 8))
    metrics = ["ca", "cout", *draw(st.lists(st.sampled_from(OPTIONAL_METRICS), unique=True, max_size=2))]
    randomness = random.Random(draw(st.integers(0, 2**32 - 1)))  # the figures: many, drawn fast
    missing = draw(st.sampled_from((0.0, 0.3, 0.7)))  # share of the months left empty
    actions = []
    for index in range(count):
        first = draw(st.integers(1, 12))
        last = draw(st.integers(first, 12))
        actions.append([f"A{index + 1}", draw(st.sampled_from(LEVERS)), f"Action {index + 1}",
                        draw(st.sampled_from(CHANNELS)), "Acquisition", "PME", draw(st.sampled_from(OWNERS)),
                        month(first), datetime.date(YEAR, last, 28),
                        draw(st.one_of(st.none(), st.integers(0, 20_000))), "En cours", ""])
    targets, results = [], []
    for action in actions:
        for metric in metrics:
            if randomness.random() < 0.15:  # an indicator this action does not follow
                continue
            for number in range(1, 13):
                if randomness.random() >= missing:
                    targets.append([action[0], metric, month(number), randomness.randint(0, 1_000)])
                if randomness.random() >= missing:
                    results.append([action[0], metric, month(number), randomness.randint(0, 1_200)])
    results.append([None, "ca", month(randomness.randint(1, 12)), 50_000])  # company-wide: in no action
    opportunities = []
    for index in range(draw(st.integers(0, 6))):
        stage = randomness.choice([*PIPELINE_STAGES, "Perdu"])
        created = datetime.date(YEAR, randomness.randint(1, 12), randomness.randint(1, 28))
        closed = created + datetime.timedelta(days=randomness.randint(0, 90)) if stage in (
            PIPELINE_STAGES[-1], "Perdu") else None
        action_id = randomness.choice([action[0] for action in actions] + [None])
        channel = "Salon" if action_id is None else randomness.choice([None, "Emailing"])
        opportunities.append(opportunity_row(f"O{index + 1}", stage, randomness.randint(100, 9_000), created,
                                             closed if closed and closed.year == YEAR else None,
                                             action_id=action_id, channel=channel))
    as_of = month(draw(st.integers(1, 12)))
    return actions, targets, results, opportunities, as_of


def close(a, b) -> bool:
    """Equal sums: both missing, or equal up to the float rounding of different addition orders."""
    missing_a, missing_b = a is None or a != a, b is None or b != b
    if missing_a or missing_b:
        return missing_a and missing_b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def total(values: pd.Series):
    """SQL's sum: missing when every value is missing."""
    return values.sum(min_count=1)


def check_rollups(store: Store, scope: Scope) -> None:
    company = rollup(store, scope, by="company").set_index("metric")
    rows = objectives(store, scope)
    assert set(company.index) == set(rows["metric"])
    for metric, figures in company.iterrows():
        mine = rows[rows["metric"] == metric]
        assert figures["objectives"] == len(mine), metric
        for column in ROLLED_UP:
            assert close(figures[column], total(mine[column])), (metric, column, "objectives")
    for by in ("channel", "lever", "owner"):
        groups = rollup(store, scope, by=by)
        assert not groups.duplicated([by, "metric"]).any(), by
        for metric, figures in company.iterrows():
            mine = groups[groups["metric"] == metric]
            assert mine["objectives"].sum() == figures["objectives"], (by, metric)
            for column in ROLLED_UP:
                assert close(total(mine[column]), figures[column]), (by, metric, column)


def check_budget(store: Store, scope: Scope, actions: int) -> None:
    per_action = budget(store, scope, by="action_id")
    assert len(per_action) == actions  # every action of the scope, even one that spent nothing
    company = budget(store, scope, by="company")
    assert len(company) == 1
    for by in ("channel", "lever"):
        groups = budget(store, scope, by=by)
        assert groups["actions"].sum() == len(per_action), by
        for column in ("planned", "spent", "projected"):
            assert close(total(groups[column]), total(per_action[column])), (by, column)
        for column in ("actions_over_budget", "actions_overrunning"):
            assert groups[column].sum() == company[column].iloc[0], (by, column)
    for column in ("planned", "spent", "projected"):
        assert close(company[column].iloc[0], total(per_action[column])), column


def check_roi(store: Store, scope: Scope, actions: int) -> None:
    per_action = channel_roi(store, scope, by="action_id")
    assert len(per_action) == actions  # every action of the scope, even one without cost or revenue
    for by in ("channel", "lever"):
        groups = channel_roi(store, scope, by=by)
        assert groups["actions"].sum() == len(per_action), by
        for column in ("cost", "revenue", "contacts", "meetings", "new_clients"):
            assert close(total(groups[column]), total(per_action[column])), (by, column)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_totals_agree_whichever_way_they_are_added_up(empty_database, plan):
    actions, targets, results, opportunities, as_of = plan
    with tempfile.TemporaryDirectory() as directory:
        directory = Path(directory)
        shutil.copyfile(empty_database, directory / "pac.duckdb")
        with Store(directory / "pac.duckdb") as store:
            sheets = {"Actions": [ACTION_HEADERS, *actions],
                      "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"], *targets],
                      "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], *results]}
            if opportunities:
                sheets["Pipeline"] = [PIPELINE_HEADERS, *opportunities]
            do_import(store, workbook(directory / "plan.xlsx", sheets))
            scope = Scope(as_of=as_of)
            check_rollups(store, scope)
            check_budget(store, scope, len(actions))
            check_roi(store, scope, len(actions))
