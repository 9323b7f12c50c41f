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


# -- the decision workspace (issue 18) ---------------------------------------------------------------------------
# Columns holding words; every other column of the review's tables holds a figure and is right-aligned.
TEXT_COLUMNS = {"ID", "Action", "Indicateur", "Statut", "Décision", "Commentaire", "Porteur", "Total",
                "Objectif stratégique", "Date", "Version", "Coût par résultat"}


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of a review table that hold figures (right-aligned, as numbers are read)."""
    return [name for name in frame.columns if name not in TEXT_COLUMNS]


def plural(count: int, singular: str, plural_form: str | None = None, none: str | None = None) -> str:
    """« aucune décision », « 1 décision », « 3 décisions » (French: 0 and 1 take the singular)."""
    if count == 0 and none is not None:
        return none
    return f"{fmt.count(count)} {singular if abs(count) < 2 else (plural_form or singular + 's')}"


def pending_text(decisions: int, month_targets: int) -> str:
    """What saving would record, in words: « aucune décision à enregistrer », « 1 décision et 3 objectifs… »."""
    said = plural(decisions, "décision", none="aucune décision")
    if month_targets:
        said += " et " + plural(month_targets, "objectif mensuel modifié", "objectifs mensuels modifiés")
    return said + " à enregistrer."


def version_note(version_in_force: int) -> str:
    """Under « Enregistrer la version N »: which versions stay as they are (never « la version 1 et la version 1 »)."""
    if version_in_force <= 1:
        return ("La version 1 (le plan adopté) reste consultable et ne change jamais. L'enregistrement est un import "
                "de la page Données : l'annuler fait revenir la version d'avant.")
    return (f"La version {version_in_force} reste consultable et la version 1 (le plan adopté) ne change jamais. "
            "L'enregistrement est un import de la page Données : l'annuler fait revenir la version d'avant.")


def month_name(month: datetime.date, other: datetime.date) -> str:
    """« octobre » beside a date of the same year, « octobre 2026 » otherwise."""
    return fmt.month(month, long=True).split(" ")[0] if month.year == other.year else fmt.month(month, long=True)


def closed_quarter_sentence(quarter: str, review_month: datetime.date, latest: datetime.date) -> str | None:
    """One plain sentence when the review stops before the latest data: why its figures differ from the other
    screens'. None when the review is at the latest month."""
    if review_month >= latest:
        return None
    return (f"Cette revue du {quarter} s'arrête à fin {month_name(review_month, latest)} ; les autres écrans "
            f"montrent les chiffres à fin {month_name(latest, review_month)}, d'où des atterrissages différents.")


def see_latest_label(review_month: datetime.date, latest: datetime.date) -> str:
    return f"Voir à fin {month_name(latest, review_month)}"


def _names(actions: list[tuple[str, str]], limit: int = 4) -> str:
    shown = ", ".join(action_id for action_id, _ in actions[:limit])
    return shown + (f" et {plural(len(actions) - limit, 'autre')}" if len(actions) > limit else "")


def brief_cards(brief) -> list[dict]:
    """The quarter in brief as cards (label, value, caption): on track, not on track, money left."""
    total = len(brief.on_track) + len(brief.watch) + len(brief.off_track) + len(brief.unrated)
    behind = brief.watch + brief.off_track
    late_said = plural(len(brief.off_track), "en retard", "en retard")
    watch_said = plural(len(brief.watch), "à surveiller", "à surveiller")
    return [
        {"label": "En bonne voie", "value": f"{fmt.count(len(brief.on_track))} sur {fmt.count(total)}",
         "caption": _names(brief.on_track) or "aucune action"},
        {"label": "Pas en bonne voie", "value": f"{fmt.count(len(behind))} sur {fmt.count(total)}",
         "caption": (f"{late_said} ({_names(brief.off_track)})" if brief.off_track else "aucune en retard")
                    + (f" · {watch_said} ({_names(brief.watch)})" if brief.watch else "")},
        {"label": "Budget restant", "value": fmt.euros(brief.left),
         "caption": f"{fmt.euros(brief.spent)} dépensés sur {fmt.euros(brief.planned)}"
                    + "".join(f" · {action_id} a dépassé son budget de {fmt.euros(over)}"
                              for action_id, over in brief.overspent)},
    ]


def effect_text(effect) -> str:
    """A decision's projected effect in one line: the year's budget, then each strategic objective it moves."""
    parts = []
    change = effect.budget_after - effect.budget_before
    if abs(change) > 0.005:
        parts.append(f"budget de l'année {signed(change, '€')}")
    for row in effect.objectives.to_dict("records"):
        if abs(row["forecast_change"]) > 0.05:
            unit = "€" if row["metric"] == "ca" else "nombre"
            parts.append(f"{row['objective_id']} ({row['label']}) {signed(row['forecast_change'], unit)} "
                         "d'atterrissage")
    return "Effet projeté : " + (" · ".join(parts) if parts else "aucun changement mesurable") + "."


def suggestion_title(action_id: str, name: str, suggestion: str) -> str:
    return f"{action_id} · {name} — {DECISION_LABELS[suggestion]}"


def action_with_status(action_id: str, name, status) -> str:
    """« ✖ TEL · Téléprospection externalisée »: the status's icon (its shape, not only its colour) before the
    action, so that the decisions table keeps room for what is typed."""
    icon = status_text(status).split(" ")[0]
    return f"{icon} {action_id} · {'' if _missing(name) else name}"
