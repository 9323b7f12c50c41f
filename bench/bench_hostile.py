"""Benchmark: each file of the hostile corpus (tests/files/hostile/make_hostile.py) through the app's path, as the
Données page reads it: outcome, seconds, peak memory. Peak memory is the larger of what the server process
allocated for it (tracemalloc, the upload's own bytes left out) and the bounded child's resident peak (VmHWM);
« — » for the child when the shape checks refused the file before any parser ran. Usage:

    python bench/bench_hostile.py
"""

import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pac_core.uploads import read_foreign_uploads, validate_uploads  # noqa: E402
from pac_core.validate.bounded import last_run  # noqa: E402
from tests.files.hostile.make_hostile import HOSTILE  # noqa: E402


def measure(name: str, data: bytes) -> tuple[str, bool, float, float, float | None]:
    tracemalloc.start()
    started = time.perf_counter()
    validation = validate_uploads([(name, data)])
    child = last_run()
    if validation.no_plan_table:
        read_foreign_uploads([(name, data)])
    seconds = time.perf_counter() - started
    server = max(0, tracemalloc.get_traced_memory()[1] - len(data)) / 1024 ** 2
    tracemalloc.stop()
    message = validation.errors[0].message if validation.errors else "lu sans erreur"
    child_mb = child.peak_bytes / 1024 ** 2 if child is not None else None
    return message, not validation.ok, seconds, server, child_mb


def main() -> None:
    print(f"{'fichier':<40}{'taille':>10}{'secondes':>10}{'serveur':>10}{'enfant':>10}  issue")
    rows = []
    for hostile in HOSTILE:
        data = hostile.make()
        message, refused, seconds, server, child = measure(hostile.name, data)
        peak = max(server, child or 0)
        rows.append((refused, seconds, peak))
        child_text = f"{child:.0f} Mo" if child is not None else "—"
        print(f"{hostile.name:<40}{len(data) / 1024:>8.1f} Ko{seconds:>9.2f} s{server:>7.0f} Mo{child_text:>10}  "
              f"{'refusé' if refused else 'ACCEPTÉ'} : {message[:150]}")
    print(f"\n{len(rows)} fichiers, {sum(r[0] for r in rows)} refusés, pire temps {max(r[1] for r in rows):.2f} s, "
          f"pire mémoire {max(r[2] for r in rows):.0f} Mo")


if __name__ == "__main__":
    main()
