"""Benchmark: every screen run by Streamlit's AppTest on a database of a million result rows.

Cold: the screen's first run in a fresh process (the store opened, every cache empty; library imports
not counted). Warm: a later run of the same screen in a new session (the KPI caches filled). Every AppTest
shares one component registry, as a server's sessions do (AppTest alone would rescan the installed packages,
about 200 ms, on every run). Targets: warm under 300 ms,
cold under 2 s. The database is the one bench_kpi.py builds (about 8 400 actions, 1M targets, 1M results,
100 000 opportunities), built once and reused with --db.

    python bench/bench_pages.py [--db /tmp/pac-bench.duckdb]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SCREENS = re.findall(r'st\.Page\("(screens/[^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))
WARM_RUNS = 5


BASELINE = "import streamlit as st\nst.title('PAC Pilot')\nst.caption('rien d\\'autre')\n"


def run_screen(screen: str) -> dict:
    """In a child process: the screen's cold run, then warm runs (new sessions, caches kept). The screen
    "baseline" is a two-line script: what AppTest itself costs per run (building its element tree…)."""
    import altair, duckdb, openpyxl, pandas, pyarrow  # noqa: F401,E401 - libraries load once per server, not per screen
    from streamlit.testing.v1 import AppTest

    from streamlit.components.v2.component_manager import BidiComponentManager

    os.chdir(ROOT)
    # A server scans the installed packages for components once, at start; AppTest does it again for each new
    # AppTest (about 200 ms here, in every "session"): all of them share one registry, as a server's sessions do.
    components = BidiComponentManager()
    components.discover_and_register_components(start_file_watching=False)
    timings = []
    for _ in range(1 + WARM_RUNS):
        if screen == "baseline":
            app = AppTest.from_string(BASELINE, default_timeout=120)
            app._bidi_component_manager = components
            started = time.perf_counter()
            app.run()
            timings.append(time.perf_counter() - started)
            continue
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        app._bidi_component_manager = components
        app.switch_page(screen)
        started = time.perf_counter()
        app.run()
        timings.append(time.perf_counter() - started)
        if app.exception:
            raise SystemExit(f"{screen}: {app.exception[0].message}")
    return {"cold": timings[0], "warm": statistics.median(timings[1:])}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "pac-bench-kpi.duckdb")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_screen(args.child)))
        return
    from bench_kpi import ensure_database

    ensure_database(args.db, 8_400, 1_000_000, 100_000, rebuild=False)
    print(f"Base : {args.db}")
    print(f"{'écran':<32}{'froid':>10}{'chaud':>10}   objectifs : chaud < 300 ms, froid < 2 s (AppTest compris)")
    for screen in ["baseline", *SCREENS]:
        done = subprocess.run([sys.executable, __file__, "--child", screen], capture_output=True, text=True,
                              env={**os.environ, "PAC_DB": str(args.db)})
        if done.returncode != 0:
            print(f"{screen:<32} échec : {done.stderr.strip().splitlines()[-1] if done.stderr else done.stdout}")
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        cold, warm = result["cold"] * 1000, result["warm"] * 1000
        flags = ("" if warm < 300 else " (chaud > 300 ms)") + ("" if cold < 2000 else " (froid > 2 s)")
        name = "(AppTest seul, script vide)" if screen == "baseline" else screen
        print(f"{name:<32}{cold:>8.0f} ms{warm:>8.0f} ms{'' if screen == 'baseline' else flags}")


if __name__ == "__main__":
    main()
