"""The overview's texts: headline cards, strategic objective cards, alert lines — formatted in French."""

import dataclasses
import datetime
import html

import pandas as pd

from pac_core import formatting as fmt
from pac_core.display import metric_value, status_text
from pac_core.forecast import METHOD_LABELS
from pac_core.kpi.headline import Headline
from pac_core.kpi.scope import Scope, status_of


@dataclasses.dataclass(frozen=True)
class Card:
    label: str
    value: str
    delta: str | None = None  # "+13 900 € en octobre", "−2 en octobre" (U+2212)
    caption: str = ""
    help: str | None = None
    sparkline: tuple = ()
    delta_color: str = "normal"  # st.metric's: "green", "red", "gray"; "normal" only without a delta
    delta_arrow: str = "auto"  # st.metric's: "up", "down", "off" (a change that rounds to zero)
    last_year: str = ""  # « N−1 à fin novembre : 152 300 € (+18,5 %) »; "" without last year's figure


@dataclasses.dataclass(frozen=True)
class Delta:
    text: str
    color: str  # "green" (good), "red" (bad) or "gray" (neither, or no change)
    arrow: str  # "up", "down" or "off"


def _delta(now, before, unit: str, month: datetime.date, rise_is_good: bool | None = True) -> Delta | None:
    """The month's change. Its direction and colour are given explicitly: Streamlit reads a fall from a leading
    hyphen, and we write the minus sign. A change that rounds to zero shows as « = 0 € », grey, without arrow;
    `rise_is_good=None` (spending) never colours."""
    if now is None or before is None:
        return None
    change = now - before
    shown = fmt.euros(abs(change)) if unit == "€" else fmt.count(abs(change))
    when = f"en {fmt.MONTHS_LONG[month.month - 1]}"
    if shown == fmt.euros(0) or shown == fmt.count(0):
        return Delta(f"= {shown} {when}", "gray", "off")
    rising = change > 0
    color = "gray" if rise_is_good is None else ("green" if rising == rise_is_good else "red")
    return Delta(f"{'+' if rising else fmt.MINUS}{shown} {when}", color, "up" if rising else "down")


def _card(label: str, value: str, delta: Delta | None, caption: str, help: str | None, sparkline) -> Card:
    if delta is None:
        return Card(label, value, None, caption, help, tuple(sparkline))
    return Card(label, value, delta.text, caption, help, tuple(sparkline), delta.color, delta.arrow)


def last_year_text(now, before, unit: str, as_of: datetime.date) -> str:
    """« N−1 à fin novembre : 152 300 € (+18,5 %) » — the same figure at the same month last year, and the change;
    "" when last year has no figure."""
    if before is None or before != before:
        return ""
    shown = fmt.euros(before) if unit == "€" else fmt.count(before)
    return f"N−1 à fin {fmt.MONTHS_LONG[as_of.month - 1]} : {shown} ({fmt.evolution(now, before)})"


def headline_cards(now: Headline, before: Headline | None, sparklines: dict[str, list],
                   scope: Scope | None = None, last_year: Headline | None = None) -> list[Card]:
    """The four headline figures: revenue, contacts, new clients, budget consumed; with the scope, each figure
    that has a goal says its status (icon and word) after its pace; with `last_year` (the same figures at the same
    month of the year before), each says N−1 and the change."""
    month = now.as_of

    def earlier(name):
        return getattr(before, name) if before is not None else None

    def status(pace) -> str:
        return f" · {status_text(status_of(pace, scope))}" if scope is not None and pace is not None else ""

    def n1(name, unit):
        if last_year is None or month is None:
            return ""
        return last_year_text(getattr(now, name), getattr(last_year, name), unit, month)

    cards = [
        _card("Chiffre d'affaires réalisé", fmt.euros(now.revenue_to_date),
              _delta(now.revenue_to_date, earlier("revenue_to_date"), "€", month),
              f"Rythme : {fmt.percent(now.revenue_pace)} de l'objectif à date ({fmt.euros(now.revenue_target_to_date)})"
              f"{status(now.revenue_pace)}",
              f"Objectif de l'année : {fmt.euros(now.revenue_target_year)}", sparklines.get("ca", ())),
        _card("Contacts recueillis", fmt.count(now.contacts_to_date),
              _delta(now.contacts_to_date, earlier("contacts_to_date"), "nombre", month),
              f"Rythme : {fmt.percent(now.contacts_pace)} de l'objectif à date "
              f"({fmt.count(now.contacts_target_to_date)}){status(now.contacts_pace)}", None, sparklines.get("contacts", ())),
        _card("Nouveaux clients", fmt.count(now.new_clients_to_date),
              _delta(now.new_clients_to_date, earlier("new_clients_to_date"), "nombre", month),
              f"Rythme : {fmt.percent(now.new_clients_pace)} de l'objectif à date "
              f"({fmt.count(now.new_clients_target_to_date)}){status(now.new_clients_pace)}", None, sparklines.get("nouveaux_clients", ())),
        _card("Budget consommé", fmt.percent(now.budget_consumed),
              _delta(now.cost_to_date, earlier("cost_to_date"), "€", month, rise_is_good=None),
              f"{fmt.euros(now.cost_to_date)} dépensés sur {fmt.euros(now.budget_year)} prévus", None,
              sparklines.get("cout", ())),
    ]
    compared = (("revenue_to_date", "€"), ("contacts_to_date", "nombre"), ("new_clients_to_date", "nombre"),
                ("cost_to_date", "€"))
    return [dataclasses.replace(card, last_year=n1(name, unit)) for card, (name, unit) in zip(cards, compared)]


@dataclasses.dataclass(frozen=True)
class ObjectiveCard:
    label: str
    current: str
    target: str
    progress: float  # 0 to 1, for a progress bar
    progress_text: str
    forecast_text: str
    status: str
    status_code: str | None = None  # on_track / watch / off_track: the bar's colour


# Status colours on the light theme, each at least 4.5:1 on white (text) — the icon and word always go with them.
STATUS_ON_LIGHT = {"on_track": "#1A7F37", "watch": "#9A6700", "off_track": "#CF222E", None: "#57606A"}
TRACK_ON_LIGHT = "#E4E7EB"


def progress_html(card: ObjectiveCard) -> str:
    """A strategic objective's progress bar in its status colour, with its text: st.progress has one colour."""
    color = STATUS_ON_LIGHT.get(card.status_code, STATUS_ON_LIGHT[None])
    width = f"{card.progress * 100:.1f}"
    return (f'<div class="pac-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" '
            f'aria-valuenow="{width}" aria-label="{html.escape(card.progress_text, quote=True)}" '
            f'data-status="{html.escape(card.status_code or "none", quote=True)}" style="font-size:0.875rem">'
            f'<div style="height:0.5rem;border-radius:0.25rem;background:{TRACK_ON_LIGHT};overflow:hidden">'
            f'<div style="height:100%;width:{width}%;background:{color}"></div></div>'
            f'<div style="margin-top:0.25rem">{html.escape(card.progress_text)}</div></div>')


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
            status=status_text(row.status),
            status_code=row.status if isinstance(row.status, str) else None))
    return cards


def forecast_note(methods: pd.DataFrame, metric: str = "ca") -> str:
    """Under the cumulative chart: the year-end forecast of one indicator, its band, and how it was made — how many
    objectives have a method chosen on their history, and which (`kpi.year_end.forecast_methods`)."""
    if methods.empty:
        return ""
    total = metric_value(methods["forecast"].sum(min_count=1), metric)
    band = (f"entre {metric_value(methods['low'].sum(min_count=1), metric)} et "
            f"{metric_value(methods['high'].sum(min_count=1), metric)}")
    chosen = methods[methods["method"] != "plan"]
    if chosen.empty:
        return (f"Prévision de fin d'année selon le plan : {total}, {band}. Calcul : réalisé à date + objectif "
                "restant × rythme ; la "
                "fourchette reprend le meilleur et le moins bon rythme des trois derniers mois. Avec 12 mois "
                "d'historique, la prévision apprend de la saisonnalité des années passées.")
    listed = ", ".join(f"{METHOD_LABELS.get(row.method, row.method)} ({row.objectives})"
                       for row in chosen.itertuples(index=False))
    others = int(methods["objectives"].sum() - chosen["objectives"].sum())
    rest = (f" ; atterrissage selon le plan pour les {others} autres" if others > 1 else
            " ; atterrissage selon le plan pour l'autre" if others == 1 else "")
    return (f"Prévision de fin d'année : {total}, {band} (les fourchettes à 80 % des actions, additionnées). "
            f"Méthode tirée de l'historique de chaque action, où chaque méthode pèse d'autant plus qu'elle s'est "
            f"moins trompée les années passées : {listed}{rest}.")


ALERT_ICONS = {1: ":material/error:", 2: ":material/warning:", 3: ":material/info:"}


def alert_lines(frame: pd.DataFrame, limit: int = 12) -> tuple[list[tuple[str, str]], int]:
    """(icon, message) for the most urgent alerts, and how many were left out."""
    lines = [(ALERT_ICONS.get(int(row.severity), ":material/info:"), row.message)
             for row in frame.head(limit).itertuples(index=False)]
    return lines, max(0, len(frame) - limit)
