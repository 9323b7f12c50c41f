"""The objective grid of a plan version: its targets and the results side by side, with running totals.

One row per action × indicator × year that has a target in the version or a result, for the actions of
main.actions: year by year, costs last, in the order objectives() gives (action, family of indicators descending,
indicator); columns:
- grid_row (0, 1, 2… in that order), action_id, metric, year, has_target (the version has a target row for it);
- t01 … t12 and r01 … r12: the month's target and result (the target and result grids, sql/grids.sql);
- for k = 1 … 12: tc_k and rc_k, the sum of months 1 … k (NULL when none of them has a figure); tl_k and
  rl_k, the latest figure up to month k; rm_k, the number of that latest result's month;
- the indicator's aggregation, and the action's and the indicator's descriptions (ATTRIBUTES): objectives()
  takes them, and the pair's key, from here by grid_row rather than sending 75 000 rows of text through DuckDB;
  objectives.sql applies the scope's filters to the action's attributes here ({scoped_grid}, kpi/scope.py),
  rather than joining every row to the scoped actions (a quarter of its time on the 1M-row benchmark).

objectives.sql reads a pair's "to date" figures as one column of this grid, where over the two grids it would
join them and add up k columns per row: on the 1M-row benchmark the query takes a quarter of the time. Written
at every import, its 84 000 rows × 99 columns would cost the import about half a second; it is computed instead when
first read after a change of the data (Store.derived) — the pairs in SQL, their order, descriptions and running
columns with Arrow and numpy, in about 130 ms — and kept in memory. DEFINITION_SQL is the whole grid in SQL: a
test checks build() gives it, float for float (the running sums add month after month, left to right, as
`coalesce(t01, 0) + coalesce(t02, 0) + …` does).
"""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pac_core.kpi import grid_sql
from pac_core.store import Store, arrow_result

MONTHS = range(1, 13)
NAME = "objective_grid"  # the name the KPI queries read it by
# The descriptions objectives() gives each row: (output name, column) of main.actions and of main.metrics.
ACTION_ATTRIBUTES = (("name", "name"), ("lever", "lever"), ("channel", "channel"), ("owner", "owner"),
                     ("kind", "kind"), ("segment", "segment"), ("action_status", "status"))
METRIC_ATTRIBUTES = (("metric_label", "label_fr"), ("unit", "unit"), ("family", "family"))
ATTRIBUTES = tuple(name for name, _ in ACTION_ATTRIBUTES + METRIC_ATTRIBUTES)

PAIRS_SQL = f"""
SELECT coalesce(t.action_id, r.action_id) AS action_id, coalesce(t.metric, r.metric) AS metric,
       coalesce(t.year, r.year) AS year, t.metric IS NOT NULL AS has_target,
       {", ".join(f"t.m{m:02d} AS t{m:02d}" for m in MONTHS)},
       {", ".join(f"r.m{m:02d} AS r{m:02d}" for m in MONTHS)}
FROM (SELECT * FROM main.target_grid WHERE plan_version = $version AND action_id IS NOT NULL) AS t
FULL JOIN (SELECT * FROM main.result_grid WHERE action_id IS NOT NULL) AS r
  ON t.action_id = r.action_id AND t.metric = r.metric AND t.year = r.year
"""  # company-wide figures (no action) belong to no objective
ACTIONS_SQL = ("SELECT action_id, " + ", ".join(f"{column} AS {name}" for name, column in ACTION_ATTRIBUTES)
               + " FROM main.actions")
METRICS_SQL = ("SELECT code, aggregation, " + ", ".join(f"{column} AS {name}" for name, column in METRIC_ATTRIBUTES)
               + " FROM main.metrics")
BATCH_ROWS = 16_384
# Year by year, the costs after the objectives, then the order of objectives(): a year's objectives are one run of
# rows, so that objectives() takes their descriptions as a slice, not row by row.
ORDER = (("year", "ascending"), ("is_cost", "ascending"), ("action_id", "ascending"), ("family", "descending"),
         ("metric", "ascending"))
COST_FAMILY = "coût"
SORT_SQL = {"is_cost": f"family = '{COST_FAMILY}'"}  # the keys of ORDER that are not columns of the grid

RUNNING_SQL = ",\n".join(
    [f"{expression} AS {name}" for side in "tr" for name, expression in (
        [(f"{side}c{k:02d}", grid_sql.total(1, k, side)) for k in MONTHS]
        + [(f"{side}l{k:02d}", grid_sql.latest(1, k, side)) for k in MONTHS])]
    + [f"{grid_sql.latest_month(1, k, 'r')} AS rm{k:02d}" for k in MONTHS])

# The whole grid in SQL, but grid_row: what build() computes with Arrow and numpy (a test compares them).
DEFINITION_SQL = f"""
SELECT pair.*, m.aggregation, {", ".join(f"a.{name}" for name, _ in ACTION_ATTRIBUTES)},
       {", ".join(f"m.{name}" for name, _ in METRIC_ATTRIBUTES)}, {RUNNING_SQL}
FROM ({PAIRS_SQL}) AS pair
JOIN ({ACTIONS_SQL}) AS a USING (action_id)
LEFT JOIN ({METRICS_SQL}) AS m ON m.code = pair.metric
ORDER BY {", ".join(f"{SORT_SQL.get(key, key)} {'DESC' if way == 'descending' else 'ASC'}" for key, way in ORDER)}
"""


def objective_grid(store: Store, plan_version: int) -> pa.Table:
    """The version's objective grid for the current data (computed when the data changed, then kept)."""
    return store.derived((NAME, plan_version), lambda cursor: build(cursor, plan_version))


def build(cursor, plan_version: int) -> pa.Table:
    """The grid, from the target and result grids read on `cursor`. The pairs come from SQL; their order, their
    descriptions (looked up by index) and the running columns are done here: on the 1M-row benchmark this
    takes about half the time of the same in SQL, and the grid is computed again after every import."""
    cursor.execute(PAIRS_SQL, {"version": plan_version})
    pairs = arrow_result(cursor)
    cursor.execute(ACTIONS_SQL)
    actions = arrow_result(cursor)
    cursor.execute(METRICS_SQL)
    metrics = arrow_result(cursor)
    action_rows = pc.index_in(pairs.column("action_id"), value_set=actions.column("action_id"))
    known = pc.is_valid(action_rows)  # a figure of an action no longer imported (its import undone) is no objective
    pairs, action_rows = pairs.filter(known), action_rows.filter(known)
    metric_rows = pc.index_in(pairs.column("metric"), value_set=metrics.column("code"))
    family = metrics.column("family").take(metric_rows)
    keys = pa.table({"year": pairs.column("year"), "is_cost": pc.equal(family, COST_FAMILY),
                     "action_id": pairs.column("action_id"), "family": family, "metric": pairs.column("metric")})
    order = pc.sort_indices(keys, sort_keys=list(ORDER))  # Arrow, like DuckDB, puts NULLs last by default
    pairs = pairs.take(order)
    action_rows, metric_rows = action_rows.take(order), metric_rows.take(order)
    names = ["grid_row", *pairs.column_names, "aggregation"]
    columns = [pa.array(np.arange(pairs.num_rows, dtype=np.int32)), *pairs.columns,
               metrics.column("aggregation").take(metric_rows)]
    for name, _ in ACTION_ATTRIBUTES:
        names.append(name)
        columns.append(actions.column(name).take(action_rows))
    for name, _ in METRIC_ATTRIBUTES:
        names.append(name)
        columns.append(metrics.column(name).take(metric_rows))
    for side in "tr":
        running = _running(np.vstack([pairs.column(f"{side}{m:02d}").to_numpy(zero_copy_only=False)
                                      for m in MONTHS]) if pairs.num_rows else np.empty((12, 0)))
        for kind in ("c", "l", "m") if side == "r" else ("c", "l"):
            for k in MONTHS:
                names.append(f"{side}{kind}{k:02d}")
                columns.append(running[kind][k - 1])
    # DuckDB reads an Arrow table batch by batch, one thread per batch: in one batch the grid is read by one core
    return pa.Table.from_batches(pa.table(columns, names=names).to_batches(max_chunksize=BATCH_ROWS))


def _running(months: np.ndarray) -> dict[str, list[pa.Array]]:
    """From the 12 months' figures (one row per month, NaN for none): for k = 1 … 12 the sum of months 1 … k
    ("c"), the latest figure up to k ("l") and its month ("m"), NULL while no month has a figure. The sums
    are added month after month, left to right, as the SQL definition adds its columns."""
    present = ~np.isnan(months)
    seen = np.zeros(months.shape[1], dtype=bool)
    latest = np.full(months.shape[1], np.nan)
    latest_month = np.zeros(months.shape[1], dtype=np.int32)
    running = {"c": [], "l": [], "m": []}
    for k in range(12):
        figure = np.where(present[k], months[k], 0.0)  # coalesce(m_k, 0)
        total = total + figure if k else figure
        seen = seen | present[k]
        latest = np.where(present[k], months[k], latest)
        latest_month = np.where(present[k], k + 1, latest_month).astype(np.int32)
        running["c"].append(pa.array(total, pa.float64(), mask=~seen))
        running["l"].append(pa.array(latest, pa.float64(), mask=~seen))
        running["m"].append(pa.array(latest_month, pa.int32(), mask=~seen))
    return running
