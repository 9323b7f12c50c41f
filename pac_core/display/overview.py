"""The overview's texts: headline cards, strategic objective cards, alert lines — formatted in French."""

import dataclasses
import datetime

import pandas as pd

from pac_core import formatting as fmt
from pac_core.display import metric_value, status_text
from pac_core.kpi.headline import Headline


@dataclasses.dataclass(frozen=True)
class Card:
    label: str
    value: str
    delta: str | None = None  # "+13 900 € en octobre"; a leading "-" shows a fall
    caption: str = ""
    help: str | None = None
    sparkline: tuple = ()
    delta_color: str = "normal"  # "off" where a rise is neither good nor bad (spending)


def _delta(now, before, unit: str, month: datetime.date) -> str | None:
    if now is None or before is None:
        return None
    change = now - before
    shown = fmt.euros(abs(change)) if unit == "€" else fmt.number(abs(change))
    return f"{'-' if change < 0 else '+'}{shown} en {fmt.MONTHS_LONG[month.month - 1]}"


def headline_cards(now: Headline, before: Headline | None, sparklines: dict[str, list]) -> list[Card]:
    """The four headline figures: revenue, contacts, new clients, budget consumed."""
    month = now.as_of

    def earlier(name):
        return getattr(before, name) if before is not None else None

    return [
        Card("Chiffre d'affaires réalisé", fmt.euros(now.revenue_to_date),
             _delta(now.revenue_to_date, earlier("revenue_to_date"), "€", month),
             f"Rythme : {fmt.percent(now.revenue_pace)} de l'objectif à date ({fmt.euros(now.revenue_target_to_date)})",
             f"Objectif de l'année : {fmt.euros(now.revenue_target_year)}", tuple(sparklines.get("ca", ()))),
        Card("Contacts recueillis", fmt.number(now.contacts_to_date),
             _delta(now.contacts_to_date, earlier("contacts_to_date"), "nombre", month),
             f"Rythme : {fmt.percent(now.contacts_pace)} de l'objectif à date "
             f"({fmt.number(now.contacts_target_to_date)})", None, tuple(sparklines.get("contacts", ()))),
        Card("Nouveaux clients", fmt.number(now.new_clients_to_date),
             _delta(now.new_clients_to_date, earlier("new_clients_to_date"), "nombre", month),
             f"Rythme : {fmt.percent(now.new_clients_pace)} de l'objectif à date "
             f"({fmt.number(now.new_clients_target_to_date)})", None, tuple(sparklines.get("nouveaux_clients", ()))),
        Card("Budget consommé", fmt.percent(now.budget_consumed),
             _delta(now.cost_to_date, earlier("cost_to_date"), "€", month),
             f"{fmt.euros(now.cost_to_date)} dépensés sur {fmt.euros(now.budget_year)} prévus", None,
             tuple(sparklines.get("cout", ())), delta_color="off"),
    ]


@dataclasses.dataclass(frozen=True)
class ObjectiveCard:
    label: str
    current: str
    target: str
    progress: float  # 0 to 1, for a progress bar
    progress_text: str
    forecast_text: str
    status: str


def strategic_cards(frame: pd.DataFrame) -> list[ObjectiveCard]:
    cards = []
    for row in frame.itertuples(index=False):
        progress = row.progress if row.progress == row.progress and row.progress is not None else 0.0
        cards.append(ObjectiveCard(
            label=row.label or row.objective_id,
            current=metric_value(row.current, row.metric),
            target=metric_value(row.target, row.metric),
            progress=min(max(float(progress), 0.0), 1.0),
            progress_text=f"{fmt.percent(row.progress if row.progress == row.progress else None)} du chemin vers "
                          f"{metric_value(row.target, row.metric)} (départ {metric_value(row.baseline, row.metric)})",
            forecast_text=f"Atterrissage prévu : {metric_value(row.forecast, row.metric)}"
                          + (f" au {fmt.date(row.due_date.date() if hasattr(row.due_date, 'date') else row.due_date)}"
                             if row.due_date is not None and row.due_date == row.due_date else ""),
            status=status_text(row.status)))
    return cards


ALERT_ICONS = {1: ":material/error:", 2: ":material/warning:", 3: ":material/info:"}


def alert_lines(frame: pd.DataFrame, limit: int = 12) -> tuple[list[tuple[str, str]], int]:
    """(icon, message) for the most urgent alerts, and how many were left out."""
    lines = [(ALERT_ICONS.get(int(row.severity), ":material/info:"), row.message)
             for row in frame.head(limit).itertuples(index=False)]
    return lines, max(0, len(frame) - limit)
