"""A database holding the plan that the foreign files point at (tests/files/foreign/make_foreign.py)."""

import pytest

from pac_core.mapping import known_actions
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.builders import ACTION_HEADERS, action_row, workbook
from tests.files.foreign.make_foreign import PLAN_ACTIONS


def import_plan(store: Store, folder) -> None:
    """The plan's actions (PLAN_ACTIONS), imported from a workbook written in `folder`."""
    plan = workbook(folder / "plan.xlsx", {"Actions": [ACTION_HEADERS] + [
        action_row(action_id, name, channel=channel, owner=owner) for action_id, name, channel, owner in PLAN_ACTIONS]})
    validation = validate_files([plan], store.context())
    assert validation.ok, [issue.message for issue in validation.errors]
    store.import_batch(validation.batch, user="test")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pac.duckdb") as opened:
        import_plan(opened, tmp_path)
        yield opened


@pytest.fixture
def actions(store):
    return known_actions(store)


def figures(store, table="results", metric=None):
    """{(action_id, metric, 'YYYY-MM'): value} of the current data."""
    frame = store.query(f"SELECT action_id, metric, strftime(month, '%Y-%m') AS month, value FROM {table}"
                        + (" WHERE metric = ?" if metric else ""), [metric] if metric else [])
    return {(row.action_id, row.metric, row.month): round(row.value, 6) for row in frame.itertuples(index=False)}


def messages(validation):
    return [issue.message for issue in validation.errors]


def imported(store, table, mapping, actions):
    """The mapping applied and its batch imported; the validation, for its warnings."""
    from pac_core.mapping import apply

    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch, user="test")
    return validation


def summary(mapping):
    """(kind, our field → their column, [(indicator, their column)]) of each table the mapping fills."""
    return [(part.table, part.columns, [(m.metric, m.column) for m in part.measures]) for part in mapping.tables]
