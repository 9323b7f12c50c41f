"""Alerts: what the monthly review should look at first, each as one French sentence."""

from pathlib import Path

import pandas as pd

from pac_core import formatting as fmt
from pac_core.kpi.objectives import objective_tables, objectives_sql
from pac_core.kpi.scope import Scope, kpi_sql, resolve
from pac_core.store import Store

SQL = (Path(__file__).parent / "sql" / "alerts.sql").read_text(encoding="utf-8")
SEVERITY = {"off_track": 1, "over_budget": 1, "missing_result": 2, "no_owner": 3, "no_target": 3, "no_dates": 3}


def alerts(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """kind, severity (1 most urgent), action_id, metric, message — most urgent first."""
    scope = resolve(store, scope)
    actions = store.query("SELECT action_id, name FROM main.actions")
    names = dict(zip(actions["action_id"].tolist(), actions["name"].tolist()))
    rows = []
    objective_sql, params = objectives_sql(scope)
    late = store.query(f"""
        WITH objective AS ({objective_sql})
        SELECT o.action_id, o.metric, m.label_fr AS metric_label, m.unit, o.pace, o.actual_to_date, o.target_to_date
        FROM objective AS o JOIN main.metrics AS m ON m.code = o.metric
        WHERE o.status = 'off_track'
        ORDER BY o.action_id, m.family DESC, o.metric""", params, objective_tables(store, scope))
    for action_id, metric, label, pace, actual, target, unit in zip(*(late[column].tolist() for column in (
            "action_id", "metric", "metric_label", "pace", "actual_to_date", "target_to_date", "unit"))):
        rows.append(("off_track", action_id, metric, (
            f"{names.get(action_id, action_id)} : {label.lower()} à {fmt.percent(pace)} de l'objectif à date "
            f"({_figure(actual, unit)} sur {_figure(target, unit)}) — en retard.")))
    sql, params = kpi_sql(SQL, scope)
    month = fmt.month(scope.as_of, long=True)
    sentences = {
        "missing_result": "{name} : aucun réalisé pour " + month + " — le fichier du mois manque-t-il ?",
        "no_owner": "{name} : pas de responsable — qui pilote cette action ?",
        "no_target": "{name} : aucun objectif chiffré cette année — l'action n'est pas mesurable.",
        "no_dates": "{name} : pas de date de début ou de fin — l'action n'est pas bornée dans le temps.",
    }
    other = store.query(sql, params)
    for kind, action_id in zip(other["kind"].tolist(), other["action_id"].tolist()):
        rows.append((kind, action_id, None, sentences[kind].format(name=names.get(action_id, action_id))))
    rows += _budget_alerts(store, scope, names)
    frame = pd.DataFrame(rows, columns=["kind", "action_id", "metric", "message"])
    frame.insert(1, "severity", frame["kind"].map(SEVERITY).astype(int) if len(frame) else pd.Series(dtype=int))
    return frame.sort_values(["severity", "kind", "action_id"], kind="stable").reset_index(drop=True)


def _figure(value, unit: str) -> str:
    return fmt.euros(value) if unit == "€" else fmt.number(value)


def _budget_alerts(store: Store, scope: Scope, names: dict) -> list[tuple]:
    """Actions that spent more than their budget, or will at their current pace."""
    from pac_core.kpi.budget import budget

    rows = []
    frame = budget(store, scope, by="action_id")
    frame = frame[frame["over_budget"] | (frame["overrun"] > 0)]  # an unknown overrun (NaN) is not one
    for action_id, over_budget, spent, planned, consumption, projected, overrun in zip(*(
            frame[column].tolist() for column in (
                "action_id", "over_budget", "spent", "planned", "consumption", "projected", "overrun"))):
        name = names.get(action_id, action_id)
        if over_budget:
            rows.append(("over_budget", action_id, "cout",
                         f"{name} : {fmt.euros(spent)} dépensés pour un budget de {fmt.euros(planned)} "
                         f"({fmt.percent(consumption)}) — budget dépassé."))
        else:
            rows.append(("over_budget", action_id, "cout",
                         f"{name} : au rythme actuel, {fmt.euros(projected)} dépensés d'ici la fin de l'année "
                         f"pour un budget de {fmt.euros(planned)} — dépassement prévu de {fmt.euros(overrun)}."))
    return rows
