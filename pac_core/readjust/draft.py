"""The decisions being edited at a review (a Draft), their projected effect (an Effect), and what saving them
writes: the new version's changed targets, the changed or new actions and the decisions log."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pandas as pd

from pac_core.readjust.figures import months_after
from pac_core.readjust.projection import (MAINTAIN, NEW_ACTION, STOP, group_costs, objectives_after,
                                          project_actions, serving_actions, spread)

DECISION_COLUMNS = ["action_id", "decision", "new_budget", "comment", "owner"]
NEW_ACTION_COLUMNS = ["action_id", "name", "lever", "channel", "new_budget", "owner", "objective_ids", "comment"]
MONTH_COLUMNS = ["action_id", "metric", "month", "value"]
STOPPED_STATUS, NEW_STATUS = "Abandonnée", "Prévue"  # statuses of the template (tables.ACTION_STATUSES)
TOLERANCE = 1e-6


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})


@dataclass
class Draft:
    """What the review has decided so far; `month_targets` are monthly targets typed by hand (they replace the
    ones computed from the budget for their action × indicator)."""

    decisions: pd.DataFrame = field(default_factory=lambda: _empty(DECISION_COLUMNS))
    new_actions: pd.DataFrame = field(default_factory=lambda: _empty(NEW_ACTION_COLUMNS))
    month_targets: pd.DataFrame = field(default_factory=lambda: _empty(MONTH_COLUMNS))


@dataclass
class Effect:
    actions: pd.DataFrame  # per action × indicator: budget, remaining target and forecast before and after
    monthly: pd.DataFrame  # the remaining months' targets after the decisions (flows), action × indicator × month
    objectives: pd.DataFrame  # strategic objectives' forecast before and after
    budget_before: float
    budget_after: float


def _typed_totals(month_targets: pd.DataFrame) -> dict:
    if month_targets.empty:
        return {}
    return month_targets.groupby(["action_id", "metric"])["value"].sum().to_dict()


def _new_action_figures(new_actions: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """A new action as review figures: nothing done, nothing spent, no target yet, its channel's (else its
    lever's) cost per result on every indicator observed there; the plan assumed kept (pace 1)."""
    channel, lever = group_costs(figures, "channel"), group_costs(figures, "lever")
    labels = figures.drop_duplicates("metric").set_index("metric")[["metric_label", "unit"]].to_dict("index")
    rows = []
    for action in new_actions.to_dict("records"):
        for metric, described in labels.items():
            cost = channel.get((action["channel"], metric)) or lever.get((action["lever"], metric))
            if not cost:
                continue
            rows.append({"action_id": action["action_id"], "name": action["name"], "channel": action["channel"],
                         "lever": action["lever"], "owner": action["owner"], "metric": metric, "aggregation": "sum",
                         **described, "actual_to_date": 0.0, "target_to_date": None, "pace": None,
                         "target_remaining": 0.0, "forecast": 0.0, "planned": 0.0, "spent": 0.0,
                         "cost_per_result": cost, "cost_basis": "canal", "objective_ids": action["objective_ids"]})
    return pd.DataFrame(rows)


def project(figures: pd.DataFrame, strategic: pd.DataFrame, remaining: pd.DataFrame, draft: Draft,
            as_of: datetime.date) -> Effect:
    """The projected effect of a draft. `figures` is review_figures(...), `strategic` the engine's strategic
    objectives, `remaining` the current version's targets after the as-of month."""
    decisions = draft.decisions.copy()
    new = draft.new_actions[draft.new_actions["action_id"].notna()] if len(draft.new_actions) else draft.new_actions
    extra = _new_action_figures(new, figures) if len(new) else pd.DataFrame()
    if len(new):
        decisions = pd.concat([decisions, new.assign(decision=NEW_ACTION)[DECISION_COLUMNS]], ignore_index=True)
    everything = pd.concat([figures, extra], ignore_index=True) if len(extra) else figures
    actions = project_actions(everything, decisions, _typed_totals(draft.month_targets))
    monthly = monthly_targets(actions, remaining, draft.month_targets, as_of)
    action_table = everything.drop_duplicates("action_id")[["action_id", "objective_ids"]]
    serving = serving_actions(action_table, list(strategic["objective_id"]))
    objectives = objectives_after(strategic, actions, serving)
    budgets = actions.drop_duplicates("action_id")
    return Effect(actions, monthly, objectives, float(budgets["planned"].fillna(0).sum()),
                  float(budgets["budget_after"].fillna(0).sum()))


def monthly_targets(actions: pd.DataFrame, remaining: pd.DataFrame, typed: pd.DataFrame,
                    as_of: datetime.date) -> pd.DataFrame:
    """Every flow's remaining months after the decisions: typed by hand, else its remaining target spread like
    the old phasing (evenly over the action's months left, or the year's, when it had none)."""
    after = months_after(as_of)
    base = {key: dict(zip(group["month"], group["value"]))
            for key, group in remaining.groupby(["action_id", "metric"])} if len(remaining) else {}
    typed_keys = set(zip(typed["action_id"], typed["metric"])) if len(typed) else set()
    rows = []
    for row in actions[actions["aggregation"] == "sum"].to_dict("records"):
        key = (row["action_id"], row["metric"])
        if key in typed_keys:
            continue
        phasing = base.get(key, {})
        months = [m for m in after if phasing.get(m) is not None] if phasing else _active(row, after)
        for month, value in spread(row["remaining_after"] or 0.0, months or after, phasing).items():
            rows.append((*key, month, value))
    frame = pd.DataFrame(rows, columns=MONTH_COLUMNS)
    if len(typed):
        frame = pd.concat([frame, typed[MONTH_COLUMNS]], ignore_index=True)
    return frame.sort_values(["action_id", "metric", "month"]).reset_index(drop=True)


def _date(value) -> datetime.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _active(row: dict, months: list[datetime.date]) -> list[datetime.date]:
    """The months among `months` within the action's start and end."""
    start, end = _date(row.get("start_date")), _date(row.get("end_date"))
    return [m for m in months if (start is None or m >= start.replace(day=1)) and (end is None or m <= end)]


def target_changes(effect: Effect, remaining: pd.DataFrame) -> pd.DataFrame:
    """The monthly targets the new version changes: a different value, a new month, or a month dropped (NULL)."""
    old = {(a, m, month): value for a, m, month, value in remaining[MONTH_COLUMNS].itertuples(index=False)}
    new = {(a, m, month): value for a, m, month, value in effect.monthly[MONTH_COLUMNS].itertuples(index=False)}
    rows = [(*key, value) for key, value in new.items()
            if (key in old and abs(old[key] - value) > TOLERANCE) or (key not in old and abs(value) > TOLERANCE)]
    touched = {key[:2] for key in new}
    rows += [(*key, None) for key in old if key not in new and key[:2] in touched]
    return pd.DataFrame(rows, columns=MONTH_COLUMNS)


def changed_actions(effect: Effect, current_actions: pd.DataFrame, draft: Draft, as_of: datetime.date) -> pd.DataFrame:
    """Full rows of main.actions for the actions whose budget, status or end changes, and the new actions."""
    year_end = datetime.date(as_of.year, 12, 31)
    after = effect.actions.drop_duplicates("action_id").set_index("action_id")
    late = set(effect.monthly.loc[effect.monthly["value"] > TOLERANCE, "action_id"]) if len(effect.monthly) else set()
    rows = []
    for action in current_actions.to_dict("records"):
        if action["action_id"] not in after.index:
            continue
        projected = after.loc[action["action_id"]]
        changed = dict(action)
        if abs((projected["budget_after"] or 0) - (action["budget"] or 0)) > TOLERANCE:
            changed["budget"] = projected["budget_after"]
        if projected["decision"] == STOP:
            changed["status"] = STOPPED_STATUS
        end = _date(action["end_date"])
        if action["action_id"] in late and end is not None and end <= as_of.replace(day=28):
            changed["end_date"] = year_end  # budget given to a finished action: it runs again until December
        if changed != action:
            rows.append(changed)
    for new in draft.new_actions.to_dict("records"):
        if not new.get("action_id"):
            continue
        rows.append({"action_id": new["action_id"], "lever": new["lever"], "name": new["name"],
                     "channel": new["channel"], "kind": "Acquisition", "segment": None, "owner": new["owner"],
                     "start_date": months_after(as_of)[0] if months_after(as_of) else year_end,
                     "end_date": year_end, "budget": new["new_budget"], "status": NEW_STATUS,
                     "objective_ids": new["objective_ids"]})
    frame = pd.DataFrame(rows, columns=list(current_actions.columns))
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def decision_log(effect: Effect, draft: Draft) -> pd.DataFrame:
    """The decisions to record: every action whose decision is not « maintenir » at the same budget, every
    decision with a comment, and the new actions."""
    budgets = effect.actions.drop_duplicates("action_id").set_index("action_id")["budget_after"].to_dict()
    rows = []
    for decision in draft.decisions.to_dict("records"):
        kind = decision.get("decision") or MAINTAIN
        comment = (decision.get("comment") or "").strip()
        budget = budgets.get(decision["action_id"])
        planned = effect.actions.loc[effect.actions["action_id"] == decision["action_id"], "planned"]
        moved = len(planned) and abs((planned.iloc[0] or 0) - (budget or 0)) > TOLERANCE
        if kind != MAINTAIN or comment or moved:
            rows.append((decision["action_id"], kind, comment or None, decision.get("owner") or None, budget))
    for new in draft.new_actions.to_dict("records"):
        if new.get("action_id"):
            rows.append((new["action_id"], NEW_ACTION, (new.get("comment") or "").strip() or None,
                         new.get("owner") or None, new["new_budget"]))
    return pd.DataFrame(rows, columns=["action_id", "decision", "comment", "owner", "new_budget"])


def one_decision_effect(figures: pd.DataFrame, strategic: pd.DataFrame, remaining: pd.DataFrame, action_id: str,
                        decision: str, new_budget: float, as_of: datetime.date) -> Effect:
    """The effect of one decision alone, every other action kept: what a suggestion would change if taken."""
    actions = figures.drop_duplicates("action_id").sort_values("action_id")
    decisions = pd.DataFrame({"action_id": actions["action_id"], "decision": MAINTAIN,
                              "new_budget": actions["planned"].astype(float), "comment": "", "owner": ""})
    chosen = decisions["action_id"] == action_id
    decisions.loc[chosen, "decision"] = decision
    decisions.loc[chosen, "new_budget"] = float(new_budget)
    return project(figures, strategic, remaining, Draft(decisions=decisions.reset_index(drop=True)), as_of)


def same_month_targets(first: pd.DataFrame, second: pd.DataFrame) -> bool:
    """Whether two sets of typed monthly targets say the same (order aside): a grid typed again is no change."""
    def key(frame):
        return sorted((r["action_id"], r["metric"], r["month"], round(float(r["value"]), 6))
                      for r in frame[MONTH_COLUMNS].to_dict("records"))
    return key(first) == key(second)
