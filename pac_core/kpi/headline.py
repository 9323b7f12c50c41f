"""The headline figures of the plan at the as-of month (the overview's top line), taken from the KPI
engine's one definition of each number: objective vs actual, budget, strategic objectives."""

import datetime
from dataclasses import dataclass, replace

from pac_core.kpi.budget import budget
from pac_core.kpi.objectives import rollup
from pac_core.kpi.scope import Scope, resolve
from pac_core.store import Store


@dataclass(frozen=True)
class Headline:
    as_of: datetime.date | None  # None: no result imported yet
    revenue_to_date: float | None
    revenue_target_to_date: float | None
    revenue_target_year: float | None
    revenue_pace: float | None
    contacts_to_date: float | None
    contacts_target_to_date: float | None
    contacts_pace: float | None
    new_clients_to_date: float | None
    new_clients_target_to_date: float | None
    new_clients_pace: float | None
    cost_to_date: float | None
    budget_year: float | None
    budget_consumed: float | None
    action_count: int
    active_clients: float | None


def _plain(value):
    return None if value is None or value != value else float(value)


def headline(store: Store, scope: Scope | None = None) -> Headline:
    has_results = store.scalar("SELECT count(*) FROM main.results") > 0
    scope = resolve(store, scope)
    company = rollup(store, scope).set_index("metric")
    money = budget(store, scope, by="company")

    def figure(metric, column):
        return _plain(company.loc[metric, column]) if metric in company.index else None

    clients = store.query("SELECT value FROM main.results WHERE action_id IS NULL AND metric = 'clients_actifs' "
                          "AND month <= $as_of ORDER BY month DESC LIMIT 1", {"as_of": scope.as_of})
    spent = _plain(money["spent"].iloc[0]) if len(money) else None
    return Headline(
        as_of=scope.as_of if has_results else None,
        revenue_to_date=figure("ca", "actual_to_date"), revenue_target_to_date=figure("ca", "target_to_date"),
        revenue_target_year=figure("ca", "target_year"), revenue_pace=figure("ca", "pace"),
        contacts_to_date=figure("contacts", "actual_to_date"),
        contacts_target_to_date=figure("contacts", "target_to_date"), contacts_pace=figure("contacts", "pace"),
        new_clients_to_date=figure("nouveaux_clients", "actual_to_date"),
        new_clients_target_to_date=figure("nouveaux_clients", "target_to_date"),
        new_clients_pace=figure("nouveaux_clients", "pace"),
        cost_to_date=spent, budget_year=_plain(money["planned"].iloc[0]) if len(money) else None,
        budget_consumed=_plain(money["consumption"].iloc[0]) if len(money) else None,
        action_count=int(store.scalar("SELECT count(*) FROM main.actions")),
        active_clients=None if clients.empty else float(clients.iloc[0, 0]))


def last_year(store: Store, scope: Scope | None = None) -> Headline | None:
    """The same figures at the same month of the year before (N−1, DESIGN.md), by the same definitions; None when
    that year has no result."""
    scope = resolve(store, scope)
    earlier = replace(scope, as_of=scope.as_of.replace(year=scope.as_of.year - 1))
    if not store.scalar("SELECT count(*) FROM main.results WHERE year(month) = ?", [earlier.as_of.year]):
        return None
    return headline(store, earlier)
