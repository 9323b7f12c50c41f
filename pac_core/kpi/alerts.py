"""Alerts: what the monthly review should look at first, each as one French sentence."""

from pathlib import Path

import pandas as pd

from pac_core import formatting as fmt
from pac_core.kpi import objective_grid
from pac_core.kpi.budget import budget
from pac_core.kpi.objectives import grid_tables, objectives_sql
from pac_core.kpi.scope import Scope, kpi_sql, resolve
from pac_core.store import Store
from pac_core.threads import Background

SQL = (Path(__file__).parent / "sql" / "alerts.sql").read_text(encoding="utf-8")
SEVERITY = {"off_track": 1, "over_budget": 1, "missing_result": 2, "no_owner": 3, "no_target": 3, "no_dates": 3}


def alerts(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """kind, severity (1 most urgent), action_id, metric, message — most urgent first."""
    scope = resolve(store, scope)
    sql, params = kpi_sql(SQL, scope)
    # The budget and the other checks are computed by DuckDB on the other core while this thread writes the
    # off-track sentences (there may be thousands).
    budgets = Background(budget, store, scope, "action_id")
    other = Background(store.query, sql, params)
    actions = store.query("SELECT action_id, name FROM main.actions")
    names = dict(zip(actions["action_id"].tolist(), actions["name"].tolist()))
    rows = _off_track_alerts(store, scope, names)
    month = fmt.month(scope.as_of, long=True)
    sentences = {
        "missing_result": "{name} : aucun réalisé pour " + month + " — le fichier du mois manque-t-il ?",
        "no_owner": "{name} : pas de responsable — qui pilote cette action ?",
        "no_target": "{name} : aucun objectif chiffré cette année — l'action n'est pas mesurable.",
        "no_dates": "{name} : pas de date de début ou de fin — l'action n'est pas bornée dans le temps.",
    }
    other = other.result()
    for kind, action_id in zip(other["kind"].tolist(), other["action_id"].tolist()):
        rows.append((kind, action_id, None, sentences[kind].format(name=names.get(action_id, action_id))))
    rows += _budget_alerts(budgets.result(), names)
    frame = pd.DataFrame(rows, columns=["kind", "action_id", "metric", "message"])
    frame.insert(1, "severity", frame["kind"].map(SEVERITY).astype(int) if len(frame) else pd.Series(dtype=int))
    return frame.sort_values(["severity", "kind", "action_id"], kind="stable").reset_index(drop=True)


def _off_track_alerts(store: Store, scope: Scope, names: dict) -> list[tuple]:
    """The objectives off track, in the order of objectives(): their indicator's label and unit are taken from
    the objective grid by row."""
    objective_sql, params = objectives_sql(scope)
    tables = grid_tables(store, scope)
    late = store.query(f"""
        WITH objective AS ({objective_sql})
        SELECT action_id, metric, pace, actual_to_date, target_to_date, grid_row FROM objective
        WHERE status = 'off_track'
        ORDER BY grid_row""", params, tables)
    described = tables[objective_grid.NAME].select(["metric_label", "unit"]).take(late["grid_row"].to_numpy())
    units = described.column("unit").to_pylist()  # columns formatted at once: there may be thousands of these
    return [("off_track", action_id, metric,
             f"{names.get(action_id, action_id)} : {label.lower()} à {pace} de l'objectif à date "
             f"({actual} sur {target}) — en retard.")
            for action_id, metric, label, pace, actual, target in zip(
                late["action_id"].tolist(), late["metric"].tolist(), described.column("metric_label").to_pylist(),
                fmt.percents(late["pace"].to_numpy()), _figures(late["actual_to_date"].tolist(), units),
                _figures(late["target_to_date"].tolist(), units))]


def _figures(values: list, units: list) -> list[str]:
    """Each value in euros when its unit is €, as a plain number otherwise."""
    is_euros = [unit == "€" for unit in units]
    euros = iter(fmt.euro_amounts([value for value, euro in zip(values, is_euros) if euro]))
    numbers = iter(fmt.numbers([value for value, euro in zip(values, is_euros) if not euro]))
    return [next(euros) if euro else next(numbers) for euro in is_euros]


def _budget_alerts(frame: pd.DataFrame, names: dict) -> list[tuple]:
    """Actions that spent more than their budget, or will at their current pace (from `budget` by action)."""
    frame = frame[frame["over_budget"] | (frame["overrun"] > 0)]  # an unknown overrun (NaN) is not one
    rows = []
    amounts = {column: fmt.euro_amounts(frame[column].tolist()) for column in ("spent", "planned", "projected",
                                                                                 "overrun")}
    for action_id, over_budget, spent, planned, consumption, projected, overrun in zip(
            frame["action_id"].tolist(), frame["over_budget"].tolist(), amounts["spent"], amounts["planned"],
            fmt.percents(frame["consumption"].tolist()), amounts["projected"], amounts["overrun"]):
        name = names.get(action_id, action_id)
        if over_budget:
            rows.append(("over_budget", action_id, "cout",
                         f"{name} : {spent} dépensés pour un budget de {planned} ({consumption}) — budget dépassé."))
        else:
            rows.append(("over_budget", action_id, "cout",
                         f"{name} : au rythme actuel, {projected} dépensés d'ici la fin de l'année "
                         f"pour un budget de {planned} — dépassement prévu de {overrun}."))
    return rows
