"""The texts of the Responsables screen: one line per owner (actions, statuses, budget, alerts) and one owner's
scorecard (its actions, its objectives by family with pace and status, its budget, the strategic objectives it
serves) — in French, from the KPI engine's answers (objectives, budget, alerts, strategic objectives)."""

import dataclasses
import datetime

import pandas as pd

from pac_core import formatting as fmt
from pac_core.display import STATUS_TEXT, columns, metric_values, status_text
from pac_core.display.overview import Card
from pac_core.kpi.objectives import action_statuses
from pac_core.kpi.scope import Scope

NO_OWNER = "Sans responsable"
OVER_BUDGET = "✖ dépassé"  # a budget overrun is written out, never told by colour alone
STATUSES = ("on_track", "watch", "off_track")
FAMILY_TITLES = {"activité": "Objectifs d'activité", "performance": "Objectifs de performance"}
FAMILY_HELP = {"activité": "Ce qu'il faut faire : appels, contacts, rendez-vous, publications…",
               "performance": "Ce qu'il faut obtenir : chiffre d'affaires, nouveaux clients, grands comptes…"}
STATUS_RULE = ("Le statut d'une action est celui de son objectif le plus en retard ; « sans objectif à date » : "
               "aucun objectif chiffré n'est encore échu pour elle.")
NO_PACE = "Aucun objectif n'est encore échu pour ses actions : pas de rythme à mesurer."
NO_ALERT = "Aucune alerte : ses actions avancent comme prévu."
NO_OWNER_AT_ALL = ("Aucune action de ce périmètre n'a de responsable : renseignez la colonne « Responsable » de la "
                   "feuille Actions pour que chacun retrouve ses objectifs ici.")


def _present(value) -> bool:
    return value is not None and value is not pd.NA and value == value


def owner_name(value) -> str:
    return value if isinstance(value, str) and value.strip() else NO_OWNER


def owner_options(budget_by_owner: pd.DataFrame) -> list[str]:
    """The owners of the scope's actions, in alphabetical order (actions without an owner cannot be chosen)."""
    names = [name for name in budget_by_owner["owner"] if isinstance(name, str) and name.strip()]
    return sorted(dict.fromkeys(names), key=str.casefold)


def owner_scope(scope: Scope, owner: str) -> Scope:
    """The scope narrowed to one owner's actions, the other filters kept."""
    return dataclasses.replace(scope, filters=dataclasses.replace(scope.filters, owner=(owner,)))


def owner_counts(objectives: pd.DataFrame, budget_by_owner: pd.DataFrame, budget_by_action: pd.DataFrame,
                 alerts: pd.DataFrame) -> pd.DataFrame:
    """One row per owner: actions, how many are on track / to watch / off track (an action's status is its
    worst objective's) and without a status to date, planned budget, spent, consumption, alerts."""
    statuses = action_statuses(objectives)
    statuses = statuses.assign(owner=statuses["owner"].map(owner_name))
    owner_of = dict(zip(budget_by_action["action_id"], budget_by_action["owner"].map(owner_name)))
    alert_owners = alerts["action_id"].map(owner_of).value_counts() if len(alerts) else pd.Series(dtype=int)
    counts = statuses.groupby(["owner", "status"]).size().to_dict()  # (owner, status) → actions
    rows = []
    for row in budget_by_owner.itertuples(index=False):
        name = owner_name(row.owner)
        rated = {status: int(counts.get((name, status), 0)) for status in STATUSES}
        rows.append({"owner": name, "actions": int(row.actions), **rated,
                     "no_status": int(row.actions) - sum(rated.values()),
                     "planned": row.planned, "spent": row.spent, "consumption": row.consumption,
                     "over_budget": bool(row.over_budget), "alerts": int(alert_owners.get(name, 0))})
    frame = pd.DataFrame(rows, columns=["owner", "actions", *STATUSES, "no_status", "planned", "spent", "consumption",
                                        "over_budget", "alerts"])
    return frame.sort_values("owner", key=lambda names: names.map(lambda n: (n == NO_OWNER, n.casefold())),
                             kind="stable").reset_index(drop=True)


def consumption_text(consumption, spent, planned, over_budget: bool) -> str:
    """'108,0 % ✖ dépassé (16 200 € sur 15 000 €)'; without a budget, what was spent."""
    if not _present(consumption):
        return f"{fmt.MISSING} ({fmt.euros(spent)} dépensés, pas de budget)"
    return (f"{fmt.percent(consumption)}{' ' + OVER_BUDGET if over_budget else ''} "
            f"({fmt.euros(spent)} sur {fmt.euros(planned)})")


def owners_table(counts: pd.DataFrame) -> pd.DataFrame:
    """The overview of every owner, one line each, as French text."""
    return pd.DataFrame({
        "Responsable": counts["owner"],
        "Actions": [fmt.number(value) for value in counts["actions"]],
        **{STATUS_TEXT[status]: [fmt.number(value) for value in counts[status]] for status in STATUSES},
        "Sans objectif à date": [fmt.number(value) for value in counts["no_status"]],
        "Budget consommé": [consumption_text(row.consumption, row.spent, row.planned, row.over_budget)
                            for row in counts.itertuples(index=False)],
        "Alertes": [fmt.number(value) for value in counts["alerts"]],
    })


def scorecard_cards(counts_row: pd.Series, action_ids: list[str]) -> list[Card]:
    """One owner's headline: actions, actions by status, budget consumed, alerts."""
    cards = [Card("Actions", fmt.number(counts_row["actions"]), caption=" · ".join(action_ids))]
    cards += [Card(STATUS_TEXT[status], fmt.number(counts_row[status]),
                   help="Actions dont l'objectif le plus en retard est dans ce statut") for status in STATUSES]
    over = f" — {OVER_BUDGET}" if counts_row["over_budget"] else ""
    cards.append(Card("Budget consommé",
                      fmt.percent(counts_row["consumption"]) if _present(counts_row["consumption"]) else fmt.MISSING,
                      caption=f"{fmt.euros(counts_row['spent'])} dépensés sur {fmt.euros(counts_row['planned'])} "
                              f"prévus{over}"))
    cards.append(Card("Alertes", fmt.number(counts_row["alerts"]), caption="À regarder avant la revue"))
    return cards


def _day(value):
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return value.date() if isinstance(value, datetime.datetime) else value


def period_text(start, end) -> str:
    """'mai – sept. 2026', 'janv. 2026', '—' without dates."""
    start, end = _day(start), _day(end)
    if start is None and end is None:
        return fmt.MISSING
    if start is None or end is None:
        return f"{'jusqu’en ' if start is None else 'depuis '}{fmt.month(end or start)}"
    if (start.year, start.month) == (end.year, end.month):
        return fmt.month(start)
    first = fmt.MONTHS_SHORT[start.month - 1] if start.year == end.year else fmt.month(start)
    return f"{first} – {fmt.month(end)}"


def actions_table(budget_by_action: pd.DataFrame, objectives: pd.DataFrame) -> pd.DataFrame:
    """One owner's actions: channel, period, status (the worst of its objectives), budget, spent, consumed."""
    worst = action_statuses(objectives)
    statuses = dict(zip(worst["action_id"], worst["status"]))
    return pd.DataFrame({
        "Action": [f"{row.action_id} · {row.name}" for row in budget_by_action.itertuples(index=False)],
        "Canal": [value if isinstance(value, str) else fmt.MISSING for value in budget_by_action["channel"]],
        "Période": [period_text(row.start_date, row.end_date) for row in budget_by_action.itertuples(index=False)],
        "Statut": [status_text(statuses.get(action_id)) for action_id in budget_by_action["action_id"]],
        "Budget prévu": [fmt.euros(value) for value in budget_by_action["planned"]],
        "Dépensé": [fmt.euros(value) for value in budget_by_action["spent"]],
        "Consommé": [(fmt.percent(row.consumption) + (f" {OVER_BUDGET}" if row.over_budget else ""))
                     if _present(row.consumption) else fmt.MISSING for row in budget_by_action.itertuples(index=False)],
    })


def family_of(family: str) -> str:
    """The seed's two families: activity, and performance (results, stocks such as key accounts)."""
    return "activité" if family == "activité" else "performance"


def objectives_table(objectives: pd.DataFrame, family: str) -> pd.DataFrame:
    """One owner's objectives of one family (activité or performance): target and actual to date, pace,
    status, year target and forecast, every figure in its unit."""
    rows = objectives[objectives["family"].map(family_of) == family]
    ids, names, labels, metrics, to_date, actual, paces, statuses, year, forecast = columns(
        rows, "action_id", "name", "metric_label", "metric", "target_to_date", "actual_to_date", "pace", "status",
        "target_year", "forecast")
    return pd.DataFrame({
        "Action": [f"{action_id} · {name}" if name else action_id for action_id, name in zip(ids, names)],
        "Indicateur": list(rows["metric_label"]),
        "Objectif à date": metric_values(to_date, metrics),
        "Réalisé à date": metric_values(actual, metrics),
        "Rythme": fmt.percents(paces).to_pylist(),
        "Statut": [status_text(value) for value in statuses],
        "Objectif de l'année": metric_values(year, metrics),
        "Atterrissage prévu": metric_values(forecast, metrics),
    })


def pace_frame(objectives: pd.DataFrame) -> pd.DataFrame:
    """What the pace chart draws: the objectives with a pace, the furthest behind first."""
    rows = objectives[objectives["pace"].notna()].sort_values(["pace", "action_id"], kind="stable")
    ids, names, labels, metrics, paces, statuses, actual, to_date = columns(
        rows, "action_id", "name", "metric_label", "metric", "pace", "status", "actual_to_date", "target_to_date")
    return pd.DataFrame({
        "objective": [f"{name or action_id} — {label}" for action_id, name, label in zip(ids, names, labels)],
        "pace": rows["pace"].astype(float).tolist(),
        "status": [status_text(value) for value in statuses],
        "label": [f"{pace} · {status_text(status)}"
                  for pace, status in zip(fmt.percents(paces).to_pylist(), statuses)],
        "detail": [f"{value} sur {target}"
                   for value, target in zip(metric_values(actual, metrics), metric_values(to_date, metrics))],
    })


def served_objectives(strategic: pd.DataFrame, action_ids) -> str | None:
    """'Ses actions servent les objectifs stratégiques : +20 % de clients actifs, +250 000 € de CA.' — the
    company goals behind an owner's actions (a goal without a label is named by its ID)."""
    action_ids = set(action_ids)
    labels = [row.label if isinstance(row.label, str) and row.label.strip() else row.objective_id
              for row in strategic.itertuples(index=False)
              if action_ids & set(row.actions or [])]
    return f"Ses actions servent les objectifs stratégiques : {', '.join(labels)}." if labels else None
