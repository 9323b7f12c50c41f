"""The checks of weekly figures across a batch and the database (issue 19; the rules are in pac_core/weeks.py).

One grain per (action, indicator, year) and per table (objectives, results): a pair followed by week receives
weeks, a pair followed by month receives months. Mixing them would show a week view that no longer adds up to the
months. So:
- a monthly file for a pair-year the database follows by week is refused, naming the import to undo to go back to
  months;
- a weekly file for a pair-year the database follows by month is refused, unless it covers every month already
  imported for it (it then replaces them all: the pair changes grain, nothing of both remains);
- weeks and months for one pair-year in one batch are refused;
- a week given twice for one pair (two rows, or two sheets) is a duplicate, named with both rows.
Objectives by month and results by week is no mix: « Cette semaine » then takes the month's objective by its days.
"""

import collections

import pandas as pd

from pac_core import formatting as fmt
from pac_core.catalogue import METRICS_BY_CODE
from pac_core.tables import RESULTS, TARGETS
from pac_core.weeks import Grains, WeekFigures, months_of_weeks


def check_weeks(parsed: dict, batch, context, log) -> None:
    """Refuse mixed grains and weeks given twice; give the batch its weekly grain (Batch.weeks)."""
    grains = getattr(context, "grains", None)
    for table in (TARGETS, RESULTS):
        parts = parsed.get(table.name, [])
        weekly_parts = [part for part in parts if part.weeks is not None]
        held_weekly = {key[1:]: value for key, value in (grains.weekly.items() if grains else ())
                       if key[0] == table.name}
        if not weekly_parts and not held_weekly:
            continue
        held_monthly = grains.monthly_of(table.name) if grains and weekly_parts else {}  # only a weekly file
        # can be refused by them
        _duplicate_weeks(weekly_parts, log)
        weekly = _weekly_keys(weekly_parts)
        monthly = _monthly_keys([part for part in parts if part.weeks is None])
        for key, (part, row) in monthly.items():
            action_id, metric, year = key
            if key in weekly:
                other, _, _ = weekly[key]
                log.error(part.source, part.sheet, row, None, None,
                          f"{_subject(table.name, action_id, metric)} {_verb(table.name, metric)} par semaine "
                          f"(feuille « {other.sheet} ») et par mois (feuille « {part.sheet} ») pour {year} : gardez "
                          "l'un des deux.", kind="weeks-and-months")
            elif key in held_weekly:
                log.error(part.source, part.sheet, row, None, None,
                          f"{_subject(table.name, action_id, metric)} {_verb(table.name, metric)} par semaine en "
                          f"{year} (import n° {held_weekly[key]}) : déposez un fichier par semaine, ou annulez cet "
                          "import pour revenir au mois.", kind="weeks-and-months")
        for key, (part, row, covered) in weekly.items():
            if key in monthly or key not in held_monthly:
                continue
            uncovered = sorted(Grains.months_of(key[2], held_monthly[key]) - covered)
            if uncovered:
                action_id, metric, year = key
                log.error(part.source, part.sheet, row, None, None,
                          f"{_subject(table.name, action_id, metric)} {_verb(table.name, metric)} par mois en {year} : "
                          f"déposez un fichier par mois, ou un fichier par semaine qui "
                          f"couvre aussi {_months_text(uncovered)} pour passer à la semaine.",
                          kind="weeks-and-months")
        if weekly_parts:
            batch.weeks[table.name] = WeekFigures(
                pd.concat([part.weeks.frame for part in weekly_parts], ignore_index=True),
                set().union(*(part.weeks.scope_weeks for part in weekly_parts)),
                set().union(*(part.scope_pairs for part in weekly_parts)))


def _weekly_keys(parts) -> dict:
    """(action, indicator, ISO year) → (part, its first row, the months the part's weeks of that year cover)."""
    keys = {}
    for part in parts:
        frame = part.weeks.frame
        if frame.empty:
            continue
        years = pd.to_datetime(frame["week"]).dt.isocalendar().year.to_numpy()
        covered_by_year = collections.defaultdict(set)
        for monday in part.weeks.scope_weeks:
            covered_by_year[monday.isocalendar().year] |= months_of_weeks([monday])
        for position, (action_id, metric, year) in enumerate(zip(frame["action_id"], frame["metric"], years)):
            key = (None if pd.isna(action_id) else action_id, metric, int(year))
            if key not in keys:
                keys[key] = (part, int(part.weeks.rows[position]), covered_by_year[int(year)])
    return keys


def _monthly_keys(parts) -> dict:
    """(action, indicator, year) → (part, its first row), for the months given by month."""
    keys = {}
    for part in parts:
        frame = part.frame
        if frame.empty:
            continue
        distinct = pd.DataFrame({"action_id": frame["action_id"].astype(object),
                                 "metric": frame["metric"].astype(object),
                                 "year": pd.to_datetime(frame["month"]).dt.year.to_numpy(),
                                 "row": part.rows}).drop_duplicates(["action_id", "metric", "year"])
        for row in distinct.itertuples(index=False):
            key = (None if pd.isna(row.action_id) else row.action_id, row.metric, int(row.year))
            keys.setdefault(key, (part, int(row.row)))
    return keys


def _duplicate_weeks(parts, log) -> None:
    """One row per action, indicator and week: a second is named with the first's row (one message per row)."""
    frames = [part.weeks.frame.assign(file_row=part.weeks.rows, part_index=index)
              for index, part in enumerate(parts) if not part.weeks.frame.empty]
    if not frames:
        return
    frame = pd.concat(frames, ignore_index=True)
    frame["action_key"] = frame["action_id"].astype(object).where(frame["action_id"].notna(), "")
    duplicated = frame.duplicated(["action_key", "metric", "week"], keep=False).to_numpy()
    if not duplicated.any():
        return
    told = set()
    for _, group in frame[duplicated].groupby(["action_key", "metric", "week"], sort=False):
        first, *others = group.itertuples(index=False)
        for other in others:
            if (other.part_index, other.file_row) in told:
                continue
            told.add((other.part_index, other.file_row))
            part, first_part = parts[other.part_index], parts[first.part_index]
            where = f"ligne {first.file_row}"
            if first_part is not part:
                where += f" de la feuille « {first_part.sheet} »"
            monday = pd.Timestamp(other.week).date()
            iso = monday.isocalendar()
            action = other.action_id if other.action_key else "toute l'entreprise"
            log.error(part.source, part.sheet, int(other.file_row), None, f"S{iso.week:02d} {iso.year}",
                      f"Doublon : la semaine {iso.week} de {iso.year} ({action} / {_label(other.metric)}) est déjà "
                      f"donnée {where}. Gardez une seule ligne (ou additionnez-les).", kind="duplicate")


def _label(metric: str) -> str:
    known = METRICS_BY_CODE.get(metric)
    return known.label_fr if known is not None else str(metric)


def _plural(metric: str) -> bool:
    """« Rendez-vous », « Appels », « Devis envoyés » are said in the plural; « Chiffre d'affaires », « Coût » not."""
    return _label(metric).split()[0].lower().endswith(("s", "x"))


def _subject(table: str, action_id, metric: str) -> str:
    """« Les rendez-vous de TEL1 », « Le chiffre d'affaires de l'entreprise », « Les objectifs d'appels de TEL »."""
    label = _label(metric)
    label = label[0].lower() + label[1:]
    whose = f"de {action_id}" if action_id is not None else "de l'entreprise"
    if table == TARGETS.name:
        of = "d'" if label[0] in "aeiouéèh" else "de "
        return f"Les objectifs {of}{label} {whose}"
    return f"{'Les' if _plural(metric) else 'Le'} {label} {whose}"


def _verb(table: str, metric: str) -> str:
    if table == TARGETS.name:
        return "sont fixés"
    return "sont suivis" if _plural(metric) else "est suivi"


def _months_text(months: list) -> str:
    """« avr. 2026 », « avr. 2026 et mai 2026 », « avr. 2026 à sept. 2026 (6 mois) »."""
    shown = [fmt.month(month) for month in months]
    if len(shown) == 1:
        return shown[0]
    if len(shown) == 2:
        return " et ".join(shown)
    return f"{shown[0]} à {shown[-1]} ({len(shown)} mois)"

