"""Alerts: what the monthly review should look at first, each as one French sentence."""

from pathlib import Path

import pandas as pd

from pac_core import formatting as fmt
from pac_core.kpi.objectives import objectives
from pac_core.kpi.scope import Scope, kpi_sql, resolve
from pac_core.store import Store

SQL = (Path(__file__).parent / "sql" / "alerts.sql").read_text(encoding="utf-8")
SEVERITY = {"off_track": 1, "over_budget": 1, "missing_result": 2, "no_owner": 3, "no_target": 3, "no_dates": 3}


def alerts(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """kind, severity (1 most urgent), action_id, metric, message — most urgent first."""
    scope = resolve(store, scope)
    names = dict(store.query("SELECT action_id, name FROM main.actions").itertuples(index=False))
    rows = []
    for row in objectives(store, scope).itertuples(index=False):
        if row.status == "off_track":
            rows.append(("off_track", row.action_id, row.metric, (
                f"{names.get(row.action_id, row.action_id)} : {row.metric_label.lower()} à "
                f"{fmt.percent(row.pace)} de l'objectif à date ({_figure(row.actual_to_date, row.unit)} sur "
                f"{_figure(row.target_to_date, row.unit)}) — en retard.")))
    sql, params = kpi_sql(SQL, scope)
    month = fmt.month(scope.as_of, long=True)
    sentences = {
        "missing_result": "{name} : aucun réalisé pour " + month + " — le fichier du mois manque-t-il ?",
        "no_owner": "{name} : pas de responsable — qui pilote cette action ?",
        "no_target": "{name} : aucun objectif chiffré cette année — l'action n'est pas mesurable.",
        "no_dates": "{name} : pas de date de début ou de fin — l'action n'est pas bornée dans le temps.",
    }
    for kind, action_id in store.query(sql, params).itertuples(index=False):
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
    for row in budget(store, scope, by="action_id").itertuples(index=False):
        name = names.get(row.action_id, row.action_id)
        if row.over_budget:
            rows.append(("over_budget", row.action_id, "cout",
                         f"{name} : {fmt.euros(row.spent)} dépensés pour un budget de {fmt.euros(row.planned)} "
                         f"({fmt.percent(row.consumption)}) — budget dépassé."))
        elif row.overrun and row.overrun > 0:
            rows.append(("over_budget", row.action_id, "cout",
                         f"{name} : au rythme actuel, {fmt.euros(row.projected)} dépensés d'ici la fin de l'année "
                         f"pour un budget de {fmt.euros(row.planned)} — dépassement prévu de {fmt.euros(row.overrun)}."))
    return rows
