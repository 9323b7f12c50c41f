"""The SMART check of a plan: does each action answer the seed's five questions — qui ? quoi ? combien ?
comment ? quand ? (« Vos objectifs commerciaux doivent être SMART », plan-action-commercial.txt, step 5).

Advice only: nothing is ever refused, and an import's validity does not depend on it.

The rules, per action, over one plan year's targets (an (action, indicator) pair is « an objective »):

- qui: an owner (Responsable) is given.
- quoi: the action has a name and at least one indicator (a row of Objectifs naming a catalogue indicator, which
  is measurable by construction).
- combien: every objective has a number (not 0 or empty over the whole year) and the budget is given (0 is an
  answer: an action that costs nothing; an empty cell is not).
- comment: a channel (Canal) is given.
- quand: both dates are given, and the objectives are phased in time: figures in more than one month, or a one-off
  action whose dates lie within one month (« 40 contacts au salon de février »); and no activity objective has
  its whole year in December only (see below).
- An action without any indicator loses quoi only: combien and quand are then judged on its budget and dates, so
  that one gap is not counted three times.

The warnings of issue 19, each also said as advice in the list of warnings:

- « objectif sans valeur »: a pair the plan names whose figures are 0 or empty for the whole year (a file's empty
  row counts: the pair is in the file's scope) — combien is not answered.
- « tout en décembre »: an activity-family indicator (calls, contacts, meetings…) whose whole year is in December
  only — quand is not answered. Not said of an action that starts in December (its December is its whole life),
  nor of stocks (a stock's year-end value is its nature) or of results (a deal signed at year end is plausible).
- « budget sans objectif de résultat »: budget > 0 and no performance-family indicator with a number. Said, but the
  five answers stand: an activity measure answers quoi, and the seed's own example plan (social media, a database
  bought for its contacts) has such actions; the advice is that their ROI cannot be measured.

Score: an action's score is its answered questions out of 5 (each question weighs the same: the seed lists them as
equals); the plan's is the mean of its actions' scores (each action weighs the same, whatever its budget: a small
action with no owner is as much a gap in the plan as a large one).

Which actions: for the database, those of the year (a target in the year, or dates overlapping it with no target in
another year; a missing date is open-ended); for an import, the actions the files speak for (their Actions rows and
the actions of their Objectifs in the plan year), judged with what the database already holds for them — the import
replaces actions by ID and targets within the files' (action, indicator) pairs and months, as the store does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pandas as pd

from pac_core import formatting as fmt
from pac_core.catalogue import METRICS_BY_CODE

QUESTIONS = ("qui", "quoi", "combien", "comment", "quand")
ACTION_COLUMNS = ("action_id", "name", "channel", "owner", "start_date", "end_date", "budget")
TARGET_COLUMNS = ("action_id", "metric", "month", "value")

# Gap kinds: what a question lacks. Action-level gaps count actions, metric-level ones count objectives.
NO_OWNER, NO_NAME, NO_INDICATOR, NO_VALUE, NO_BUDGET = "owner", "name", "indicator", "no-value", "budget"
NO_CHANNEL, NO_DATES, NO_START, NO_END, NOT_PHASED, DECEMBER = ("channel", "dates", "start", "end", "not-phased",
                                                                "december")
BUDGET_WITHOUT_RESULT = "budget-without-result"  # a warning only


@dataclass(frozen=True)
class Gap:
    kind: str
    text: str  # French, short: « aucun responsable »
    metric: str | None = None


@dataclass(frozen=True)
class Answer:
    question: str
    gaps: tuple[Gap, ...] = ()

    @property
    def answered(self) -> bool:
        return not self.gaps

    @property
    def reason(self) -> str | None:
        """« aucun canal », several joined by « ; »; None when answered."""
        return " ; ".join(gap.text for gap in self.gaps) or None

    def sentence(self) -> str:
        """« qui : aucun responsable »."""
        return f"{self.question} : {self.reason or 'oui'}"


@dataclass(frozen=True)
class Advice:
    """One warning of the issue, tied to an action (and an indicator)."""

    kind: str  # NO_VALUE, DECEMBER or BUDGET_WITHOUT_RESULT
    action_id: str
    metric: str | None
    text: str  # French, one sentence, without the action: « objectif d'appels sans valeur en 2026 (…) : … »

    @property
    def message(self) -> str:
        """« SAL1 : objectif d'appels sans valeur en 2026 … »."""
        return f"{self.action_id} : {self.text}"


@dataclass(frozen=True)
class ActionCheck:
    action_id: str
    name: str | None
    answers: tuple[Answer, ...]

    @property
    def answered(self) -> int:
        return sum(answer.answered for answer in self.answers)

    @property
    def score(self) -> float:
        """Answered questions out of 5, as a ratio (0.8 = 4/5)."""
        return self.answered / len(QUESTIONS)

    def answer(self, question: str) -> Answer:
        return next(answer for answer in self.answers if answer.question == question)


@dataclass
class SmartCheck:
    year: int | None
    actions: list[ActionCheck] = field(default_factory=list)
    warnings: list[Advice] = field(default_factory=list)

    @property
    def score(self) -> float | None:
        """The mean of the actions' scores; None when there is no action to judge."""
        if not self.actions:
            return None
        return sum(action.score for action in self.actions) / len(self.actions)

    def as_dict(self) -> dict:
        """For the CLI's --json: codes and French reasons."""
        return {
            "year": self.year,
            "score": None if self.score is None else round(self.score, 4),
            "actions": [{"action_id": action.action_id, "name": action.name, "score": round(action.score, 4),
                         "answered": action.answered,
                         "answers": {answer.question: {"answered": answer.answered, "reason": answer.reason}
                                     for answer in action.answers}}
                        for action in self.actions],
            "warnings": [{"kind": advice.kind, "action_id": advice.action_id, "metric": advice.metric,
                          "message": advice.message} for advice in self.warnings],
        }


# -- the check, from plain frames ---------------------------------------------------------------------------------

def check_plan(actions: pd.DataFrame, targets: pd.DataFrame, year: int | None, named_pairs=()) -> SmartCheck:
    """Judge every action of `actions` against `targets` of `year` (all years when None); `named_pairs`: (action,
    indicator) pairs the plan names without any figure (a file's row whose cells are all empty)."""
    actions = _actions(actions)
    targets = _targets(targets, year)
    figures = {pair: {} for pair in zip(targets["action_id"], targets["metric"])}  # pair → {month: non-zero figure}
    values = targets["value"].fillna(0)
    totals = targets[(values != 0).to_numpy()].groupby(["action_id", "metric", "month"], sort=False)["value"].sum()
    for (action_id, metric, month), total in totals.items():  # a few thousand pairs × months, not every row
        figures[(action_id, metric)][month] = float(total)
    for action_id, metric in named_pairs:
        if action_id is not None:
            figures.setdefault((action_id, metric), {})
    by_action: dict[str, dict] = {}
    for (action_id, metric), months in figures.items():
        by_action.setdefault(action_id, {})[metric] = months
    check = SmartCheck(year)
    for row in actions.itertuples(index=False):
        action, advice = _judge(row, by_action.get(row.action_id, {}), year)
        check.actions.append(action)
        check.warnings.extend(advice)
    return check


def _judge(row, objectives: dict, year: int | None) -> tuple[ActionCheck, list[Advice]]:
    """The five answers of one action and its warnings; `objectives`: metric → {month: non-zero figure}."""
    advice = []
    who = [] if _given(row.owner) else [Gap(NO_OWNER, "aucun responsable")]
    what = [] if _given(row.name) else [Gap(NO_NAME, "action sans nom")]
    if not objectives:
        what.append(Gap(NO_INDICATOR, "aucun indicateur (pas de ligne dans Objectifs)"))
    how_much = []
    for metric, months in sorted(objectives.items()):
        if not months:
            how_much.append(Gap(NO_VALUE, f"objectif {_of(metric)} sans valeur", metric))
            advice.append(Advice(NO_VALUE, row.action_id, metric,
                                 f"objectif {_of(metric)} sans valeur"
                                 f"{f' en {year}' if year else ''} (0 ou vide sur toute l'année) : indiquez le "
                                 "chiffre visé, ou retirez la ligne."))
    budget = row.budget
    if budget is None or budget != budget:
        how_much.append(Gap(NO_BUDGET, "aucun budget"))
    how = [] if _given(row.channel) else [Gap(NO_CHANNEL, "aucun canal")]
    when = _when(row, objectives, year, advice)
    if budget == budget and budget is not None and budget > 0 and not any(
            months and _family(metric) == "performance" for metric, months in objectives.items()):
        advice.append(Advice(BUDGET_WITHOUT_RESULT, row.action_id, None,
                             f"budget de {fmt.euros(budget)} sans objectif de résultat (chiffre "
                             "d'affaires, nouveaux clients…) : son retour sur investissement ne pourra pas être "
                             "mesuré."))
    answers = tuple(Answer(question, tuple(gaps))
                    for question, gaps in zip(QUESTIONS, (who, what, how_much, how, when)))
    return ActionCheck(row.action_id, row.name if _given(row.name) else None, answers), advice


def _when(row, objectives: dict, year: int | None, advice: list) -> list[Gap]:
    """Dates given, objectives phased in time, no activity year lumped in December."""
    start, end = row.start_date, row.end_date
    gaps = []
    if start is None and end is None:
        gaps.append(Gap(NO_DATES, "aucune date"))
    elif start is None:
        gaps.append(Gap(NO_START, "aucune date de début"))
    elif end is None:
        gaps.append(Gap(NO_END, "aucune date de fin"))
    lumped = []
    starts_in_december = start is not None and start.month == 12 and (year is None or start.year == year)
    for metric, months in sorted(objectives.items()):
        if months and _family(metric) == "activité" and not starts_in_december and all(
                month.month == 12 for month in months):
            lumped.append(metric)
            gaps.append(Gap(DECEMBER, f"objectif {_of(metric)} tout en décembre", metric))
            total = sum(months.values())
            advice.append(Advice(DECEMBER, row.action_id, metric,
                                 f"objectif {_of(metric)} tout en décembre "
                                 f"({fmt.number(total)} sur l'année) : répartissez-le sur les mois de l'action, "
                                 "pour le suivre mois par mois."))
    every_month = {month for months in objectives.values() for month in months}
    one_off = start is not None and end is not None and (start.year, start.month) == (end.year, end.month)
    if len(every_month) == 1 and not one_off and not lumped:
        only, = every_month
        gaps.append(Gap(NOT_PHASED, f"objectifs tous en {fmt.month(only, long=True)}, non répartis dans le temps"))
    return gaps


def _of(metric: str) -> str:
    """« de rendez-vous », « d'appels », « de chiffre d'affaires »: the indicator's label after « objectif »."""
    known = METRICS_BY_CODE.get(metric)
    label = known.label_fr if known else metric
    label = label[:1].lower() + label[1:]
    return f"d'{label}" if label[:1] in "aeiouyéèêàâîôû" else f"de {label}"


def _family(metric: str) -> str | None:
    known = METRICS_BY_CODE.get(metric)
    return known.family if known else None


def _given(text) -> bool:
    return text is not None and text == text and bool(str(text).strip())


def _date(value) -> datetime.date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    stamp = pd.Timestamp(value)
    return None if pd.isna(stamp) else stamp.date()


def _actions(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns the check reads, dates as datetime.date (or None), budget as float (NaN when empty)."""
    frame = frame.reset_index(drop=True)
    out = pd.DataFrame({name: (frame[name] if name in frame else pd.Series([None] * len(frame), dtype=object))
                        for name in ACTION_COLUMNS})
    out = out.astype(object)
    for name in ("start_date", "end_date"):
        out[name] = pd.Series([_date(value) for value in out[name]], index=out.index, dtype=object)
    out["budget"] = pd.to_numeric(out["budget"], errors="coerce").astype(float)
    out["action_id"] = out["action_id"].astype(str)
    return out


def _targets(frame: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """action_id, metric, month (datetime.date), value of the year's rows that belong to an action."""
    if frame is None or frame.empty:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in TARGET_COLUMNS})
    months = pd.to_datetime(frame["month"])
    keep = frame["action_id"].notna().to_numpy().copy()
    if year is not None:
        keep &= (months.dt.year == year).to_numpy()
    return pd.DataFrame({"action_id": frame["action_id"].astype(object).to_numpy()[keep],
                         "metric": frame["metric"].astype(object).to_numpy()[keep],
                         "month": months[keep].dt.date.to_numpy(),
                         "value": pd.to_numeric(frame["value"], errors="coerce").to_numpy(dtype=float)[keep]})


# -- the database's plan of a year, and an import merged with it --------------------------------------------------

_ACTIONS_SQL = "SELECT action_id, name, channel, owner, start_date, end_date, budget FROM main.actions"


def check_store(store, year: int) -> SmartCheck:
    """The current plan of `year` (main.actions, main.targets: the plan version in force)."""
    actions = store.query(_ACTIONS_SQL + " ORDER BY action_id")
    targets = store.query("SELECT action_id, metric, month, value FROM main.targets WHERE action_id IS NOT NULL")
    return check_plan(_actions_of_year(actions, targets, year), targets, year)


def _actions_of_year(actions: pd.DataFrame, targets: pd.DataFrame, year: int) -> pd.DataFrame:
    """A target in the year; or, with none in another year, dates overlapping it (a missing date is open)."""
    target_years = pd.to_datetime(targets["month"]).dt.year
    in_year = set(targets.loc[(target_years == year).to_numpy(), "action_id"])
    elsewhere = set(targets.loc[(target_years != year).to_numpy(), "action_id"])
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    keep = []
    for row in _actions(actions).itertuples(index=False):
        overlaps = ((row.start_date is None or row.start_date <= last)
                    and (row.end_date is None or row.end_date >= first))
        keep.append(row.action_id in in_year or (overlaps and row.action_id not in elsewhere))
    return actions.reset_index(drop=True)[keep]


def check_batch(store, batch) -> SmartCheck:
    """The actions an import speaks for, as they will be once imported (`store` None: a file checked alone).

    Its actions replace the database's by ID; its targets replace the database's within its (action, indicator)
    pairs and months (pac_core.store's rule). An import of Objectifs alone is judged with the database's actions."""
    tables = batch.tables
    year = batch.plan_year
    file_actions = tables.get("actions")
    file_targets = tables.get("targets")
    scope_pairs = {pair for pair in batch.scope_pairs.get("targets", set()) if pair[0] is not None}
    scope_months = set(batch.scope_months.get("targets", set()))
    if year is None and file_targets is not None and len(file_targets):
        year = int(pd.to_datetime(file_targets["month"]).dt.year.max())
    touched = [] if file_actions is None else [str(a) for a in file_actions["action_id"] if a is not None]
    if year is None or any(month.year == year for month in scope_months):
        touched += sorted({action_id for action_id, _ in scope_pairs} - set(touched))
    else:
        scope_pairs = set()  # history figures only (an earlier year): nothing of the plan year changes
    if not touched:
        return SmartCheck(year)
    stored_actions = store.query(_ACTIONS_SQL + " WHERE list_contains($ids, action_id)", {"ids": touched}) \
        if store is not None else pd.DataFrame(columns=list(ACTION_COLUMNS))
    stored_targets = store.query(
        "SELECT action_id, metric, month, value FROM main.targets WHERE list_contains($ids, action_id)"
        + ("" if year is None else " AND year(month) = $year"),
        {"ids": touched, **({} if year is None else {"year": year})}) \
        if store is not None else pd.DataFrame(columns=list(TARGET_COLUMNS))
    actions = _merged_actions(stored_actions, file_actions)
    actions = actions[actions["action_id"].astype(str).isin(touched)]
    order = {action_id: position for position, action_id in enumerate(touched)}
    actions = actions.iloc[sorted(range(len(actions)), key=lambda i: order[str(actions["action_id"].iat[i])])]
    targets = _merged_targets(stored_targets, file_targets, scope_pairs, scope_months)
    return check_plan(actions, targets, year, named_pairs=scope_pairs)


def _merged_actions(stored: pd.DataFrame, incoming: pd.DataFrame | None) -> pd.DataFrame:
    stored = _actions(stored)
    if incoming is None or incoming.empty:
        return stored
    incoming = _actions(incoming)
    kept = stored[~stored["action_id"].isin(set(incoming["action_id"]))]
    return pd.concat([kept, incoming], ignore_index=True)


def _merged_targets(stored: pd.DataFrame, incoming: pd.DataFrame | None, pairs: set, months: set) -> pd.DataFrame:
    stored = _targets(stored, None)
    if incoming is None or incoming.empty:
        incoming = _targets(None, None)
    else:
        incoming = _targets(incoming, None)
    months = {pd.Timestamp(month).date() for month in months}
    replaced = [(action_id, metric) in pairs and month in months
                for action_id, metric, month in zip(stored["action_id"], stored["metric"], stored["month"])]
    kept = stored[[not flag for flag in replaced]]
    return pd.concat([kept, incoming], ignore_index=True)
