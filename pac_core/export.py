"""Exporting the current data as a workbook in the template's format, which re-imports to the same state."""

from pathlib import Path

import pandas as pd

from pac_core.store import Store

# The current data, in the template's columns (internal names), in a stable order.
EXPORT_QUERIES = {
    "strategic_objectives": "SELECT objective_id, label, metric, baseline, target, due_date "
                            "FROM main.strategic_objectives ORDER BY objective_id",
    "actions": "SELECT action_id, lever, name, channel, kind, segment, owner, start_date, end_date, budget, status, "
               "objective_ids FROM main.actions ORDER BY action_id",
    "targets": "SELECT action_id, metric, month AS period, value FROM main.targets "
               "ORDER BY action_id, metric, month",
    "results": "SELECT action_id, metric, month AS period, value FROM main.results "
               "ORDER BY action_id NULLS LAST, metric, month",
    "opportunities": "SELECT opportunity_id, account, action_id, channel, stage, amount, created_on, closed_on, status "
                     "FROM main.opportunities ORDER BY opportunity_id",
}


def current_tables(store: Store) -> dict[str, pd.DataFrame]:
    tables = {}
    for name, sql in EXPORT_QUERIES.items():
        frame = store.query(sql)
        for column in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[column]):
                frame[column] = [None if pd.isna(v) else v.date() for v in frame[column]]
        frame = frame.astype(object).where(frame.notna(), None)
        tables[name] = frame
    return tables


def export_workbook(store: Store, path: Path) -> None:
    from pac_core.io.xlsx_writer import write_workbook  # openpyxl: loaded when a file is written, not with every screen

    write_workbook(path, current_tables(store), instructions=None)
