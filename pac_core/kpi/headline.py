"""The headline figures of the plan at the last month with results (the overview's top line)."""

import datetime
from dataclasses import dataclass

from pac_core.formatting import ratio
from pac_core.store import Store

HEADLINE_SQL = """
WITH as_of AS (
    SELECT max(month) AS month FROM main.results WHERE action_id IS NOT NULL
),
actual AS (
    SELECT metric, sum(value) AS to_date FROM main.results, as_of
    WHERE action_id IS NOT NULL AND results.month <= as_of.month
      AND year(results.month) = year(as_of.month)
    GROUP BY metric
),
target AS (
    SELECT metric,
           sum(value) FILTER (WHERE targets.month <= as_of.month) AS to_date,
           sum(value) AS year_total
    FROM main.targets, as_of
    WHERE year(targets.month) = year(as_of.month)
    GROUP BY metric
)
SELECT
    (SELECT month FROM as_of) AS as_of,
    (SELECT to_date FROM actual WHERE metric = 'ca') AS revenue_to_date,
    (SELECT to_date FROM target WHERE metric = 'ca') AS revenue_target_to_date,
    (SELECT year_total FROM target WHERE metric = 'ca') AS revenue_target_year,
    (SELECT to_date FROM actual WHERE metric = 'contacts') AS contacts_to_date,
    (SELECT to_date FROM target WHERE metric = 'contacts') AS contacts_target_to_date,
    (SELECT to_date FROM actual WHERE metric = 'nouveaux_clients') AS new_clients_to_date,
    (SELECT to_date FROM target WHERE metric = 'nouveaux_clients') AS new_clients_target_to_date,
    (SELECT to_date FROM actual WHERE metric = 'cout') AS cost_to_date,
    (SELECT sum(budget) FROM main.actions) AS budget_year,
    (SELECT count(*) FROM main.actions) AS action_count
"""

ACTIVE_CLIENTS_SQL = """
SELECT value FROM main.results
WHERE action_id IS NULL AND metric = 'clients_actifs'
ORDER BY month DESC LIMIT 1
"""


@dataclass(frozen=True)
class Headline:
    as_of: datetime.date | None
    revenue_to_date: float | None
    revenue_target_to_date: float | None
    revenue_target_year: float | None
    contacts_to_date: float | None
    contacts_target_to_date: float | None
    new_clients_to_date: float | None
    new_clients_target_to_date: float | None
    cost_to_date: float | None
    budget_year: float | None
    action_count: int
    active_clients: float | None

    @property
    def revenue_pace(self):
        """Pace = actual to date / target to date (None when there is no target to date)."""
        return ratio(self.revenue_to_date, self.revenue_target_to_date)

    @property
    def contacts_pace(self):
        return ratio(self.contacts_to_date, self.contacts_target_to_date)

    @property
    def new_clients_pace(self):
        return ratio(self.new_clients_to_date, self.new_clients_target_to_date)

    @property
    def budget_consumed(self):
        return ratio(self.cost_to_date, self.budget_year)


def headline(store: Store) -> Headline:
    row = store.query(HEADLINE_SQL).iloc[0].to_dict()
    clients = store.query(ACTIVE_CLIENTS_SQL)
    values = {key: (None if value != value else value) for key, value in row.items()}  # NaN → None
    as_of = values["as_of"]
    values["as_of"] = None if as_of is None else as_of.date() if hasattr(as_of, "date") else as_of
    values["action_count"] = int(values["action_count"] or 0)
    return Headline(**values, active_clients=None if clients.empty else float(clients.iloc[0, 0]))
