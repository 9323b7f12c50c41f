"""Benchmark: validate + import of large workbooks and a large French CSV, against a plain openpyxl read.

Each case runs in its own process so that its peak memory (max RSS) is its own. Ratios are measured
in the same run, since machines are noisy. Usage:

    python bench/bench_import.py            # 10k, 100k, 500k workbooks and the 1M-row CSV
    python bench/bench_import.py --quick    # 10k and 100k only
    python bench/bench_import.py --trois-ans --repeat 5   # 1M results of one year, then 3 × 1M (2026, then 2025
                                                          # and 2024 as history) into one database (issue 19)

Each of our cases runs three times (--repeat), the median is shown with the range.
"""

import argparse
import datetime
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

METRICS = ["contacts", "appels", "rdv", "publications", "devis", "ca", "nouveaux_clients", "cout",
           "Chiffre d'affaires", "Coût réel"]
ACTION_HEADERS = ["ID action", "Levier", "Action", "Canal", "Type", "Cible", "Responsable", "Début", "Fin",
                  "Budget", "Statut", "Objectif stratégique"]
MONTHS_FR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
# Distinct metrics per action (two labels above name the same metric as a code, so use 8 codes + 2 stocks)
CODES = ["contacts", "appels", "rdv", "publications", "devis", "ca", "nouveaux_clients", "cout"]
AMOUNTS = {"ca", "cout"}  # in euros, with cents; the other indicators are counts: whole numbers


def figure(code: str, rng: random.Random, scale: float) -> float | int:
    value = rng.random() * scale
    return round(value, 2) if code in AMOUNTS else int(value)


def action_ids(rows: int) -> list[str]:
    count = -(-rows // (len(CODES) * 12))
    return [f"A{i:05d}" for i in range(count)]


def build_workbook(path: Path, rows: int) -> None:
    rng = random.Random(rows)
    book = openpyxl.Workbook(write_only=True)
    actions = book.create_sheet("Actions")
    actions.append(ACTION_HEADERS)
    ids = action_ids(rows)
    for action_id in ids:
        actions.append([action_id, "Levier", f"Action {action_id}", "Salon", "Acquisition", "PME", "Directeur commercial",
                        datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), 5000, "En cours", ""])
    results = book.create_sheet("Réalisé")
    results.append(["ID action", "Indicateur", "Période", "Réalisé"])
    written = 0
    for action_id in ids:
        for code in CODES:
            for month in range(1, 13):
                if written == rows:
                    break
                results.append([action_id, code, datetime.date(2026, month, 1), figure(code, rng, 5000)])
                written += 1
    book.save(path)


def build_french_csv(directory: Path, rows: int, year: int = 2026) -> list[Path]:
    """Actions and results of `year` as French Excel saves CSV: ';', decimal comma, Windows-1252."""
    rng = random.Random(rows + year)
    ids = action_ids(rows)
    actions = directory / "actions.csv"
    lines = [";".join(ACTION_HEADERS)]
    lines += [f"{a};Levier;Action {a};Salon;Acquisition;PME;Directeur commercial;01/01/{year};31/12/{year};5 000;"
              "En cours;" for a in ids]
    actions.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    results = directory / "réalisé.csv"
    out = ["ID action;Indicateur;Période;Réalisé"]
    written = 0
    for action_id in ids:
        for code in CODES:
            for month in range(12):
                if written == rows:
                    break
                value = f"{figure(code, rng, 50000):,.2f}" if code in AMOUNTS else str(figure(code, rng, 50000))
                value = value.replace(",", " ").replace(".", ",")
                out.append(f"{action_id};{code};{MONTHS_FR[month]} {year};{value}")
                written += 1
    results.write_bytes(("\r\n".join(out) + "\r\n").encode("cp1252"))
    return [actions, results]


def run_case(kind: str, paths: list[str]) -> dict:
    """In a child process: validate + import into a fresh database, or a plain openpyxl read."""
    import pandas as pd

    from pac_core.store import Store
    from pac_core.validate import validate_files

    if kind == "years":  # each year's files one import after the other, into one database
        sets = [paths[i:i + 2] for i in range(0, len(paths), 2)]
        with tempfile.TemporaryDirectory() as directory, Store(Path(directory) / "bench.duckdb") as store:
            started = time.perf_counter()
            for files in sets:
                validation = validate_files(files, store.context())
                if not validation.ok:
                    raise SystemExit(f"invalid: {validation.errors[:3]}")
                store.import_batch(validation.batch, user="bench")
            seconds = time.perf_counter() - started
            rows = store.scalar("SELECT count(*) FROM main.results")
        return {"seconds": seconds, "validate_s": 0.0, "rows": rows,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if kind == "openpyxl":
        started = time.perf_counter()  # libraries are loaded once per app: their import is not timed
        pd.read_excel(paths[0], sheet_name="Réalisé", engine="openpyxl")
        detail = {}
    else:
        with tempfile.TemporaryDirectory() as directory, Store(Path(directory) / "bench.duckdb") as store:
            started = time.perf_counter()  # the app has its database open already: opening it is not timed
            validation = validate_files(paths, store.context())
            validated = time.perf_counter()
            if not validation.ok:
                raise SystemExit(f"invalid: {validation.errors[:3]}")
            outcome = store.import_batch(validation.batch, user="bench")
            detail = {"validate_s": validated - started, "rows": outcome.row_counts["results"]["lignes"],
                      "seconds": time.perf_counter() - started}  # closing the temporary database is not timed
    detail.setdefault("seconds", time.perf_counter() - started)
    detail["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return detail


def in_child(kind: str, paths: list[Path]) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", kind, *map(str, paths)],
                            capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def median_run(paths: list[Path], repeat: int) -> dict:
    """Our case run `repeat` times, each in a fresh process: the median run (by total time), with the
    range of all runs, since a shared machine's speed wanders from one second to the next. Peak memory is
    the highest of all runs."""
    runs = sorted((in_child("pac", paths) for _ in range(max(repeat, 1))), key=lambda run: run["seconds"])
    median = dict(runs[len(runs) // 2])
    median["peak_mb"] = max(run["peak_mb"] for run in runs)
    median["spread"] = f"{runs[0]['seconds']:.2f} – {runs[-1]['seconds']:.2f} s"
    return median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs="+")
    parser.add_argument("--openpyxl-500k", action="store_true", help="also time openpyxl on 500k rows (about a minute)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each of our cases; the median is shown")
    parser.add_argument("--trois-ans", action="store_true", help="one year of 1M results against three (history)")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child[0], args.child[1:])))
        return
    if args.trois_ans:
        three_years(args.repeat)
        return
    sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 500_000]
    with tempfile.TemporaryDirectory() as directory:
        directory = Path(directory)
        print(f"{'cas':<28}{'valider+importer':>18}{'dont valider':>14}{'openpyxl seul':>15}{'ratio':>8}{'pic mémoire':>13}"
              f"{'min – max':>22}")
        for rows in sizes:
            path = directory / f"realise-{rows}.xlsx"
            build_workbook(path, rows)
            ours = median_run([path], args.repeat)
            baseline = in_child("openpyxl", [path]) if rows <= 100_000 or args.openpyxl_500k else None
            ratio = f"{baseline['seconds'] / ours['seconds']:.1f}×" if baseline else "—"
            base = f"{baseline['seconds']:.2f} s" if baseline else "—"
            print(f"{f'classeur {rows:,} lignes'.replace(',', ' '):<28}{ours['seconds']:>16.2f} s"
                  f"{ours['validate_s']:>12.2f} s{base:>15}{ratio:>8}{ours['peak_mb']:>10.0f} Mo{ours['spread']:>22}")
        if not args.quick:
            csv_dir = directory / "csv"
            csv_dir.mkdir()
            paths = build_french_csv(csv_dir, 1_000_000)
            ours = median_run(paths, args.repeat)
            print(f"{'CSV français 1 000 000 lignes':<28}{ours['seconds']:>16.2f} s{ours['validate_s']:>12.2f} s"
                  f"{'—':>15}{'—':>8}{ours['peak_mb']:>10.0f} Mo{ours['spread']:>22}")


def three_years(repeat: int) -> None:
    """Issue 19's goal: three years of 1M results each (the plan's year, then two years of history) import in at
    most 3× the time of one year, measured in the same run: one and three run in turn `repeat` times (the machine's
    load moves between runs), and the ratio of each turn is shown with their median."""
    with tempfile.TemporaryDirectory() as directory:
        sets = {}
        for year in (2026, 2025, 2024):
            folder = Path(directory) / str(year)
            folder.mkdir()
            sets[year] = build_french_csv(folder, 1_000_000, year)
        ratios = []
        for turn in range(repeat):
            one = in_child("years", sets[2026])
            three = in_child("years", [path for year in (2026, 2025, 2024) for path in sets[year]])
            ratios.append(three["seconds"] / one["seconds"])
            print(f"tour {turn + 1} : une année (1 000 000 lignes) {one['seconds']:.2f} s, "
                  f"pic {one['peak_mb']:.0f} Mo ; "
                  f"trois années (3 × 1 000 000) {three['seconds']:.2f} s, pic {three['peak_mb']:.0f} Mo, "
                  f"{three['rows']:_} lignes en base ; rapport {ratios[-1]:.2f}".replace("_", " "))
        print(f"rapport trois / une (médiane de {repeat}) : {statistics.median(ratios):.2f} (objectif ≤ 3)")


if __name__ == "__main__":
    main()
