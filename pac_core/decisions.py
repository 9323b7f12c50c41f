"""Reading the decisions taken on the plan (maintenir, renforcer, réduire, arrêter…), newest first.

Recording them is the quarterly review's job (a later issue); until then main.decisions is empty.
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
