"""AppTest runs the real app.py (navigation, filters) on a temporary database with the demo loaded."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
NNBSP, NBSP = "\u202f", "\u00a0"


_STARTED: list[AppTest] = []


def app_on(db, monkeypatch) -> AppTest:
    """The real app.py on the database file `db`, as `streamlit run` would start it from the repository."""
    monkeypatch.setenv("PAC_DB", str(db))
    monkeypatch.chdir(ROOT)
    app_test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    _STARTED.append(app_test)
    return app_test


@pytest.fixture(autouse=True)
def _close_stores():
    """After each test, close the databases its apps opened: a server closes them when it stops, and a store
    left open to the end of the run makes the DuckDB binding report leaked connections at exit."""
    yield
    import streamlit as st

    while _STARTED:
        app_test = _STARTED.pop()
        store = app_test.session_state["store"] if "store" in app_test.session_state else None
        if store is not None:
            store.close()
    st.cache_resource.clear()


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The app on a fresh database (the demo loads at first start). Use app.switch_page("screens/x.py")
    and app.query_params[...] before app.run()."""
    return app_on(tmp_path / "pac.duckdb", monkeypatch)


@pytest.fixture
def empty_app(tmp_path, monkeypatch):
    """The app on a database whose only import (the demo) was undone: no data, no demo reloaded."""
    from pac_core.demo_loader import load_demo
    from pac_core.store import Store

    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        load_demo(store)
        store.undo(1, user="test")
    return app_on(db, monkeypatch)


def metrics(app_test) -> dict:
    """Each metric's value by its label as the page shows it (a user's text is escaped for Markdown: the
    backslashes are not displayed)."""
    return {metric.label.replace("\\", ""): metric.value for metric in app_test.metric}


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<:$])")


def shown(text: str) -> str:
    """A text as the page shows it: the backslashes that keep a user's text from being read as Markdown are
    not displayed."""
    return _ESCAPED.sub(r"\1", str(text))


def shown_table(element):
    """An st.table's cells as the page shows them."""
    return element.value.map(lambda cell: shown(cell) if isinstance(cell, str) else cell)


def texts(app_test) -> str:
    """Every markdown, caption and info text of the page, to search in."""
    parts = [element.value for kind in ("markdown", "caption", "info", "success", "warning", "error", "subheader",
                                        "title") for element in getattr(app_test, kind)]
    return "\n".join(shown(part) for part in parts)
