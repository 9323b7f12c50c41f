"""Benchmark: what a trusted backup costs on a base of about 80 MB (copy with SHA-256, fsync, read back in full,
rename), then a restore's checks (full checksum, read back) and the whole restore. Usage:

    python bench/bench_backup.py            # 2.2 million rows of hashes, about 82 MB
    python bench/bench_backup.py --rows 1000000

Each step runs three times; the median is shown with the range.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pac_core import backup  # noqa: E402
from pac_core.store import Store  # noqa: E402


def timed(step, repeat=3) -> str:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return f"{statistics.median(times):.2f} s ({min(times):.2f}–{max(times):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_200_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "pac.duckdb"
        Store(db).close()
        con = duckdb.connect(str(db))
        con.execute("CREATE TABLE history.bulk AS SELECT i AS id, md5(i::VARCHAR) AS a, md5((i + 1)::VARCHAR) AS b "
                    "FROM range(?) AS t(i)", [rows])
        con.close()
        print(f"base: {db.stat().st_size / 1e6:.1f} MB")
        with Store(db) as store:
            print("Store.backup (copy + SHA-256 + fsync + read back + rename):", timed(store.backup))
        saved = backup.backups(db)[-1]
        print("read back in full (DuckDB, every table):", timed(lambda: backup.read_in_full(saved)))
        print("SHA-256 of the file:", timed(lambda: backup.sha256_of(saved)))
        print("restore checks (size, SHA-256, read back):", timed(lambda: backup.check(saved)))
        print("whole restore (checks, copy, migrate, access tables, swap):",
              timed(lambda: backup.restore(saved, db)))


if __name__ == "__main__":
    main()
