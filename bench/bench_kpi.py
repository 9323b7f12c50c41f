"""Benchmark: every KPI query on a large plan, cold and warm, against the same figures computed with pandas.

The database (about 8 400 actions, 1 000 000 target rows and 1 000 000 result rows for 2026, 100 000
opportunities, 3 strategic objectives) is built once from frames made with numpy and imported through the
real store (a `Batch` as `validate_files` makes it), then cached. Each query runs in its own child process:
its first call on the freshly opened database is "froid" (for the queries over the objective grid, this
includes computing the grid, kpi/objective_grid.py), the median of the next 5 calls "chaud". The
pandas versions start from the tables already in memory (loaded once, not timed) and must give the same
numbers: they are checked against the DuckDB results, then each is timed just before its DuckDB query
(this machine's speed drifts from one minute to the next: the ratio compares the two in the same minute). Usage:

    python bench/bench_kpi.py                      # build (or reuse) the cached database, then measure
    python bench/bench_kpi.py --db /tmp/kpi.duckdb --rebuild
    python bench/bench_kpi.py --only "objectives,budget par action"
    python bench/bench_kpi.py --as-of 2026-06       # a mid-year review instead of the last month with results

Why 8 400 actions and not 6 000: the catalogue has 10 indicators, so one action has at most 120 monthly
targets in a year, and a million target rows for one year need at least 8 334 actions.
"""

import argparse
import datetime
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pac_core.catalogue import DEFAULT_METRICS  # noqa: E402
from pac_core.store import database_target  # noqa: E402
from pac_core.tables import LOST_STAGE, PIPELINE_STAGES  # noqa: E402

YEAR = 2026
WARM_CALLS = 5
TARGET_MS = 100
GENERATOR_VERSION = 1  # bump when the generated data change, so that a cached database is rebuilt

METRIC_SCALE = {  # typical monthly target of one action
    "contacts": 50, "appels": 80, "rdv": 10, "publications": 8, "devis": 5, "ca": 20_000,
    "nouveaux_clients": 2, "grands_comptes": 3, "clients_actifs": 150, "cout": 1_500,
}
# The ten indicators of DESIGN.md's catalogue (those added later, such as clics or impressions, are left out, so
# that the data set stays the one the figures in the issues' notes were measured on).
METRICS = [metric.code for metric in DEFAULT_METRICS if metric.code in METRIC_SCALE]
STOCKS = {metric.code for metric in DEFAULT_METRICS if metric.is_stock}
LEVERS = ["Salons professionnels", "Prospection directe", "Digital", "Partenariats", "Fidélisation",
          "Relations presse", "Marketing direct", "Événements clients"]
CHANNELS = ["Salon", "Emailing", "Téléphone", "Site web / SEO", "Réseaux sociaux", "Partenaires", "Presse",
            "Courrier", "Webinaire", "Bouche-à-oreille"]
OWNERS = [f"Responsable {i:02d}" for i in range(25)]
KINDS = ["Acquisition", "Fidélisation", "Notoriété", "Conversion"]
SEGMENTS = ["PME", "ETI", "Grands comptes", "Collectivités", "Artisans", "Professions libérales"]
STATUSES = ["En cours", "Planifiée", "Terminée"]
OBJECTIVE_LISTS = ["OS1;OS3", "OS3", "OS1", "OS2;OS3", "", "OS1;OS2;OS3"]


# -- building the database --------------------------------------------------------------------------
def dataset_name(actions: int, rows: int, opportunities: int, history: bool = False) -> str:
    return f"bench-kpi-v{GENERATOR_VERSION}-{actions}a-{rows}l-{opportunities}o" + ("-n1" if history else "")


def make_batch(actions: int, rows: int, opportunities: int, history: bool = False):
    """The Batch `validate_files` would make of a workbook with these tables (same frames, same dtypes)."""
    from pac_core.validate import Batch, SourceFile

    if actions * len(METRICS) * 12 < rows:
        raise SystemExit(f"{rows} lignes demandent au moins {-(-rows // (len(METRICS) * 12))} actions.")
    rng = np.random.default_rng(20260101)
    ids = [f"A{i:05d}" for i in range(actions)]
    pick = lambda values, size=actions: [values[i] for i in rng.integers(0, len(values), size)]  # noqa: E731
    starts = [datetime.date(YEAR, int(m), 1) if m > 0 else None for m in rng.choice(
        [1] * 6 + [2, 3, 4, 5, 6, 9, 0], actions)]
    ends = [None if s is None else datetime.date(YEAR, 12, 31) if rng.random() < 0.7 else
            datetime.date(YEAR, int(rng.integers(s.month, 13)), 28) for s in starts]
    budgets = np.round(rng.uniform(1_000, 60_000, actions), -2)
    budgets[rng.random(actions) < 0.03] = np.nan
    owners = pick(OWNERS)
    for i in rng.choice(actions, actions // 200, replace=False):
        owners[i] = None
    action_frame = pd.DataFrame({
        "action_id": pd.Series(ids, dtype=object), "lever": pd.Series(pick(LEVERS), dtype=object),
        "name": pd.Series([f"Action {i}" for i in ids], dtype=object),
        "channel": pd.Series(pick(CHANNELS), dtype=object), "kind": pd.Series(pick(KINDS), dtype=object),
        "segment": pd.Series(pick(SEGMENTS), dtype=object), "owner": pd.Series(owners, dtype=object),
        "start_date": pd.Series(starts, dtype=object), "end_date": pd.Series(ends, dtype=object),
        "budget": budgets, "status": pd.Series(pick(STATUSES), dtype=object),
        "objective_ids": pd.Series(pick(OBJECTIVE_LISTS), dtype=object)})

    def figures(count: int, noise: tuple[float, float], company: list[tuple[str, int, float]], year: int = YEAR):
        """`count` rows of (action, metric, month, value) drawn from the full grid, plus company-wide rows."""
        grid = actions * len(METRICS) * 12
        keep = np.sort(rng.choice(grid, count - len(company), replace=False))
        action_code, rest = np.divmod(keep, len(METRICS) * 12)
        metric_code, month_index = np.divmod(rest, 12)
        scale = np.array([METRIC_SCALE[m] for m in METRICS], dtype=float)[metric_code]
        stock = np.isin(metric_code, [METRICS.index(m) for m in STOCKS])
        value = np.where(stock, scale + month_index * rng.uniform(0, 0.05, len(keep)) * scale,
                         scale * rng.uniform(*noise, len(keep)))
        value = np.round(value)  # whole figures: sums are exact in both engines
        action_code = np.concatenate([action_code, np.full(len(company), -1)])
        metric_code = np.concatenate([metric_code, np.array([METRICS.index(m) for m, _, _ in company], np.int64)])
        month_index = np.concatenate([month_index, np.array([month - 1 for _, month, _ in company], np.int64)])
        value = np.concatenate([value, [v for _, _, v in company]])
        frame = pd.DataFrame({
            "action_id": pd.Categorical.from_codes(action_code, categories=ids),
            "metric": pd.Categorical.from_codes(metric_code, categories=METRICS),
            "month": (np.datetime64(f"{year}-01", "M") + month_index).astype("datetime64[s]"),
            "value": value.astype(float)})
        pairs = {(None if pd.isna(a) else a, m) for a, m in
                 frame[["action_id", "metric"]].drop_duplicates().itertuples(index=False)}
        return frame, pairs

    months = {datetime.date(YEAR, m, 1) for m in range(1, 13)}
    targets, target_pairs = figures(rows, (0.6, 1.4), [])
    company = [("clients_actifs", m, 1_000 + 15 * m) for m in range(1, 13)]
    results, result_pairs = figures(rows, (0.4, 1.5), company)

    objectives = pd.DataFrame({
        "objective_id": pd.Series(["OS1", "OS2", "OS3"], dtype=object),
        "label": pd.Series(["+20 % de clients actifs", "Rentrer chez 30 grands comptes", "+150 M€ de CA"],
                           dtype=object),
        "metric": pd.Series(["clients_actifs", "grands_comptes", "ca"], dtype=object),
        "baseline": [1_000.0, 0.0, 0.0], "target": [1_200.0, 30_000.0, 150e6],
        "due_date": pd.Series([datetime.date(YEAR, 12, 31)] * 3, dtype=object)})

    n = opportunities
    stage_index = rng.choice(len(PIPELINE_STAGES) + 1, n, p=[0.3, 0.2, 0.12, 0.1, 0.13, 0.15])
    stages = np.array([*PIPELINE_STAGES, LOST_STAGE], dtype=object)[stage_index]
    status = np.where(stage_index == len(PIPELINE_STAGES) - 1, "Gagnée",
                      np.where(stage_index == len(PIPELINE_STAGES), "Perdue", "En cours")).astype(object)
    lost_at_stage = (status == "En cours") & (rng.random(n) < 0.15)  # lost, keeping the stage it was lost at
    status[lost_at_stage] = "Perdue"
    created = np.datetime64(f"{YEAR - 1}-10-01") + rng.integers(0, 455, n)
    closed = created + rng.integers(5, 150, n)
    closed_on = [None if s == "En cours" else c for s, c in zip(status, closed.astype(object))]
    created_on = list(created.astype(object))
    for i in rng.choice(n, n // 500, replace=False):
        created_on[i] = None
    opportunity_actions = np.array(ids, dtype=object)[rng.integers(0, actions, n)]
    no_action = rng.random(n) < 0.05
    opportunity_actions[no_action] = None
    action_channel = dict(zip(ids, action_frame["channel"]))
    channels = [pick(CHANNELS, 1)[0] if a is None else (action_channel[a] if rng.random() < 0.8 else None)
                for a in opportunity_actions]
    amounts = np.round(rng.uniform(1_000, 50_000, n), -1)
    amounts[rng.random(n) < 0.01] = np.nan
    opportunity_frame = pd.DataFrame({
        "opportunity_id": pd.Series([f"O{i:06d}" for i in range(n)], dtype=object),
        "account": pd.Series([f"Compte {i % 20_000}" for i in range(n)], dtype=object),
        "action_id": pd.Series(opportunity_actions, dtype=object), "channel": pd.Series(channels, dtype=object),
        "stage": pd.Series(stages, dtype="str"), "amount": amounts,
        "created_on": pd.Series(created_on, dtype=object), "closed_on": pd.Series(closed_on, dtype=object),
        "status": pd.Series(status, dtype="str")})

    if history:  # --historique: as many results of the year before (issue 19: N−1 beside every objective)
        earlier, earlier_pairs = figures(rows, (0.4, 1.5), [], YEAR - 1)
        results = pd.concat([results, earlier], ignore_index=True)
        results["action_id"] = results["action_id"].astype(pd.CategoricalDtype(ids))
        result_pairs |= earlier_pairs
        months = months | {datetime.date(YEAR - 1, m, 1) for m in range(1, 13)}
    name = dataset_name(actions, rows, opportunities, history)
    source = SourceFile(f"{name}.xlsx", hashlib.sha256(name.encode()).hexdigest(), 0)
    return Batch([source], {"actions": action_frame, "targets": targets, "results": results,
                            "strategic_objectives": objectives, "opportunities": opportunity_frame},
                 scope_months={"targets": months, "results": months},
                 scope_pairs={"targets": target_pairs, "results": result_pairs}, plan_year=YEAR)


def ensure_database(path: Path | str, actions: int, rows: int, opportunities: int, rebuild: bool,
                    history: bool = False) -> str:
    """Build the database unless `path` already holds this data set; say which. `path` may be a PostgreSQL
    address (bench/bench_postgres.py): an empty base is filled, one holding this data set reused."""
    from pac_core.store import is_postgres, open_store

    name = dataset_name(actions, rows, opportunities, history)
    postgres = is_postgres(path)
    if postgres or (path.exists() and not rebuild):
        with open_store(path) as store:
            names = store.query("SELECT file_names FROM main.imports")["file_names"].tolist()
        if names == [f"{name}.xlsx"]:
            return "réutilisée"
        if names or not postgres:
            raise SystemExit(f"« {path} » ne contient pas le jeu de données du benchmark ({name}) : indiquez un "
                             "autre fichier avec --db (une base PostgreSQL vide), ou --rebuild pour le remplacer.")
    if not postgres:
        for stale in (path, path.with_name(path.name + ".wal")):
            stale.unlink(missing_ok=True)
    started = time.perf_counter()
    batch = make_batch(actions, rows, opportunities, history)
    generated = time.perf_counter()
    with open_store(path) as store:
        store.import_batch(batch, user="bench", origin="cli")
    done = time.perf_counter()
    return (f"construite : données {generated - started:.1f} s, import {done - generated:.1f} s").replace(".", ",")


# -- the KPI queries --------------------------------------------------------------------------------
def kpi_queries(scope=None):
    """label → call(store) of every KPI query at `scope` (None: the app's default), in the order of the table."""
    from pac_core.kpi.alerts import alerts
    from pac_core.kpi.budget import budget
    from pac_core.kpi.compare import late_actions, month_vs_previous, quarter_vs_plan, top_and_flop_by_pace
    from pac_core.kpi.funnel import funnel, pipeline_summary
    from pac_core.kpi.objectives import objectives, rollup, status_summary
    from pac_core.kpi.roi import channel_roi
    from pac_core.kpi.series import series
    from pac_core.kpi.strategic import strategic_objectives

    return {
        "objectives": lambda store: objectives(store, scope),
        "rollup entreprise": lambda store: rollup(store, scope, by="company"),
        "rollup canal": lambda store: rollup(store, scope, by="channel"),
        "rollup levier": lambda store: rollup(store, scope, by="lever"),
        "rollup responsable": lambda store: rollup(store, scope, by="owner"),
        "status_summary": lambda store: status_summary(store, scope),
        "series ca": lambda store: series(store, "ca", scope),
        "strategic_objectives": lambda store: strategic_objectives(store, scope),
        "month_vs_previous": lambda store: month_vs_previous(store, scope),
        "quarter_vs_plan": lambda store: quarter_vs_plan(store, scope),
        "top_and_flop_by_pace": lambda store: top_and_flop_by_pace(store, scope),
        "late_actions": lambda store: late_actions(store, scope, count=7),
        "alerts": lambda store: alerts(store, scope),
        "budget par action": lambda store: budget(store, scope, by="action_id"),
        "budget par canal": lambda store: budget(store, scope, by="channel"),
        "channel_roi par canal": lambda store: channel_roi(store, scope, by="channel"),
        "channel_roi par action": lambda store: channel_roi(store, scope, by="action_id"),
        "funnel": lambda store: funnel(store, scope),
        "pipeline_summary": lambda store: pipeline_summary(store, scope),
    }


def scope_at(as_of: str | None):
    """The Scope of every query: the app's default (None) or the given month (YYYY-MM)."""
    from pac_core.kpi.scope import Scope

    return None if as_of is None else Scope(as_of=datetime.date.fromisoformat(as_of + "-01"))


def time_query(label: str, db: Path, as_of: str | None) -> dict:
    """In a child process: the first call on the freshly opened database, then the median of the next calls."""
    from pac_core.store import open_store

    call = kpi_queries(scope_at(as_of))[label]
    with open_store(db) as store:  # opened as the app opens it (a file, or PostgreSQL); the opening is not timed
        started = time.perf_counter()
        call(store)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(WARM_CALLS):
            started = time.perf_counter()
            call(store)
            warm.append(time.perf_counter() - started)
    return {"cold": cold, "warm": statistics.median(warm)}


def in_child(label: str, db: Path, as_of: str | None) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", label, "--db", str(db),
                             *(["--as-of", as_of] if as_of else [])], capture_output=True, text=True)
    if output.returncode:
        raise SystemExit(f"« {label} » a échoué :\n{output.stderr}")
    return json.loads(output.stdout.strip().splitlines()[-1])


# -- the same figures with pandas ----------------------------------------------------------------------
class Tables:
    """The tables the pandas versions need, loaded once (identifiers as categories, as validation makes them)."""

    def __init__(self, store, scope):
        from pac_core.kpi.scope import resolve

        scope = resolve(store, scope)
        self.as_of = pd.Timestamp(scope.as_of)
        self.actions = store.query("SELECT * EXCLUDE (import_id) FROM main.actions")
        for column in ("start_date", "end_date"):
            self.actions[column] = pd.to_datetime(self.actions[column])
        self.targets = self._figures(store.query("SELECT action_id, metric, month, value FROM main.plan_targets "
                                                 "WHERE plan_version = ?", [scope.plan_version]))
        self.results = self._figures(store.query("SELECT action_id, metric, month, value FROM main.results"))
        self.metrics = store.query("SELECT code AS metric, aggregation, family, label_fr AS metric_label, unit "
                                   "FROM main.metrics")
        self.opportunities = store.query("SELECT * EXCLUDE (import_id) FROM main.opportunities")
        for column in ("created_on", "closed_on"):
            self.opportunities[column] = pd.to_datetime(self.opportunities[column])

    @staticmethod
    def _figures(frame: pd.DataFrame) -> pd.DataFrame:
        frame["action_id"] = frame["action_id"].astype("category")
        frame["metric"] = frame["metric"].astype("category")
        frame["month"] = pd.to_datetime(frame["month"])
        return frame


def _months(timestamp: pd.Timestamp, months: int) -> pd.Timestamp:
    return timestamp + pd.DateOffset(months=months)


def _last_value(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """arg_max(value, month) per key: the value of the latest month."""
    latest = frame.loc[frame.groupby(keys, observed=True)["month"].idxmax()]
    return latest.set_index(keys)["value"]


def pandas_pairs(data: Tables) -> pd.DataFrame:
    """objectives.sql in pandas: one row per action × indicator, with the action's attributes."""
    as_of = data.as_of
    year_start = as_of.replace(month=1)
    keys = ["action_id", "metric"]
    targets = data.targets[(data.targets["month"] >= year_start) & (data.targets["month"] < _months(year_start, 12))]
    done = (targets["month"] <= as_of).to_numpy()
    value = targets["value"]
    target_pair = pd.DataFrame({"flow_to_date": value.where(done), "flow_year": value,
                                "flow_remaining": value.where(~done), "action_id": targets["action_id"],
                                "metric": targets["metric"]}).groupby(keys, observed=True).sum(min_count=1)
    stock_targets = targets[targets["metric"].isin(STOCKS)]
    target_pair["stock_to_date"] = _last_value(stock_targets[stock_targets["month"] <= as_of], keys)
    target_pair["stock_year"] = _last_value(stock_targets, keys)

    results = data.results
    actual = results[results["action_id"].notna() & (results["month"] >= year_start) & (results["month"] <= as_of)]
    actual_pair = actual.groupby(keys, observed=True).agg(actual_flow=("value", "sum"), last_month=("month", "max"))
    actual_pair["actual_stock"] = _last_value(actual[actual["metric"].isin(STOCKS)], keys)

    recent = pd.merge(
        targets.loc[(targets["month"] > _months(as_of, -3)) & done, [*keys, "month", "value"]]
        .rename(columns={"value": "target"}),
        actual.loc[actual["month"] > _months(as_of, -4), [*keys, "month", "value"]].rename(columns={"value": "actual"}),
        on=[*keys, "month"], how="outer").sort_values([*keys, "month"])
    recent["change"] = recent["actual"] - recent.groupby(keys, observed=True)["actual"].shift()
    positive = recent["target"] > 0
    recent["pace"] = (recent["actual"].fillna(0) / recent["target"]).where(positive)
    recent["change"] = recent["change"].where(recent["month"] > _months(as_of, -3))
    recent_pair = recent.groupby(keys, observed=True).agg(low_pace=("pace", "min"), high_pace=("pace", "max"),
                                                          low_change=("change", "min"), high_change=("change", "max"),
                                                          mean_change=("change", "mean"))

    before = results[results["action_id"].notna() & (results["month"] >= _months(year_start, -12))
                     & (results["month"] <= _months(as_of, -12))]  # N−1: the same months of the year before
    previous = before.groupby(keys, observed=True).agg(previous_flow=("value", "sum"))
    previous["previous_stock"] = _last_value(before[before["metric"].isin(STOCKS)], keys)

    pair = target_pair.join(actual_pair, how="outer").join(recent_pair, how="left").reset_index()
    pair = pair.merge(previous.reset_index(), on=keys, how="left")
    pair["metric"] = pair["metric"].astype(str)
    pair = pair.merge(data.metrics[data.metrics["family"] != "coût"], on="metric")
    flow = (pair["aggregation"] == "sum").to_numpy()
    pair["target_to_date"] = np.where(flow, pair["flow_to_date"], pair["stock_to_date"])
    pair["actual_to_date"] = np.where(
        flow, pair["actual_flow"].fillna(pair["flow_to_date"].where(pair["flow_to_date"].isna(), 0)),
        pair["actual_stock"])
    pair["target_year"] = np.where(flow, pair["flow_year"], pair["stock_year"])
    pair["previous_year"] = np.where(flow, pair["previous_flow"], pair["previous_stock"])
    pair["target_remaining"] = pair["flow_remaining"].fillna(0)
    pair["pace"] = pair["actual_to_date"] / pair["target_to_date"].replace(0, np.nan)
    pair["attainment"] = pair["actual_to_date"] / pair["target_year"].replace(0, np.nan)
    months_left = 12 - as_of.month
    pace = pair["pace"].fillna(1)
    for name, flow_rate, stock_change in (("forecast", pace, pair["mean_change"]),
                                          ("forecast_low", pair["low_pace"].fillna(pace), pair["low_change"]),
                                          ("forecast_high", pair["high_pace"].fillna(pace), pair["high_change"])):
        pair[name] = np.where(flow, pair["actual_to_date"].fillna(0) + pair["target_remaining"] * flow_rate,
                              pair["actual_to_date"] + stock_change.fillna(0) * months_left)
    pair["status"] = np.select([pair["pace"] >= 0.95, pair["pace"] >= 0.80, pair["pace"].notna()],
                               ["on_track", "watch", "off_track"], None)
    pair["action_id"] = pair["action_id"].astype(str)
    return pair.merge(data.actions[["action_id", "name", "lever", "channel", "owner", "kind", "segment"]],
                      on="action_id")


def pandas_objectives(data: Tables) -> pd.DataFrame:
    return pandas_pairs(data).sort_values(["action_id", "family", "metric"], ascending=[True, False, True])


SUMMED = ["target_to_date", "actual_to_date", "target_year", "forecast", "forecast_low", "forecast_high"]


def pandas_rollup(data: Tables, by: str) -> pd.DataFrame:
    pairs = pandas_pairs(data)
    key = "scope" if by == "company" else by
    if by == "company":
        pairs["scope"] = "Entreprise"
    grouped = pairs.groupby([key, "metric"], dropna=False)[SUMMED].sum(min_count=1)
    grouped["objectives"] = pairs.groupby([key, "metric"], dropna=False).size()
    grouped["pace"] = grouped["actual_to_date"] / grouped["target_to_date"].replace(0, np.nan)
    grouped["attainment"] = grouped["actual_to_date"] / grouped["target_year"].replace(0, np.nan)
    return grouped.reset_index()


def _month_index(dates) -> pd.Series:
    return dates.dt.year * 12 + dates.dt.month - 1


def pandas_budget(data: Tables, by: str) -> pd.DataFrame:
    """budget.sql in pandas."""
    as_of = data.as_of
    year_start = as_of.replace(month=1)
    results = data.results
    cost = results[(results["metric"] == "cout") & results["action_id"].notna() & (results["month"] >= year_start)
                   & (results["month"] <= as_of)]
    cost = cost.assign(recent=cost["value"].where(cost["month"] > _months(as_of, -3), 0))
    spend = cost.groupby("action_id", observed=True)[["value", "recent"]].sum()
    spend.index = spend.index.astype(str)
    frame = data.actions.copy()
    frame["spent"] = frame["action_id"].map(spend["value"]).fillna(0)
    recent_spent = frame["action_id"].map(spend["recent"]).fillna(0)
    start = _month_index(frame["start_date"]).fillna(year_start.year * 12).clip(lower=year_start.year * 12)
    end = _month_index(frame["end_date"]).fillna(year_start.year * 12 + 11).clip(upper=year_start.year * 12 + 11)
    as_of_index = as_of.year * 12 + as_of.month - 1
    frame["months_elapsed"] = (np.minimum(as_of_index, end) - start + 1).clip(lower=0)
    frame["months_remaining"] = (end - np.maximum(as_of_index + 1, start) + 1).clip(lower=0)
    spent_values, budget = frame["spent"], frame["budget"]
    elapsed, remaining = frame["months_elapsed"], frame["months_remaining"]
    frame["projected"] = np.select(
        [remaining == 0, (elapsed < 3) & budget.notna(), elapsed == 0, elapsed < 3],
        [spent_values, np.maximum(spent_values, budget), spent_values,
         spent_values + spent_values / elapsed.replace(0, np.nan) * remaining],
        spent_values + recent_spent / 3 * remaining)
    frame["over"] = frame["spent"] > budget
    frame["overrunning"] = frame["projected"] > budget
    key = "scope" if by == "company" else by
    if by == "company":
        frame["scope"] = "Entreprise"
    groups = frame.groupby(key, dropna=False)
    grouped = groups.agg(actions=("action_id", "size"), spent=("spent", "sum"), projected=("projected", "sum"),
                         actions_over_budget=("over", "sum"), actions_overrunning=("overrunning", "sum"))
    grouped["planned"] = groups["budget"].sum(min_count=1)  # no budget at all: NULL, as SQL's sum
    if by == "action_id":
        grouped[["months_elapsed", "months_remaining"]] = groups[["months_elapsed", "months_remaining"]].first()
    planned = grouped["planned"]
    grouped["consumption"] = grouped["spent"] / planned.replace(0, np.nan)
    grouped["over_budget"] = (grouped["spent"] > planned).fillna(False)
    grouped["overrun"] = np.where(grouped["projected"] > planned, grouped["projected"] - planned,
                                  np.where(planned.notna(), 0.0, np.nan))
    return grouped.reset_index()


ROI_METRICS = {"cout": "cost", "ca": "revenue_reported", "contacts": "contacts", "rdv": "meetings",
               "nouveaux_clients": "new_clients"}


def pandas_roi(data: Tables, by: str) -> pd.DataFrame:
    """roi.sql in pandas, over January to the as-of month."""
    first, last = data.as_of.replace(month=1), data.as_of
    results = data.results
    reported = results[results["action_id"].notna() & (results["month"] >= first) & (results["month"] <= last)
                       & results["metric"].isin(list(ROI_METRICS))]
    sums = reported.groupby(["action_id", "metric"], observed=True)["value"].sum().unstack("metric")
    sums = sums.rename(columns=ROI_METRICS)
    sums["revenue_results"] = reported[reported["metric"] == "ca"].groupby("action_id", observed=True).size()
    sums.index = sums.index.astype(str)
    opportunities = data.opportunities
    won = opportunities[(opportunities["status"] == "Gagnée") & (opportunities["closed_on"] >= first)
                        & (opportunities["closed_on"] < _months(last, 1)) & opportunities["action_id"].notna()]
    won = won.groupby("action_id").agg(won_revenue=("amount", "sum"), deals=("amount", "size"))
    frame = data.actions[["action_id", "name", "lever", "channel", "owner"]].join(sums, on="action_id").join(
        won, on="action_id")
    frame["cost"] = frame["cost"].fillna(0)
    from_results = (frame["revenue_results"] > 0).to_numpy()
    frame["revenue"] = np.where(from_results, frame["revenue_reported"], frame["won_revenue"].fillna(0))
    frame["revenue_source"] = np.select([from_results, frame["deals"] > 0], ["réalisé", "opportunités"], None)
    key = "scope" if by == "company" else by
    if by == "company":
        frame["scope"] = "Entreprise"
    groups = frame.groupby(key, dropna=False)
    grouped = groups.agg(actions=("action_id", "size"), cost=("cost", "sum"), revenue=("revenue", "sum"),
                         sources=("revenue_source", "nunique"), source=("revenue_source", "first"))
    grouped[["contacts", "meetings", "new_clients"]] = groups[["contacts", "meetings", "new_clients"]].sum(min_count=1)
    grouped["revenue_source"] = grouped["source"].where(grouped["sources"] <= 1, "mixte")
    cost = grouped["cost"].replace(0, np.nan)
    grouped["roi"] = (grouped["revenue"] - grouped["cost"]) / cost
    grouped["roas"] = grouped["revenue"] / cost
    for name, column in (("cost_per_contact", "contacts"), ("cost_per_meeting", "meetings"),
                         ("cost_per_new_client", "new_clients")):
        grouped[name] = grouped["cost"] / grouped[column].replace(0, np.nan)
    return grouped.drop(columns=["sources", "source"]).reset_index()


def _pipeline_at_as_of(data: Tables) -> pd.DataFrame:
    """funnel.sql's `windowed` and `at_as_of`, without a filter nor a group."""
    as_of = data.as_of
    month_after, year_start = _months(as_of, 1), as_of.replace(month=1)
    o = data.opportunities
    created = o["created_on"]
    closed_now = (o["status"] == "Gagnée") | (o["status"] == "Perdue") | (o["stage"] == LOST_STAGE)
    o = o[created.isna() | ((created < month_after)
                            & ((created >= year_start) | ~closed_now | (o["closed_on"] >= month_after)))]
    won_now = (o["status"] == "Gagnée").to_numpy()
    lost_now = ~won_now & ((o["status"] == "Perdue") | (o["stage"] == LOST_STAGE)).to_numpy()
    closed_later = (won_now | lost_now) & (o["closed_on"] >= month_after).to_numpy()
    won, lost = won_now & ~closed_later, lost_now & ~closed_later
    stage_number = o["stage"].map({stage: i + 1 for i, stage in enumerate(PIPELINE_STAGES)}).to_numpy()
    last_stage = len(PIPELINE_STAGES)
    reached = np.where(won, last_stage, np.where(won_now, last_stage - 1, np.nan_to_num(stage_number, nan=1)))
    cycle_days = np.where(won, (o["closed_on"] - o["created_on"]).dt.days, np.nan)
    return pd.DataFrame({"amount": o["amount"].to_numpy(), "reached": reached.astype(int),
                         "outcome": np.select([won, lost], ["won", "lost"], "open"),
                         "stage_unknown": lost & np.isnan(stage_number), "cycle_days": cycle_days})


def pandas_funnel(data: Tables) -> pd.DataFrame:
    at = _pipeline_at_as_of(data)
    stages = np.arange(1, len(PIPELINE_STAGES) + 1)
    count = np.bincount(at["reached"], minlength=len(stages) + 1)[1:]
    amount = np.bincount(at["reached"], weights=at["amount"].fillna(0), minlength=len(stages) + 1)[1:]
    reached, amount = count[::-1].cumsum()[::-1], amount[::-1].cumsum()[::-1]
    previous = np.concatenate([[np.nan], reached[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        conversion = np.where(previous > 0, reached / previous, np.nan)
    return pd.DataFrame({"stage_number": stages, "stage": PIPELINE_STAGES, "reached": reached,
                         "conversion": conversion, "amount": amount})


def pandas_pipeline_summary(data: Tables) -> pd.DataFrame:
    from pac_core.kpi.funnel import DEFAULT_STAGE_PROBABILITIES

    at = _pipeline_at_as_of(data)
    outcome = at["outcome"]
    won, lost, open_ = (outcome == "won"), (outcome == "lost"), (outcome == "open")
    stages = np.arange(1, len(PIPELINE_STAGES) + 1)
    won_count = np.array([(won & (at["reached"] >= k)).sum() for k in stages], dtype=float)
    lost_reached = np.array([(lost & (at["reached"] >= k)).sum() for k in stages], dtype=float)
    unknown = np.where(stages > 1, (lost & at["stage_unknown"]).sum(), 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        low = np.where(won_count + lost_reached + unknown > 0, won_count / (won_count + lost_reached + unknown), np.nan)
        high = np.where(won_count + lost_reached > 0, won_count / (won_count + lost_reached), np.nan)
    probability = np.maximum(np.nan_to_num(low, nan=0), np.minimum(np.nan_to_num(high, nan=1),
                                                                    DEFAULT_STAGE_PROBABILITIES))
    amount = at["amount"]
    n_won, n_lost = int(won.sum()), int(lost.sum())
    return pd.DataFrame([{
        "opportunities": len(at), "open": int(open_.sum()), "won": n_won, "lost": n_lost,
        "win_rate": n_won / (n_won + n_lost) if n_won + n_lost else np.nan,
        "won_value": amount[won].sum(), "average_cycle_days": at["cycle_days"].mean(),
        "open_value": amount[open_].sum(),
        "weighted_value": (amount[open_] * probability[at["reached"][open_] - 1]).sum()}])


PANDAS = {
    "objectives": pandas_objectives,
    "rollup entreprise": lambda data: pandas_rollup(data, "company"),
    "rollup canal": lambda data: pandas_rollup(data, "channel"),
    "rollup levier": lambda data: pandas_rollup(data, "lever"),
    "rollup responsable": lambda data: pandas_rollup(data, "owner"),
    "budget par action": lambda data: pandas_budget(data, "action_id"),
    "budget par canal": lambda data: pandas_budget(data, "channel"),
    "channel_roi par canal": lambda data: pandas_roi(data, "channel"),
    "channel_roi par action": lambda data: pandas_roi(data, "action_id"),
    "funnel": pandas_funnel,
    "pipeline_summary": pandas_pipeline_summary,
}

# Columns compared row by row between DuckDB and pandas, and the key that orders the rows.
CHECKED = {
    "objectives": (["action_id", "metric"], SUMMED + ["pace", "attainment", "status", "previous_year"]),
    "rollup entreprise": (["scope", "metric"], SUMMED + ["objectives", "pace", "attainment"]),
    "rollup canal": (["channel", "metric"], SUMMED + ["objectives", "pace"]),
    "rollup levier": (["lever", "metric"], SUMMED + ["objectives", "pace"]),
    "rollup responsable": (["owner", "metric"], SUMMED + ["objectives", "pace"]),
    "budget par action": (["action_id"], ["planned", "spent", "projected", "consumption", "over_budget", "overrun",
                                          "months_elapsed", "months_remaining"]),
    "budget par canal": (["channel"], ["actions", "planned", "spent", "projected", "actions_over_budget",
                                       "actions_overrunning", "over_budget", "overrun"]),
    "channel_roi par canal": (["channel"], ["actions", "cost", "revenue", "revenue_source", "contacts", "meetings",
                                            "new_clients", "roi", "roas", "cost_per_new_client"]),
    "channel_roi par action": (["action_id"], ["cost", "revenue", "revenue_source", "roi", "cost_per_contact"]),
    "funnel": (["stage_number"], ["reached", "conversion", "amount"]),
    "pipeline_summary": ([], ["opportunities", "open", "won", "lost", "win_rate", "won_value", "average_cycle_days",
                              "open_value", "weighted_value"]),
}


def _texts(column: pd.Series) -> list:
    return [None if pd.isna(value) else str(value) for value in column.tolist()]


def same_figures(label: str, ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    """The pandas version gives DuckDB's numbers, row by row (raises AssertionError otherwise)."""
    keys, columns = CHECKED[label]
    assert len(ours) == len(theirs), f"{label}: {len(ours)} lignes en SQL, {len(theirs)} en pandas"
    if keys:
        ours = ours.sort_values(keys, na_position="last").reset_index(drop=True)
        theirs = theirs.sort_values(keys, na_position="last").reset_index(drop=True)
        for key in keys:
            assert _texts(ours[key]) == _texts(theirs[key]), f"{label}: clés {key}"
    for column in columns:
        a, b = ours[column], theirs[column]
        if a.dtype == object or b.dtype == object or pd.api.types.is_string_dtype(a):
            same = [x == y or (pd.isna(x) and pd.isna(y)) for x, y in zip(a.tolist(), b.tolist())]
            assert all(same), f"{label}: colonne {column}"
        else:
            assert np.allclose(a.to_numpy(dtype=float), b.to_numpy(dtype=float), rtol=1e-9, atol=1e-9,
                               equal_nan=True), f"{label}: colonne {column}"
    total = next((c for c in ("actual_to_date", "spent", "cost", "reached", "weighted_value") if c in columns), None)
    if total:  # one headline total, said plainly
        assert np.isclose(ours[total].sum(), theirs[total].sum(), rtol=1e-12)


def time_pandas(call, data: Tables) -> float:
    durations = []
    for _ in range(WARM_CALLS):
        started = time.perf_counter()
        call(data)
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)


# -- the table -------------------------------------------------------------------------------------
def milliseconds(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    ms = seconds * 1000
    text = f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}"
    return text.replace(",", "\u202f").replace(".", ",") + " ms"


def ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + "×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=database_target,
                        help="base à utiliser ou à construire, fichier ou adresse PostgreSQL (par défaut : dossier "
                             "temporaire)")
    parser.add_argument("--rebuild", action="store_true", help="reconstruire la base même si elle existe")
    parser.add_argument("--actions", type=int, default=8_400)
    parser.add_argument("--rows", type=int, default=1_000_000, help="lignes d'objectifs et lignes de réalisé")
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--only", help="requêtes à mesurer, séparées par des virgules")
    parser.add_argument("--as-of", help="mois d'arrêté AAAA-MM (par défaut : celui de l'application, le dernier "
                                        "mois avec du réalisé)")
    parser.add_argument("--historique", action="store_true",
                        help="avec autant de réalisés de l'année précédente (la colonne N−1 est alors remplie)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(time_query(args.child, args.db, args.as_of)))
        return

    db = args.db or Path(tempfile.gettempdir()) / "pac-bench-kpi" / (
        dataset_name(args.actions, args.rows, args.opportunities, args.historique) + ".duckdb")
    if not isinstance(db, str):  # a PostgreSQL address is a string (bench/bench_postgres.py)
        db.parent.mkdir(parents=True, exist_ok=True)
    how = ensure_database(db, args.actions, args.rows, args.opportunities, args.rebuild, args.historique)
    labels = list(kpi_queries())
    if args.only:
        wanted = [name.strip() for name in args.only.split(",")]
        unknown = [name for name in wanted if name not in labels]
        if unknown:
            raise SystemExit(f"Requêtes inconnues : {', '.join(unknown)}. Connues : {', '.join(labels)}.")
        labels = [name for name in labels if name in wanted]

    import duckdb

    from pac_core.store import open_store

    with open_store(db) as store:  # the pandas side: tables loaded once, and DuckDB's figures to compare with
        data = Tables(store, scope_at(args.as_of))
        queries = kpi_queries(scope_at(args.as_of))
        reference = {label: queries[label](store) for label in labels if label in PANDAS}
        counts = store.query("SELECT (SELECT count(*) FROM main.actions), (SELECT count(*) FROM main.plan_targets), "
                             "(SELECT count(*) FROM main.results), (SELECT count(*) FROM main.opportunities)"
                             ).iloc[0].tolist()
    for label in labels:
        if label in PANDAS:
            same_figures(label, reference[label], PANDAS[label](data))
    del reference

    n = [f"{count:,}".replace(",", "\u202f") for count in counts]
    print(f"Base {db} ({how}) : {n[0]} actions, {n[1]} objectifs, {n[2]} réalisés, {n[3]} opportunités ; "
          f"DuckDB {duckdb.__version__}, pandas {pd.__version__}, {os.cpu_count()} cœurs.")
    print(f"Mois d'arrêté : {data.as_of:%m/%Y}. Froid : premier appel dans un processus neuf (base juste ouverte) ; "
          f"chaud : médiane de {WARM_CALLS} appels ; pandas : médiane de {WARM_CALLS} calculs sur les tables déjà en "
          "mémoire, mêmes chiffres vérifiés, mesurée juste avant chaque requête (la vitesse de cette machine varie "
          "d'une minute à l'autre).")
    print(f"Charge de la machine au départ : {_load()} (au-delà du nombre de cœurs, les temps sont gonflés).")
    print(f"{'requête':<26}{'froid':>11}{'chaud':>11}{'pandas':>11}{'pandas/chaud':>14}  objectif")
    misses = []
    for label in labels:
        baseline = time_pandas(PANDAS[label], data) if label in PANDAS else None  # in the same minute as ours
        timing = in_child(label, db, args.as_of)
        speedup = baseline / timing["warm"] if baseline else None
        problems = []
        if timing["warm"] * 1000 >= TARGET_MS:
            problems.append(f"≥ {TARGET_MS} ms")
        if speedup is not None and speedup < 1:
            problems.append("pandas plus rapide")
        if problems:
            misses.append(label)
        print(f"{label:<26}{milliseconds(timing['cold']):>11}{milliseconds(timing['warm']):>11}"
              f"{milliseconds(baseline):>11}{ratio(speedup):>14}  {', '.join(problems) or 'atteint'}")
    print(f"Objectif (chaud < {TARGET_MS} ms et plus rapide que pandas) manqué par : "
          f"{', '.join(misses) if misses else 'aucune requête'}. Charge à la fin : {_load()}.")


def _load() -> str:
    """The load average over 1, 5 and 15 minutes: other processes on the machine skew every timing."""
    return " / ".join(f"{value:.1f}".replace(".", ",") for value in os.getloadavg())


if __name__ == "__main__":
    main()
