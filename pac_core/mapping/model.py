"""What a column mapping is: plain data, saved as JSON, that says how a foreign file becomes our tables.

A `Mapping` is for one sheet of one kind of file (its `signature` is the folded, sorted headers); it
may fill several of our tables at once (a campaigns export gives results and targets). Their labels
are translated through `value_maps`, keyed by their header then by the folded label.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from pac_core.text import fold

# What a file can be mapped into (our table names, pac_core.tables).
RESULTS = "results"
TARGETS = "targets"
ACTIONS = "actions"
OPPORTUNITIES = "opportunities"
KINDS = (RESULTS, TARGETS, ACTIONS, OPPORTUNITIES)
KIND_LABELS = {RESULTS: "Réalisé", TARGETS: "Objectifs", ACTIONS: "Actions", OPPORTUNITIES: "Pipeline (opportunités)"}

# How a measure turns rows into a monthly figure.
SUM = "sum"  # the column's numbers are added up per action, indicator and month
COUNT = "count"  # rows are counted (one deal = 1), the column is not read

IGNORE = ""  # in a value map: rows with this label are left out on purpose
NO_ACTION = "-"  # in an action's value map: rows kept without an action (a company-wide figure, a deal of no action)

FORMAT_VERSION = 1


@dataclass
class Measure:
    """One of their figures and the indicator it feeds (results and targets in rows)."""

    metric: str | None  # our metric code; None: taken from the row's indicator column (`columns["metric"]`)
    column: str | None  # their header holding the figure; None when counting rows
    how: str = SUM


@dataclass
class TableMapping:
    """How one of our tables is filled from the file.

    `columns`: our field → their header. For results and targets: "action_id" (the column whose labels
    find the action), "period" (a date, a month, a quarter…), optionally "period_end" (then a row's figure
    is spread evenly over the months from period to period_end) and "metric". For actions and
    opportunities: any field of pac_core.tables.ACTIONS / PIPELINE. "year" (results and targets) names a
    year column read with the month of "period" (« Année » 2026 and « Mois » « mars » or 3).

    The file's layout (pac_core.mapping.layout): `fill_down` headers whose blank cells take the value
    above (a label written once per block); `period_value` the month or period of every row when no
    column gives it (« T1 2026 », « 01/01/2026-31/03/2026 »); `blocks` the labels written above the
    month columns (« 2021 », « Région Nord ») whose columns are imported, every block when empty.
    """

    table: str
    columns: dict[str, str] = field(default_factory=dict)
    measures: list[Measure] = field(default_factory=list)  # long layout (results/targets)
    month_columns: list[str] = field(default_factory=list)  # wide layout: their month headers (« janv. »…)
    metric: str | None = None  # wide layout: the indicator of every row, when no column gives it
    action_id: str | None = None  # one action for every row, when no column gives it
    row_filter: dict[str, list[str]] = field(default_factory=dict)  # their header → folded labels kept
    fill_down: list[str] = field(default_factory=list)  # their headers whose blank cells repeat the one above
    period_value: str | None = None  # the whole file's month or period, when no column gives it
    blocks: list[str] = field(default_factory=list)  # what is written above the month columns to import

    @property
    def is_wide(self) -> bool:
        return bool(self.month_columns)


@dataclass
class Mapping:
    """A foreign file's recipe: the tables it fills and the translation of its labels."""

    tables: list[TableMapping]
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)  # their header → folded label → ours
    ignore_unmapped: bool = False  # rows whose label has no translation are left out (warning) instead of refused
    # What the user decided about their cells (pac_core.mapping.prepare), applied before any figure is read:
    number_formats: dict[str, str] = field(default_factory=dict)  # their header → "fr" (1 234,5) or "en" (1,234.5)
    date_orders: dict[str, str] = field(default_factory=dict)  # their header → "dmy" or "mdy"
    cell_fixes: list[dict] = field(default_factory=list)  # prepare.cell_fix(): a corrected, blanked or skipped cell
    skip_invalid: bool = False  # rows with an error are left out (listed) instead of refusing the file
    sum_duplicates: bool = False  # identical rows are all counted (distinct sales) instead of once
    # rows of another year than the plan's: "history" (earlier years kept as history, later ones left out),
    # "skip", or "shift" into the plan year
    outside_year: str = "history"
    # What the file adds to the plan (pac_core.mapping.create), created by the import that first needs it:
    new_actions: dict[str, dict] = field(default_factory=dict)  # action ID → {"name", "channel", "owner"}
    new_metrics: list[dict] = field(default_factory=list)  # {"code", "label_fr", "unit", "family", "aggregation"…}
    signature: str = ""
    name: str = ""

    def table(self, name: str) -> TableMapping | None:
        return next((part for part in self.tables if part.table == name), None)

    def set_value(self, header: str, label: object, value: str) -> None:
        """Translate one of their labels (any case, spaces or accents) to one of our values."""
        self.value_maps.setdefault(header, {})[fold(label)] = value

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT_VERSION, **asdict(self)}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        data = json.loads(text)
        data.pop("format", None)
        tables = [TableMapping(**{**part, "measures": [Measure(**m) for m in part.get("measures", [])]})
                  for part in data.pop("tables")]
        return cls(tables=tables, **data)


def signature(headers) -> str:
    """The file's columns, folded and sorted: the same export next month has the same signature."""
    return "|".join(sorted({fold(header) for header in headers if fold(header)}))
