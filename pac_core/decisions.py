"""Reading the decisions taken on the plan (maintenir, renforcer, réduire, arrêter…), newest first.

They are recorded with a new plan version by the quarterly review (pac_core.access.save_plan_version); an undone
version takes its decisions with it.
"""

import pandas as pd

from pac_core.store import Store

DECISIONS_OF_ACTION_SQL = """
SELECT decision_id, action_id, decided_on, decision, comment, owner, new_budget, plan_version
FROM main.decisions
WHERE action_id = ?
ORDER BY decided_on DESC, decision_id DESC
"""


def action_decisions(store: Store, action_id: str) -> pd.DataFrame:
    """Every decision recorded for one action, the newest first (an empty frame when there is none)."""
    frame = store.query(DECISIONS_OF_ACTION_SQL, [action_id])
    frame["decided_on"] = pd.to_datetime(frame["decided_on"]).dt.date
    return frame


DECISIONS_UNTIL_SQL = """
SELECT d.decided_on, d.action_id, a.name, d.decision, d.comment, d.owner, d.new_budget
FROM main.decisions AS d LEFT JOIN main.actions AS a USING (action_id)
WHERE d.decided_on <= last_day(?)
ORDER BY d.decided_on DESC, d.decision_id DESC
LIMIT ?
"""


def decisions_until(store: Store, month, limit: int = 8) -> pd.DataFrame:
    """The newest decisions taken up to the end of `month`, with the action's name: what the monthly review
    recalls (the last ones first)."""
    frame = store.query(DECISIONS_UNTIL_SQL, [month, limit])
    frame["decided_on"] = pd.to_datetime(frame["decided_on"]).dt.date
    return frame


ALL_DECISIONS_SQL = """
SELECT d.decision_id, d.decided_on, d.plan_version, d.action_id, a.name, d.decision, d.new_budget, d.comment, d.owner
FROM main.decisions AS d LEFT JOIN main.actions AS a USING (action_id)
ORDER BY d.decided_on DESC, d.decision_id DESC
"""


def all_decisions(store: Store) -> pd.DataFrame:
    """Every decision in force (those of an undone plan version are left out), the newest first: the log the
    quarterly review shows and exports."""
    frame = store.query(ALL_DECISIONS_SQL)
    frame["decided_on"] = pd.to_datetime(frame["decided_on"]).dt.date
    return frame
