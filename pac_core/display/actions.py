"""The Actions screen's texts: the objective-vs-actual tables by family, the bullet charts' headings, and
one action's detail (indicator cards, budget cards, month-by-month tables, decisions) — in French.

Everything here takes the KPI engine's frames (pac_core.kpi) and returns strings ready to draw."""

import dataclasses
import datetime
from urllib.parse import quote

import pandas as pd

from pac_core import formatting as fmt
from pac_core.display import columns, metric_label, metric_value, metric_values, missing, status_text
from pac_core.display.overview import STATUS_ON_LIGHT, TRACK_ON_LIGHT, Card
from pac_core.kpi.objectives import action_statuses
from pac_core.forecast.text import error_text

# The seed's two families of operational objectives, then stocks if an action has one.
FAMILY_TITLES = {
    "activité": ("Objectifs d'activité",
                 "Ce que les équipes font : appels, contacts, rendez-vous, publications, devis envoyés."),
    "performance": ("Objectifs de performance",
                    "Ce que les actions rapportent : chiffre d'affaires signé, nouveaux clients."),
    "stock": ("Indicateurs de stock",
              "Valeurs à une date (clients actifs, grands comptes) : la dernière valeur compte, pas la somme."),
}

# Column names of the objective table, in the order drawn. PACE_BAR holds the pace bar as a small SVG picture
# (an image column): Streamlit's progress column has one colour for every row, and a bar must say its status
# by its colour as the overview's do. The French text of the pace is in the "Rythme" column beside it.
PACE_BAR = "Rythme (barre)"
TABLE_COLUMNS = ("ID", "Action", "Responsable", "Canal", "Indicateur", "Objectif à date", "Réalisé à date",
                 PACE_BAR, "Rythme", "Statut", "Objectif de l'année", "Atterrissage")
LAST_YEAR, CHANGE = "N−1", "Évolution"  # last year's actual over the same months, and the change (only with history)
METHOD = "Méthode"  # how the forecast was made (only when one objective's was chosen on its history, issue 20)
FIGURE_COLUMNS = ("Objectif à date", "Réalisé à date", "Rythme", "Objectif de l'année",
                  "Atterrissage", LAST_YEAR, CHANGE)  # right-aligned

NO_ACTION_CHOSEN = "Choisissez une action pour voir son détail : mois par mois, cumul, budget et décisions."
NO_DECISION = "Aucune décision enregistrée pour cette action."
BULLET_LEGEND = (f"Lecture : en pourcentage de l'objectif de l'année ({fmt.percent(1, 0)} = fin du fond gris clair), "
                 "la barre colorée est le réalisé à date, le trait noir l'objectif à date. "
                 "À droite : réalisé / objectif à date et statut.")


def table_help(on_track: float = 0.95, watch: float = 0.80) -> dict[str, str]:
    """The tooltips of the objective table's columns, with the scope's status thresholds."""
    return {
        "Objectif à date": "Somme des objectifs mensuels jusqu'au mois de référence "
                           "(stocks : la valeur prévue à ce mois).",
        "Réalisé à date": "Somme du réalisé depuis janvier jusqu'au mois de référence "
                          "(stocks : la dernière valeur).",
        PACE_BAR: f"Réalisé à date / objectif à date ; la barre est pleine à {fmt.percent(1, 0)}.",
        "Rythme": "Réalisé à date / objectif à date.",
        "Statut": f"En bonne voie à partir de {fmt.percent(on_track, 0)} du rythme, à surveiller à partir de "
                  f"{fmt.percent(watch, 0)}, en retard en dessous.",
        "Atterrissage": "Prévision de fin d'année. Avec au moins 12 mois d'historique : la moyenne de trois méthodes, "
                        "chacune pesant d'autant plus qu'elle s'est moins trompée sur les années passées (colonne "
                        "Méthode) ; sinon réalisé à date + objectif restant × rythme.",
        METHOD: "La méthode de la prévision et son erreur passée (écart moyen sur les essais faits sur "
                "l'historique) ; « plan » : réalisé à date + objectif restant × rythme.",
        LAST_YEAR: "Réalisé de l'année précédente sur les mêmes mois (stocks : la valeur au même mois).",
        CHANGE: "Réalisé à date comparé à N−1.",
    }


def _plain(value):
    return None if missing(value) else value


def estimate_value(amount, metric: str) -> str:
    """A forecast in its unit; counts whole, as every count (an estimate of 317,4 contacts reads as 317)."""
    return metric_value(None if missing(amount) else amount, metric)


def estimate_values(amounts, metrics) -> list[str]:
    """`estimate_value` of each amount, for a whole column (see display.metric_values)."""
    return metric_values(amounts, metrics)


def families(frame: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(title, caption, rows) per family of objectives present in `objectives()`, activity first."""
    present = frame["family"].dropna().unique().tolist()
    order = [family for family in FAMILY_TITLES if family in present]
    order += sorted(set(present) - set(order))
    family = frame["family"].to_numpy()
    sections = []
    for name in order:
        title, caption = FAMILY_TITLES.get(name, (f"Objectifs : {name}", ""))
        sections.append((title, caption, frame[family == name].reset_index(drop=True)))
    return sections


def pace_bar(pace, status: str | None) -> str:
    """The pace as a bar in its status colour, on a grey track that is full at 100 % (and above): an SVG data
    URL for an image column; "" (an empty cell) without a pace. The width is rounded to the whole per cent, so
    that a big table draws at most a few hundred distinct pictures."""
    if missing(pace):
        return ""
    share = round(min(max(float(pace), 0.0), 1.0) * 100)
    colour = STATUS_ON_LIGHT.get(status, STATUS_ON_LIGHT[None])
    width = BAR_WIDTH + 2 * BAR_MARGIN
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="24" viewBox="0 0 {width} 24">'
           f'<rect x="{BAR_MARGIN}" y="8" width="{BAR_WIDTH}" height="8" rx="4" fill="{TRACK_ON_LIGHT}"/>'
           f'<rect x="{BAR_MARGIN}" y="8" width="{share * BAR_WIDTH / 100:g}" height="8" rx="4" fill="{colour}"/>'
           '</svg>')
    return "data:image/svg+xml;utf8," + quote(svg)


BAR_WIDTH, BAR_MARGIN = 120, 6  # px: the track, and the white space each side of it in its cell


def objective_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per action × indicator of `objectives()`, every figure a French string ("—" when missing)."""
    ids, names, owners, channels, labels, metrics, paces, statuses = columns(
        frame, "action_id", "name", "owner", "channel", "metric_label", "metric", "pace", "status")
    rows = {
        "ID": ids,
        "Action": [name or action_id for action_id, name in zip(ids, names)],
        "Responsable": [owner or fmt.MISSING for owner in owners],
        "Canal": [channel or fmt.MISSING for channel in channels],
        "Indicateur": [label or metric_label(metric) for label, metric in zip(labels, metrics)],
        "Objectif à date": metric_values(frame["target_to_date"], metrics),
        "Réalisé à date": metric_values(frame["actual_to_date"], metrics),
        PACE_BAR: [pace_bar(pace, status) for pace, status in zip(paces, statuses)],
        "Rythme": fmt.percents(paces).to_pylist(),
        "Statut": [status_text(status) for status in statuses],
        "Objectif de l'année": metric_values(frame["target_year"], metrics),
        "Atterrissage": estimate_values(frame["forecast"], metrics),
    }
    order = list(TABLE_COLUMNS)
    if "forecast_method" in frame and (frame["forecast_method"] != "plan").any():
        rows[METHOD] = [method_text(method, error) for method, error in zip(frame["forecast_method"],
                                                                             frame["backtest_error"])]
        order.append(METHOD)
    if "previous_year" not in frame or not frame["previous_year"].notna().any():
        return pd.DataFrame(rows, columns=order)
    rows[LAST_YEAR] = metric_values(frame["previous_year"], metrics)
    rows[CHANGE] = [fmt.evolution(now, before) for now, before in zip(frame["actual_to_date"], frame["previous_year"])]
    order[order.index("Réalisé à date") + 1:order.index("Réalisé à date") + 1] = [LAST_YEAR, CHANGE]
    return pd.DataFrame(rows, columns=order)


SHORT_METHODS = {"plan": "plan", "saisonnier": "saisonnalité N−1", "ets": "ETS", "theta": "Theta",
                 "combinaison": "moyenne pondérée"}


def method_text(method, error) -> str:
    """« saisonnalité N−1 · ± 6 % » for a table cell; « plan » alone (its error is not measured)."""
    short = SHORT_METHODS.get(method, method or "plan")
    return short if method == "plan" or missing(error) else f"{short} · {error_text(error)}"


def action_choices(frame: pd.DataFrame) -> dict[str, str]:
    """Action ID → "SAL2 · Salon 2 (mai)", in the order of `objectives()`, for the action picker (the URL
    carries this text: ?action=SAL2+·+Salon+2+(mai))."""
    ids, names = columns(frame.drop_duplicates("action_id"), "action_id", "name")
    return {action_id: f"{action_id} · {name}" if name else action_id for action_id, name in zip(ids, names)}


@dataclasses.dataclass(frozen=True)
class ActionHeading:
    action_id: str
    title: str  # "Salon 2 (mai)"
    caption: str  # "SAL2 · Directeur commercial · Salon · ⚠ À surveiller"
    status: str  # the worst status of its objectives, written out


def action_headings(frame: pd.DataFrame) -> list[ActionHeading]:
    """One heading per action of `objectives()`: name, owner, channel and overall status (the worst of its
    objectives with a target to date)."""
    statuses = action_statuses(frame)
    worst = dict(zip(statuses["action_id"].tolist(), statuses["status"].tolist()))
    headings = []
    for action_id, name, owner, channel in zip(*columns(frame.drop_duplicates("action_id"), "action_id", "name",
                                                          "owner", "channel")):
        status = status_text(worst.get(action_id))
        parts = [action_id, owner, channel, status]
        headings.append(ActionHeading(action_id, name or action_id, " · ".join(str(part) for part in parts if part),
                                      status))
    return headings


def action_facts(frame: pd.DataFrame, budget_row: dict | None = None) -> str:
    """One line on the action: lever, channel, owner, kind, dates and its status in the plan."""
    row = frame.iloc[0]
    parts = [f"Levier : {row['lever']}" if _plain(row["lever"]) else None,
             f"Canal : {row['channel']}" if _plain(row["channel"]) else None,
             f"Responsable : {row['owner']}" if _plain(row["owner"]) else None,
             f"Type : {row['kind']}" if _plain(row["kind"]) else None]
    if budget_row is not None:
        start, end = _day(budget_row.get("start_date")), _day(budget_row.get("end_date"))
        if start or end:
            parts.append(f"Du {fmt.date(start)} au {fmt.date(end)}")
    if _plain(row["action_status"]):
        parts.append(f"Statut dans le plan : {row['action_status']}")
    return " · ".join(part for part in parts if part)


def _day(value) -> datetime.date | None:
    if missing(value):
        return None
    return value.date() if hasattr(value, "date") else value


def indicator_cards(frame: pd.DataFrame) -> list[Card]:
    """One card per indicator of one action: actual to date, and in its caption target to date, pace,
    status, year target and forecast."""
    cards = []
    for row in frame.itertuples(index=False):
        target_to_date = _plain(row.target_to_date)
        if target_to_date is None:
            progress = "Pas encore d'objectif à date"
        else:
            progress = (f"sur {metric_value(target_to_date, row.metric)} à date · "
                        f"rythme {fmt.percent(_plain(row.pace))}")
        cards.append(Card(
            label=row.metric_label or metric_label(row.metric),
            value=metric_value(_plain(row.actual_to_date), row.metric),
            caption=f"{progress} · {status_text(_plain(row.status))}  \n"
                    f"Objectif de l'année : {metric_value(_plain(row.target_year), row.metric)} · "
                    f"atterrissage : {estimate_value(_plain(row.forecast), row.metric)}"
                    + _forecast_reason(row),
            help="Réalisé depuis janvier jusqu'au mois de référence."))
    return cards


def _forecast_reason(row) -> str:
    """The band and the method of a forecast chosen on history, on a line of its own (nothing for the plan's)."""
    method = getattr(row, "forecast_method", "plan")
    if method == "plan" or not isinstance(getattr(row, "forecast_reason", None), str):
        return ""
    band = (f"entre {estimate_value(_plain(row.forecast_low), row.metric)} et "
            f"{estimate_value(_plain(row.forecast_high), row.metric)} (8 chances sur 10)")
    return f"  \n{row.forecast_reason} ; {band}"


def budget_cards(budget_row: dict, as_of: datetime.date) -> list[Card]:
    """Cost against budget for one action, from `budget(scope, by="action_id")`."""
    planned, spent = _plain(budget_row.get("planned")), _plain(budget_row.get("spent"))
    projected, overrun = _plain(budget_row.get("projected")), _plain(budget_row.get("overrun"))
    if planned is None:
        consumed_caption = "Budget non renseigné dans le plan"
    elif budget_row.get("over_budget"):
        consumed_caption = "✖ Budget déjà dépassé"
    else:
        consumed_caption = "✔ Dans le budget"
    if overrun is None:
        projected_caption = "Sans budget, pas de dépassement calculable"
    elif overrun > 0:
        projected_caption = f"⚠ Dépassement prévu : {fmt.euros(overrun)}"
    else:
        projected_caption = "✔ Pas de dépassement prévu"
    return [
        Card("Budget prévu", fmt.euros(planned), caption="Budget de l'année dans le plan"),
        Card("Dépensé à date", fmt.euros(spent), caption=f"De janvier à fin {fmt.month(as_of, long=True)}"),
        Card("Budget consommé", fmt.percent(_plain(budget_row.get("consumption"))), caption=consumed_caption,
             help="Dépensé à date / budget prévu."),
        Card("Dépense projetée sur l'année", fmt.euros(projected), caption=projected_caption,
             help="Au rythme de dépense des trois derniers mois, sur les mois d'activité restants de l'action."),
    ]


def month_table(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Month by month for one indicator of `series()`: target and actual, and their cumulative sums for a
    flow; months as columns ("janv." … "déc."), every cell a French string ("—" for a missing month)."""
    columns = [fmt.MONTHS_SHORT[month.month - 1] for month in series["month"]]
    lines = {"Objectif du mois": series["target"], "Réalisé du mois": series["actual"]}
    if series["target_cumulative"].notna().any():
        lines["Objectif cumulé"] = series["target_cumulative"]
        lines["Réalisé cumulé"] = series["actual_cumulative"]
    table = pd.DataFrame({label: [metric_value(_plain(value), metric) for value in values]
                          for label, values in lines.items()}).T
    table.columns = columns
    table.index.name = metric_label(metric)
    return table


DECISION_COLUMNS = ("Date", "Décision", "Commentaire", "Responsable", "Nouveau budget")


def decision_table(frame: pd.DataFrame) -> pd.DataFrame:
    """An action's decisions (pac_core.decisions.action_decisions), newest first, in French."""
    rows = [{
        "Date": fmt.date(_day(row.decided_on)),
        "Décision": str(row.decision).capitalize() if _plain(row.decision) else fmt.MISSING,
        "Commentaire": row.comment if _plain(row.comment) else fmt.MISSING,
        "Responsable": row.owner if _plain(row.owner) else fmt.MISSING,
        "Nouveau budget": fmt.euros(_plain(row.new_budget)),
    } for row in frame.itertuples(index=False)]
    return pd.DataFrame(rows, columns=list(DECISION_COLUMNS))
