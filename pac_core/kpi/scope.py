"""What every KPI query takes: the as-of month, the plan version, filters on actions, status thresholds.

Filters are passed to SQL as list parameters, never spliced into it: `filter_condition()` is the one place
that turns a Scope's filters into a condition (on main.actions, or on a table carrying copies of the actions'
attributes: the objective grid, the budget base).
"""

import datetime
from dataclasses import dataclass, field, replace

from pac_core import clock
from pac_core.kpi import grid_sql
from pac_core.kpi.options import available_months, default_month
from pac_core.store import Store

ON_TRACK, WATCH, OFF_TRACK = "on_track", "watch", "off_track"
STATUS_LABELS = {ON_TRACK: "En bonne voie", WATCH: "À surveiller", OFF_TRACK: "En retard", None: "—"}

# Filterable columns of main.actions (identifiers come only from here, never from a user).
FILTER_COLUMNS = ("lever", "channel", "owner", "kind", "segment", "status", "action_id")
# The same attributes in the objective grid (kpi/objective_grid.py), `g` in objectives.sql.
GRID_COLUMNS = {column: f"g.{'action_status' if column == 'status' else column}" for column in FILTER_COLUMNS}


@dataclass(frozen=True)
class Filters:
    """Each filter keeps the actions whose column is one of the values; an empty tuple keeps all."""

    lever: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    segment: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    action_id: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return any(getattr(self, column) for column in FILTER_COLUMNS)


@dataclass(frozen=True)
class Scope:
    as_of: datetime.date | None = None  # first day of the as-of month; None: the last month with results
    plan_version: int | None = None  # None: the current version
    filters: Filters = field(default_factory=Filters)
    on_track: float = 0.95  # pace from which an objective is on track
    watch: float = 0.80  # pace from which it is to watch (below: off track)

    @property
    def year(self) -> int:
        return self.as_of.year


def resolve(store: Store, scope: Scope | None = None) -> Scope:
    """Fill the defaults from the data: the last month with results, the current plan version."""
    scope = scope or Scope()
    as_of = scope.as_of
    if as_of is None:
        as_of = default_month(available_months(store))
        if as_of is None:
            as_of = store.scalar("SELECT min(month) FROM main.plan_targets")
        as_of = as_of.date() if hasattr(as_of, "date") else as_of
        as_of = as_of or clock.today()
    version = scope.plan_version or store.current_plan_version()
    return replace(scope, as_of=as_of.replace(day=1), plan_version=version)


def scoped_actions_sql(scope: Scope | None = None) -> tuple[str, dict]:
    """SELECT of the actions the filters keep, and its named parameters ($filter_lever…)."""
    filters = scope.filters if scope is not None else Filters()
    params = {f"filter_{column}": list(getattr(filters, column)) for column in FILTER_COLUMNS}
    return "SELECT * FROM main.actions WHERE " + filter_condition(filters), params


def filter_condition(filters: Filters, columns: dict[str, str] | None = None) -> str:
    """The filters that are set, as one SQL condition on the columns holding each attribute of an action: those
    of main.actions, or `columns` for a table carrying copies of them (the objective grid filters its own rows
    rather than joining 75 000 of them to the scoped actions). No filter set: `true`, nothing to plan or test."""
    columns = columns or {}
    return " AND ".join(f"list_contains($filter_{column}::VARCHAR[], {columns.get(column, column)})"
                        for column in FILTER_COLUMNS if getattr(filters, column)) or "true"


def scope_params(scope: Scope) -> dict:
    """The named parameters every KPI query may use: $as_of, $version, $on_track, $watch, the filters, and
    $metrics (the indicators objectives.sql computes; empty: all — a caller needing fewer passes its own)."""
    _, filters = scoped_actions_sql(scope)
    return {"as_of": scope.as_of, "version": scope.plan_version, "on_track": scope.on_track,
            "watch": scope.watch, "metrics": [], **filters}


def kpi_sql(text: str, scope: Scope) -> tuple[str, dict]:
    """A KPI query's text with the scoped actions ({scoped_actions}: their SELECT; {scoped_grid}: the condition
    on objective grid rows) and the grid expressions of the as-of month spliced in (fixed SQL, no user data),
    and its parameters."""
    scoped_sql, _ = scoped_actions_sql(scope)
    text = text.replace("{scoped_actions}", scoped_sql).replace("{scoped_grid}",
                                                                    filter_condition(scope.filters, GRID_COLUMNS))
    return grid_sql.splice(text, scope.as_of), scope_params(scope)


def status_of(pace: float | None, scope: Scope) -> str | None:
    """on_track / watch / off_track from the pace; None without a pace."""
    if pace is None:
        return None
    if pace >= scope.on_track:
        return ON_TRACK
    return WATCH if pace >= scope.watch else OFF_TRACK


def grouping(by: str, dimensions: tuple[str, ...], attributes: tuple[str, ...], what: str) -> tuple[str, str, str]:
    """(group expression, extra attribute columns, output name of the key) for grouping a KPI by `by`:
    'company' is one group named 'Entreprise'; by action, the action's `attributes` come along.
    Identifiers come only from the caller's fixed lists, never from a user."""
    if by not in dimensions:
        raise ValueError(f"unknown {what} dimension: {by}")
    if by == "company":
        return "'Entreprise'", "", "scope"
    extra = "".join(f"any_value({column}) AS {column}, " for column in attributes) if by == "action_id" else ""
    return by, extra, by
