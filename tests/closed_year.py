"""The demo on 10 January 2027: 2026 is closed and the demo holds all of it (the bilan's and next plan's tests)."""

from pathlib import Path

from pac_core.demo_loader import load_demo
from pac_core.store import Store

CLOSED_DAY = "2027-01-10"


def closed_year_demo(tmp_path: Path, monkeypatch) -> Path:
    """A database holding the demo told on CLOSED_DAY, with the clock pinned there for the test."""
    monkeypatch.setenv("PAC_TODAY", CLOSED_DAY)
    path = tmp_path / "pac.duckdb"
    with Store(path) as store:
        load_demo(store, force=True)
    return path
