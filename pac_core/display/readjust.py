"""The quarterly review in French: the quarter's table, suggestions, the projected effect, versions compared,
the decisions log — what the page shows, formatted here so the page only draws."""

from __future__ import annotations

import datetime

import pandas as pd

from pac_core import formatting as fmt
from pac_core.display import status_text, value
from pac_core.readjust.projection import DECISIONS, NEW_ACTION
from pac_core.readjust.suggest import cost_text

DECISION_LABELS = {"maintenir": "Maintenir", "renforcer": "Renforcer", "réduire": "Réduire", "arrêter": "Arrêter",
                   NEW_ACTION: "Nouvelle action"}
BASIS_TEXT = {"action": "", "canal": " (canal)", "levier": " (levier)"}
QUARTER_HELP = {
    "Rythme T": "Réalisé du trimestre ÷ objectif du trimestre (jusqu'au mois de la revue).",
    "Rythme": "Réalisé depuis janvier ÷ objectif depuis janvier.",
    "Atterrissage": "Réalisé à date + objectifs des mois restants × rythme : où l'action finira l'année.",
    "Coût par résultat": "Coût dépensé depuis janvier ÷ réalisé depuis janvier ; « (canal) » : l'action n'a encore ni "
                         "dépense ni résultat, c'est celui de son canal.",
}


def _missing(amount) -> bool:
    return amount is None or amount is pd.NA or (isinstance(amount, float) and amount != amount)


def signed(amount, unit: str) -> str:
    """'+1 500 €', '−3 clients': a change with its sign (U+2212 for minus, as typographers write)."""
    if _missing(amount):
        return fmt.MISSING
    if abs(amount) < 0.05:
        return value(0, unit)
    text = value(abs(amount), unit)
    return ("+" if amount > 0 else "\u2212") + text


def quarter_table(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per action × indicator: the quarter and the year to date against plan, forecast, cost per result."""
    rows = []
    for row in figures.sort_values(["action_id", "family", "metric"], ascending=[True, False, True]).to_dict("records"):
        unit = row["unit"]
        cost = row.get("cost_per_result")
        rows.append({
            "ID": row["action_id"], "Action": row["name"], "Indicateur": row["metric_label"],
            "Statut": status_text(row["status"]),
            "Objectif T": value(row.get("quarter_target"), unit), "Réalisé T": value(row.get("quarter_actual"), unit),
            "Rythme T": fmt.percent(row.get("quarter_pace"), 0),
            "Objectif à date": value(row["target_to_date"], unit), "Réalisé à date": value(row["actual_to_date"], unit),
            "Rythme": fmt.percent(row["pace"], 0),
            "Atterrissage": value(row["forecast"], unit), "Objectif année": value(row["target_year"], unit),
            "Coût par résultat": fmt.MISSING if _missing(cost) else
            cost_text(cost, row["metric"], row["metric_label"], unit) + BASIS_TEXT.get(row.get("cost_basis"), ""),
        })
    return pd.DataFrame(rows)


def decision_choices() -> list[str]:
    return [DECISION_LABELS[d] for d in DECISIONS]


def decision_code(label) -> str:
    codes = {text: code for code, text in DECISION_LABELS.items()}
    return codes.get(label, "maintenir")


def action_effect_table(actions: pd.DataFrame, only_changed: bool = True) -> pd.DataFrame:
    """Per action × flow indicator: budget, forecast before and after, change."""
    frame = actions[actions["aggregation"] == "sum"]
    if only_changed:
        moved = frame.groupby("action_id")["forecast_change"].transform(lambda c: c.abs().max() > 0.05)
        budget_moved = (frame["budget_after"] - frame["planned"]).abs() > 0.005
        frame = frame[moved | budget_moved | (frame["decision"] != "maintenir")]
    rows = [{
        "ID": row["action_id"], "Action": row["name"], "Décision": DECISION_LABELS.get(row["decision"], row["decision"]),
        "Budget": fmt.euros(row["planned"]), "Nouveau budget": fmt.euros(row["budget_after"]),
        "Indicateur": row["metric_label"],
        "Atterrissage avant": value(row["forecast_before"], row["unit"]),
        "Atterrissage après": value(row["forecast_after"], row["unit"]),
        "Écart": signed(row["forecast_change"], row["unit"]),
    } for row in frame.to_dict("records")]
    return pd.DataFrame(rows, columns=["ID", "Action", "Décision", "Budget", "Nouveau budget", "Indicateur",
                                       "Atterrissage avant", "Atterrissage après", "Écart"])


def objective_effect_table(objectives: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for row in objectives.to_dict("records"):
        unit = "€" if row["metric"] == "ca" else "nombre"
        rows.append({"ID": row["objective_id"], "Objectif stratégique": row["label"], "Cible": value(row["target"], unit),
                     "Atterrissage avant": value(row["forecast_before"], unit),
                     "Atterrissage après": value(row["forecast_after"], unit),
                     "Écart": signed(row["forecast_change"], unit),
                     "Atteinte avant": fmt.percent(row["progress_before"], 0),
                     "Atteinte après": fmt.percent(row["progress_after"], 0)})
    return pd.DataFrame(rows)


def budget_move_lines(actions: pd.DataFrame) -> list[str]:
    """One sentence per action whose budget changes: what the money moved should bring or cost it."""
    lines = []
    for action_id, rows in actions.groupby("action_id", sort=False):
        first = rows.iloc[0]
        delta = (first["budget_after"] or 0) - (first["planned"] or 0)
        if abs(delta) < 0.005:
            continue
        flows = rows[(rows["aggregation"] == "sum") & (rows["forecast_change"].abs() > 0.05)]
        if delta > 0:
            effects = ", ".join(f"{signed(r['forecast_change'], r['unit'])} {_short(r)}" for r in flows.to_dict("records"))
        else:  # "font perdre 394 appels", not "font perdre −394 appels"
            effects = ", ".join(f"{value(abs(r['forecast_change']), r['unit'])} {_short(r)}"
                                for r in flows.to_dict("records"))
        verb = "devraient apporter" if delta > 0 else "font perdre"
        lines.append(f"**{action_id}** · {first['name']} : {signed(delta, '€')} de budget {verb} "
                     + (effects if effects else "rien de mesurable (aucun résultat observé pour ce coût)") + ".")
    return lines


def _short(row) -> str:
    label = str(row["metric_label"]).lower()
    return "de CA" if row["metric"] == "ca" else label


def comparison_table(comparison: pd.DataFrame, first: int, second: int) -> pd.DataFrame:
    rows = [{
        "ID": row["action_id"], "Action": row["name"], "Indicateur": row["metric_label"],
        f"Budget v{first}": fmt.euros(row.get(f"budget_{first}")), f"Budget v{second}": fmt.euros(row.get(f"budget_{second}")),
        f"Objectif année v{first}": value(row.get(f"target_{first}"), row["unit"]),
        f"Objectif année v{second}": value(row.get(f"target_{second}"), row["unit"]),
        f"Atterrissage v{first}": value(row.get(f"forecast_{first}"), row["unit"]),
        f"Atterrissage v{second}": value(row.get(f"forecast_{second}"), row["unit"]),
    } for row in comparison.to_dict("records")]
    return pd.DataFrame(rows)


def totals_table(totals: pd.DataFrame, budgets: tuple[float, float], first: int, second: int) -> pd.DataFrame:
    rows = [{"Total": "Budget", f"v{first}": fmt.euros(budgets[0]), f"v{second}": fmt.euros(budgets[1]),
             "Écart": signed(budgets[1] - budgets[0], "€")}]
    for row in totals.to_dict("records"):
        for kind, title in (("target", "Objectif année"), ("forecast", "Atterrissage")):
            a, b = row.get(f"{kind}_{first}"), row.get(f"{kind}_{second}")
            rows.append({"Total": f"{title} · {row['metric_label']}", f"v{first}": value(a, row["unit"]),
                         f"v{second}": value(b, row["unit"]),
                         "Écart": signed(None if _missing(a) or _missing(b) else b - a, row["unit"])})
    return pd.DataFrame(rows)


def decisions_log_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Every decision recorded (pac_core.decisions.all_decisions), in French."""
    rows = [{"Date": fmt.date(pd.Timestamp(row["decided_on"]).date()), "Version": f"v{row['plan_version']}",
             "ID": row["action_id"], "Action": row["name"] if not _missing(row["name"]) else fmt.MISSING,
             "Décision": DECISION_LABELS.get(row["decision"], str(row["decision"]).capitalize()),
             "Nouveau budget": fmt.euros(row["new_budget"]),
             "Commentaire": row["comment"] if not _missing(row["comment"]) else "",
             "Porteur": row["owner"] if not _missing(row["owner"]) else ""} for row in frame.to_dict("records")]
    return pd.DataFrame(rows, columns=["Date", "Version", "ID", "Action", "Décision", "Nouveau budget", "Commentaire",
                                       "Porteur"])


def summary_title(first: datetime.date) -> str:
    return f"Revue trimestrielle — T{(first.month - 1) // 3 + 1} {first.year}"
