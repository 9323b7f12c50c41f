"""Alerts: what the monthly review should look at first, each as one French sentence.

There may be thousands (a plan of 8 000 actions mostly off track): the sentences are joined column by column by
Arrow's string kernels, from figures formatted a whole column at once (formatting.numbers)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pac_core import formatting as fmt
from pac_core.kpi import objective_grid
from pac_core.kpi.budget import budget
from pac_core.kpi.objectives import grid_tables, objectives_sql
from pac_core.kpi.scope import Scope, kpi_sql, resolve
from pac_core.store import Store
from pac_core.threads import Background

SQL = (Path(__file__).parent / "sql" / "alerts.sql").read_text(encoding="utf-8")
SEVERITY = {"off_track": 1, "over_budget": 1, "missing_result": 2, "no_owner": 3, "no_target": 3, "no_dates": 3}
SCHEMA = pa.schema([("kind", pa.string()), ("severity", pa.int64()), ("action_id", pa.string()),
                    ("metric", pa.string()), ("message", pa.string())])


def alerts(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """kind, severity (1 most urgent), action_id, metric, message — most urgent first."""
    scope = resolve(store, scope)
    sql, params = kpi_sql(SQL, scope)
    # The budget and the other checks are computed by DuckDB on the other core while this thread writes the
    # off-track sentences.
    budgets = Background(budget, store, scope, "action_id")
    other = Background(store.query, sql, params)
    table = pa.concat_tables([_off_track_alerts(store, scope), _other_alerts(other.result(), scope),
                              _budget_alerts(budgets.result())])
    order = pc.sort_indices(table, [("severity", "ascending"), ("kind", "ascending"), ("action_id", "ascending")])
    return table.take(order).to_pandas()  # a stable sort: each kind keeps its rows' order


def _rows(kinds: list[str], action_ids, metrics, messages) -> pa.Table:
    return pa.table([pa.array(kinds, pa.string()), pa.array([SEVERITY[kind] for kind in kinds], pa.int64()),
                     action_ids, metrics, messages], schema=SCHEMA)


def _text(column: pd.Series) -> pa.Array:
    return pa.array(column).cast(pa.string())  # pandas' text is Arrow already: no string is copied one by one


def _named(names, action_ids) -> pa.Array:
    """Each action's name, or its identifier when it has none."""
    return pc.coalesce(names, action_ids)


def _off_track_alerts(store: Store, scope: Scope) -> pa.Table:
    """The objectives off track, in the order of objectives(): their action, indicator and unit are taken
    from the objective grid by row."""
    objective_sql, params = objectives_sql(scope)
    tables = grid_tables(store, scope)
    late = store.query(f"""
        WITH objective AS ({objective_sql})
        SELECT pace, actual_to_date, target_to_date, grid_row FROM objective
        WHERE status = 'off_track'
        ORDER BY grid_row""", params, tables)
    described = (tables[objective_grid.NAME].select(["action_id", "name", "metric", "metric_label", "unit"])
                 .take(late["grid_row"].to_numpy()))
    in_euros = pc.fill_null(pc.equal(described["unit"], "€"), False)
    actual, target = (fmt.figures(late[column], in_euros) for column in ("actual_to_date", "target_to_date"))
    messages = pc.binary_join_element_wise(
        _named(described["name"], described["action_id"]), " : ", pc.utf8_lower(described["metric_label"]),
        " à ", fmt.percents(late["pace"]), " de l'objectif à date (", actual, " sur ", target,
        ") — en retard.", "")
    return _rows(["off_track"] * len(late), described["action_id"], described["metric"], messages)


def _other_alerts(frame: pd.DataFrame, scope: Scope) -> pa.Table:
    """Missing results, no owner, no target, no dates (sql/alerts.sql)."""
    month = fmt.month(scope.as_of, long=True)
    said = {
        "missing_result": " : aucun réalisé pour " + month + " — le fichier du mois manque-t-il ?",
        "no_owner": " : pas de responsable — qui pilote cette action ?",
        "no_target": " : aucun objectif chiffré cette année — l'action n'est pas mesurable.",
        "no_dates": " : pas de date de début ou de fin — l'action n'est pas bornée dans le temps.",
    }
    kinds = frame["kind"].tolist()
    messages = pc.binary_join_element_wise(_named(_text(frame["name"]), _text(frame["action_id"])),
                                           pa.array([said[kind] for kind in kinds], pa.string()), "")
    return _rows(kinds, _text(frame["action_id"]), pa.nulls(len(frame), pa.string()), messages)


def _budget_alerts(frame: pd.DataFrame) -> pa.Table:
    """Actions that spent more than their budget, or will at their current pace (from `budget` by action)."""
    frame = frame[frame["over_budget"] | (frame["overrun"] > 0)]  # an unknown overrun (NaN) is not one
    name = _named(_text(frame["name"]), _text(frame["action_id"]))
    spent, planned, projected, overrun = (fmt.euro_amounts(frame[column])
                                          for column in ("spent", "planned", "projected", "overrun"))
    spent_over = pc.binary_join_element_wise(
        name, " : ", spent, " dépensés pour un budget de ", planned, " (",
        fmt.percents(frame["consumption"]), ") — budget dépassé.", "")
    overrunning = pc.binary_join_element_wise(
        name, " : au rythme actuel, ", projected, " dépensés d'ici la fin de l'année pour un budget de ", planned,
        " — dépassement prévu de ", overrun, ".", "")
    messages = pc.if_else(np.asarray(frame["over_budget"], dtype=bool), spent_over, overrunning)
    return _rows(["over_budget"] * len(frame), _text(frame["action_id"]),
                 pa.array(["cout"] * len(frame), pa.string()), messages)
