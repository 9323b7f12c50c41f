"""The import log as the Données page shows it: every import, undone ones included, with its scope."""

import json

import pandas as pd

from pac_core.store import Store


def import_log(store: Store) -> pd.DataFrame:
    """Every import, newest first; scope and row_counts parsed from their JSON text."""
    log = store.query("SELECT import_id, imported_at, imported_by, origin, file_names, scope, row_counts, warnings, "
                      "undone_at, undone_by FROM history.imports ORDER BY import_id DESC")
    log["scope"] = [json.loads(text) for text in log["scope"]]
    log["row_counts"] = [json.loads(text) for text in log["row_counts"]]
    return log


def undoable(log: pd.DataFrame) -> pd.DataFrame:
    """The imports that can still be undone."""
    return log[log["undone_at"].isna()]
