"""« Cette semaine », in French: for the owners, this week's objective against what is done, and the four weeks
before, per action × indicator followed by week (pac_core/weeks.py computes the figures).

Only the indicators followed by week are shown: for one followed by month, what was done in a week is not known, and
a month's figure cut into weeks would be invented. A week's objective is the weekly objective when a file gave one;
otherwise the month's objective shared by the week's days (200 calls in a 30-day month: 46,7 in a week of 7 days in
it), marked ¹ so that nobody reads it as a weekly objective somebody set.
"""

import datetime as dt

import pandas as pd

from pac_core import formatting as fmt
from pac_core.display import metric_label, metric_value
from pac_core.weeks import week_figures

NOTHING_BY_WEEK = ("Aucun indicateur n'est suivi par semaine pour ces actions. Déposez sur la page Données un fichier "
                   "dont les colonnes sont les semaines (S01, S02… S52) ou qui a une colonne « Semaine » : ses "
                   "chiffres apparaîtront ici, semaine par semaine.")
LEFT_OUT = ("Seuls les indicateurs suivis par semaine figurent ici : pour ceux suivis par mois, le réalisé d'une "
            "semaine n'est pas connu (la page Actions les donne mois par mois).")
FROM_MONTH = "¹ objectif fixé par mois : la part de la semaine, au prorata de ses jours dans le mois."
IN_PROGRESS = "La semaine est en cours : son réalisé compte ce qui a été déposé jusqu'ici."
MONTH_MARK = " ¹"


def week_name(monday: dt.date) -> str:
    """« S49 » (the ISO week number)."""
    return f"S{monday.isocalendar().week:02d}"


def week_span(monday: dt.date, last_monday: dt.date | None = None) -> str:
    """« du 30 nov. au 6 déc. 2026 »: from a Monday to the Sunday of its week (or of `last_monday`'s)."""
    sunday = (last_monday or monday) + dt.timedelta(days=6)
    first = str(monday.day)  # « du 8 au 14 juin 2026 », « du 29 juin au 5 juil. 2026 », « du 28 déc. 2026 au… »
    if (monday.year, monday.month) != (sunday.year, sunday.month):
        first += f" {fmt.MONTHS_SHORT[monday.month - 1]}" + (f" {monday.year}" if monday.year != sunday.year else "")
    return f"du {first} au {sunday.day} {fmt.MONTHS_SHORT[sunday.month - 1]} {sunday.year}"


def _objective_text(row) -> str:
    text = metric_value(row.objective, row.metric)
    return text + MONTH_MARK if row.objective_from == "mois" else text


def this_week_table(figures: pd.DataFrame, monday: dt.date) -> pd.DataFrame:
    """One line per action × indicator: the week's objective, what is done, the rate."""
    rows = figures[figures["week"] == monday]
    return pd.DataFrame({
        "Responsable": [owner or fmt.MISSING for owner in rows["owner"]],
        "Action": [f"{action_id} · {name}" for action_id, name in zip(rows["action_id"], rows["name"])],
        "Indicateur": [metric_label(metric) for metric in rows["metric"]],
        "Objectif de la semaine": [_objective_text(row) for row in rows.itertuples(index=False)],
        "Réalisé": [metric_value(done, metric) for done, metric in zip(rows["done"], rows["metric"])],
        "Taux de réalisation": [fmt.percent(fmt.ratio(done, objective))
                                for done, objective in zip(rows["done"], rows["objective"])],
    })


def past_weeks_table(figures: pd.DataFrame, mondays: list[dt.date]) -> pd.DataFrame:
    """One line per action × indicator, one column per week: « réalisé / objectif », then the four weeks' rate."""
    lines = []
    for (action_id, metric), rows in figures[figures["week"].isin(mondays)].groupby(["action_id", "metric"],
                                                                                     sort=False):
        by_week = {row.week: row for row in rows.itertuples(index=False)}
        line = {"Action": action_id, "Indicateur": metric_label(metric)}
        for monday in mondays:
            row = by_week.get(monday)
            line[week_name(monday)] = (fmt.MISSING if row is None else
                                       f"{metric_value(row.done, metric)} / {_objective_text(row)}")
        done, objective = rows["done"].sum(min_count=1), rows["objective"].sum(min_count=1)
        line[f"Taux sur {len(mondays)} semaines"] = fmt.percent(fmt.ratio(done, objective))
        lines.append(line)
    return pd.DataFrame(lines)


def week_view(store, scope, today: dt.date) -> dict:
    """Everything the screen draws: the current week's name and span, its table, the four weeks before."""
    figures = week_figures(store, scope, today)
    mondays = sorted(set(figures["week"])) if len(figures) else []
    current = today - dt.timedelta(days=today.weekday())
    before = [monday for monday in mondays if monday < current]
    return {
        "empty": figures.empty,
        "title": f"Semaine {current.isocalendar().week} ({week_name(current)}), {week_span(current)}",
        "current": this_week_table(figures, current),
        "before_title": (f"Les {len(before)} semaines précédentes ({week_name(before[0])} à "
                         f"{week_name(before[-1])}), {week_span(before[0], before[-1])}" if before else ""),
        "before": past_weeks_table(figures, before),
        "from_month": bool((figures["objective_from"] == "mois").any()) if len(figures) else False,
    }
