"""Benchmark: the PostgreSQL store against the DuckDB file, on bench_kpi.py's data set, measured in one run.

- KPI queries, warm (each in a fresh process, median of 5 calls after the first: bench_kpi.in_child), on the file and
  on PostgreSQL, one after the other for each query; the ratio PostgreSQL / file (goal ≤ 1,5).
- Opening a server: the file, and PostgreSQL (every table read into the server's in-memory DuckDB).
- Writes on each store: a review comment, and an import of one month of results for 1 000 actions.
- Another server catching up (`refresh`) after that comment and after that import.

    python bench/bench_postgres.py --pg postgresql://postgres:motdepasse@127.0.0.1/postgres
    python bench/bench_postgres.py --pg … --actions 2000 --rows 200000 --opportunities 20000   # smaller, faster

The address must let its user create a database: `pac_bench_<data set>` is made once and reused; the file is
bench_kpi's cached one.
"""

import argparse
import datetime
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_kpi  # noqa: E402
import pandas as pd  # noqa: E402

from pac_core.store import open_store  # noqa: E402
from pac_core.validate.files import Batch, SourceFile  # noqa: E402

REPEAT = 5


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s".replace(".", ",")


def pg_database(admin: str, name: str) -> str:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))


def month_batch(store, month: datetime.date, actions: int) -> Batch:
    """One month of revenue for the first `actions` actions: what a monthly « Réalisé » import brings."""
    ids = store.query(f"SELECT action_id FROM main.actions ORDER BY action_id LIMIT {actions}")["action_id"].tolist()
    frame = pd.DataFrame({"action_id": pd.Series(ids, dtype=object), "metric": "ca",
                          "month": pd.Series([month] * len(ids), dtype=object), "value": 1234.5})
    source = SourceFile(f"realise-{month:%Y-%m}.xlsx", hashlib.sha256(str(time.time_ns()).encode()).hexdigest(), 0)
    return Batch([source], {"results": frame}, scope_months={"results": {month}},
                 scope_pairs={"results": {(action, "ca") for action in ids}}, plan_year=month.year)


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def writes(target: str | Path, other: str | Path | None) -> dict:
    """Median times of a comment and of a month's import on `target`; with `other` (PostgreSQL), the time another
    server takes to catch up after each."""
    found = {"commentaire": [], "import d'un mois (1 000 lignes)": [], "rattrapage après un commentaire": [],
             "rattrapage après un import": []}
    with open_store(target) as store:
        follower = open_store(other) if other else None
        try:
            for turn in range(REPEAT):
                found["commentaire"].append(timed(lambda: store.save_review_comment(
                    datetime.date(2026, 1, 1), f"Commentaire {turn}", user="bench")))
                if follower:
                    found["rattrapage après un commentaire"].append(timed(lambda: follower.refresh(force=True)))
                batch = month_batch(store, datetime.date(2026, 12, 1), 1000)
                found["import d'un mois (1 000 lignes)"].append(timed(lambda: store.import_batch(batch, user="bench")))
                if follower:
                    found["rattrapage après un import"].append(timed(lambda: follower.refresh(force=True)))
                last = store.scalar("SELECT max(import_id) FROM history.imports")
                store.undo(last, user="bench")  # the data set stays the one measured
                if follower:
                    follower.refresh(force=True)
        finally:
            if follower:
                follower.close()
    return {label: statistics.median(values) for label, values in found.items() if values}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("PAC_TEST_POSTGRES"),
                        help="adresse d'un serveur PostgreSQL dont l'utilisateur peut créer une base")
    parser.add_argument("--actions", type=int, default=8_400)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--only", help="requêtes KPI à mesurer, séparées par des virgules")
    args = parser.parse_args()
    if not args.pg:
        raise SystemExit("Donnez l'adresse d'un serveur PostgreSQL : --pg postgresql://… (ou PAC_TEST_POSTGRES).")
    os.environ["PAC_PG_POLL"] = "0"
    name = bench_kpi.dataset_name(args.actions, args.rows, args.opportunities)
    file = Path(tempfile.gettempdir()) / "pac-bench-kpi" / f"{name}.duckdb"
    file.parent.mkdir(parents=True, exist_ok=True)
    url = pg_database(args.pg, "pac_bench_" + name.replace("-", "_").lower()[:40])
    for target in (file, url):
        started = time.perf_counter()
        how = bench_kpi.ensure_database(target, args.actions, args.rows, args.opportunities, rebuild=False)
        label = "PostgreSQL" if target == url else "Fichier DuckDB"
        print(f"{label} : base {how} ({seconds(time.perf_counter() - started)}).")
    with open_store(file) as store:
        counts = store.query("SELECT (SELECT count(*) FROM main.plan_targets) AS t, (SELECT count(*) FROM "
                             "main.results) AS r, (SELECT count(*) FROM main.opportunities) AS o").iloc[0]
    n = [f"{count:,}".replace(",", "\u202f") for count in (counts.t, counts.r, counts.o)]
    print(f"Données : {n[0]} objectifs, {n[1]} réalisés, {n[2]} opportunités ; charge de la machine : "
          f"{bench_kpi._load()}.")

    print("\nOuvrir un serveur (médiane de 3) :")
    for label, target in (("fichier DuckDB", file), ("PostgreSQL", url)):
        opening = statistics.median(timed(lambda: open_store(target).close()) for _ in range(3))
        print(f"  {label:<16}{seconds(opening):>10}")

    labels = list(bench_kpi.kpi_queries())
    if args.only:
        labels = [label for label in labels if label in {n.strip() for n in args.only.split(",")}]
    print(f"\n{'requête KPI (chaud)':<26}{'fichier':>10}{'PostgreSQL':>12}{'rapport':>9}")
    ratios = []
    for label in labels:
        on_file = bench_kpi.in_child(label, file, None)["warm"]
        on_pg = bench_kpi.in_child(label, url, None)["warm"]
        ratios.append(on_pg / on_file)
        print(f"{label:<26}{seconds(on_file):>10}{seconds(on_pg):>12}{on_pg / on_file:>9.2f}".replace(".", ","))
    middle, highest = (f"{value:.2f}".replace(".", ",") for value in (statistics.median(ratios), max(ratios)))
    print(f"Rapport médian {middle}, le plus haut {highest} (objectif ≤ 1,5).")

    print(f"\nÉcritures (médiane de {REPEAT}) :")
    on_file, on_pg = writes(file, None), writes(url, url)
    for label in on_pg:
        left = seconds(on_file[label]) if label in on_file else "—"
        print(f"  {label:<36}{left:>10}{seconds(on_pg[label]):>12}")
    print(f"Charge à la fin : {bench_kpi._load()}.")


if __name__ == "__main__":
    main()
