"""The summary as French text for a terminal: aligned columns, French numbers, "—" where a ratio has no
denominator."""

import datetime

from pac_core import formatting as fmt
from pac_core.catalogue import METRICS_BY_CODE
from pac_core.kpi.scope import STATUS_LABELS


def _value(value, metric: str) -> str:
    unit = METRICS_BY_CODE[metric].unit if metric in METRICS_BY_CODE else "nombre"
    return fmt.euros(value) if unit == "€" else fmt.count(value)  # counts and their forecasts: whole


def _label(metric: str) -> str:
    return METRICS_BY_CODE[metric].label_fr if metric in METRICS_BY_CODE else metric


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(headers, widths)),
             "  ".join("─" * width for width in widths)]
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)) for row in rows]
    return "\n".join(lines)


def summary_text(figures: dict) -> str:
    month = fmt.month(datetime.date.fromisoformat(figures["as_of"] + "-01"), long=True)
    parts = [f"PAC Pilot — situation à fin {month} (plan version {figures['plan_version']})", ""]
    parts += ["Objectifs stratégiques", _table(
        ["ID", "Objectif", "Référence", "Actuel", "Cible", "Avancement", "Prévision", "Statut"],
        [[o["id"], o["label"] or "", _value(o["baseline"], o["metric"]), _value(o["current"], o["metric"]),
          _value(o["target"], o["metric"]), fmt.percent(o["progress"]), _value(o["forecast"], o["metric"]),
          STATUS_LABELS[o["status"]]] for o in figures["strategic_objectives"]]), ""]
    parts += ["Entreprise", _table(
        ["Indicateur", "Objectif à date", "Réalisé", "Rythme", "Statut", "Objectif annuel", "Atterrissage"],
        [[_label(c["metric"]), _value(c["target_to_date"], c["metric"]), _value(c["actual_to_date"], c["metric"]),
          fmt.percent(c["pace"]), STATUS_LABELS[c["status"]], _value(c["target_year"], c["metric"]),
          _value(c["forecast_year_end"], c["metric"])] for c in figures["company"]]), ""]
    parts += ["Actions", _table(
        ["Action", "Indicateur", "Objectif à date", "Réalisé", "Rythme", "Statut", "Atterrissage"],
        [[a["action_id"], _label(a["metric"]), _value(a["target_to_date"], a["metric"]),
          _value(a["actual_to_date"], a["metric"]), fmt.percent(a["pace"]), STATUS_LABELS[a["status"]],
          _value(a["forecast_year_end"], a["metric"])] for a in figures["actions"]]), ""]
    parts += ["Canaux", _table(
        ["Canal", "Coût", "CA attribué", "ROI", "ROAS"],
        [[c["channel"], fmt.euros(c["cost"]), fmt.euros(c["revenue"]), fmt.percent(c["roi"]),
          fmt.number(c["roas"], 2)] for c in figures["channels"]])]
    return "\n".join(parts)
