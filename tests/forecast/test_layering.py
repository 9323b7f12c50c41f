"""The forecast is pure computation: no Streamlit, no store, and statsmodels only in tests and the bench."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_forecast_loads_neither_streamlit_nor_duckdb_nor_statsmodels():
    check = ("import sys, pac_core.forecast; "
             "print(sorted(m for m in ('statsmodels', 'streamlit', 'duckdb') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
