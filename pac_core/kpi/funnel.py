"""The pipeline at the as-of month: opportunities that reached each stage, conversion from stage to stage,
win rate, cycle time and pipeline value weighted by the win probability of each stage.

The one definition of each figure is sql/funnel.sql; its named queries are put together here.
"""

import re
from pathlib import Path

import pandas as pd

from pac_core.kpi.scope import Scope, resolve, scope_params, scoped_actions_sql
from pac_core.store import Store
from pac_core.tables import LOST_STAGE, OPPORTUNITY_STATUSES, PIPELINE_STAGES

SQL = (Path(__file__).parent / "sql" / "funnel.sql").read_text(encoding="utf-8")
QUERIES = dict(re.findall(r"^-- name: (\w+)\n(.*?)(?=^-- name: |\Z)", SQL, flags=re.MULTILINE | re.DOTALL))

# Win probability of an open opportunity at each stage when closed ones say nothing (see sql/funnel.sql).
DEFAULT_STAGE_PROBABILITIES = (0.10, 0.25, 0.50, 0.75, 1.00)
assert len(DEFAULT_STAGE_PROBABILITIES) == len(PIPELINE_STAGES)

# What an opportunity is grouped by (identifiers from here only): the opportunity's own channel, else its action's.
GROUPS = {None: "NULL::VARCHAR", "channel": "coalesce(o.channel, a.channel)", "action_id": "o.action_id"}
# Spliced into the tally only when needed (fixed SQL): the actions, for their channel; the scope, when a filter is
# active (without one every opportunity counts, one without an action too).
JOIN_ACTIONS = "LEFT JOIN main.actions AS a ON a.action_id = o.action_id"
IN_SCOPE = "AND o.action_id IN (SELECT action_id FROM scoped)"


def _query(final: str, scope: Scope, by: str | None) -> tuple[str, dict]:
    if by not in GROUPS:
        raise ValueError(f"unknown pipeline grouping: {by}")
    scoped_sql, _ = scoped_actions_sql(scope)
    ctes = {"stage": QUERIES["stage"],
            "tally": QUERIES["tally"].replace("{scoped_actions}", scoped_sql).replace("{group}", GROUPS[by])
                     .replace("{join_actions}", JOIN_ACTIONS if by == "channel" else "")
                     .replace("{in_scope}", IN_SCOPE if scope.filters.active else ""),
            "grouping": QUERIES["grouping"],
            "probability": QUERIES["probability"]}
    sql = "WITH " + ",\n".join(f"{name} AS (\n{text}\n)" for name, text in ctes.items()) + "\n" + QUERIES[final]
    _open, won, lost = OPPORTUNITY_STATUSES
    params = {**scope_params(scope), "stages": list(PIPELINE_STAGES),
              "default_probabilities": list(DEFAULT_STAGE_PROBABILITIES), "won_status": won, "lost_status": lost,
              "lost_stage": LOST_STAGE, "grouped": by is not None}
    return sql, params


def _run(store: Store, final: str, scope: Scope | None, by: str | None) -> pd.DataFrame:
    sql, params = _query(final, resolve(store, scope), by)
    frame = store.query(sql, params)
    if "group_key" not in frame:
        return frame
    return frame.drop(columns="group_key") if by is None else frame.rename(columns={"group_key": by})


def funnel(store: Store, scope: Scope | None = None, by: str | None = None) -> pd.DataFrame:
    """One row per stage in order (per group when `by` is 'channel' or 'action_id'): stage_number, stage,
    reached, conversion from the previous stage (NaN when undefined), amount that reached it."""
    return _run(store, "funnel", scope, by)


def pipeline_summary(store: Store, scope: Scope | None = None, by: str | None = None) -> pd.DataFrame:
    """One row (per group when `by` is given): opportunities, open, won, lost, win_rate, won_value,
    average_cycle_days, open_value, weighted_value."""
    return _run(store, "summary", scope, by)


def stage_probabilities(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """The win probability given to each stage for the weighted value, with what it rests on
    (closed opportunities, observed bounds, default) so that a page can explain it."""
    return _run(store, "probabilities", scope, None)


__all__ = ["funnel", "pipeline_summary", "stage_probabilities", "DEFAULT_STAGE_PROBABILITIES"]
