"""A weekly telemarketing file for the demo (issue 19): the Téléprospection action (TEL) followed by ISO week.

Its Actions sheet extends TEL to the end of 2026 (the company kept the calls going); « Objectifs » gives 45 calls and
1 meeting a week from S14 (30 March) on, « Réalisé » what was done each week, both as S01…S48 columns (weeks before
S14 left empty). Run `python tests/files/make_weekly.py OUT.xlsx` to write it.
"""

import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))  # run as a script too
from tests.builders import ACTION_HEADERS, workbook  # noqa: E402

WEEKS = range(1, 49)  # S01…S48 as columns
FIRST_WEEK = 14  # TEL starts on Monday 30 March 2026 (2026-W14)
CALLS_TARGET, MEETINGS_TARGET = 45, 1


def calls_done(week: int) -> int:
    """A plausible week of calls: between 38 and 52."""
    return 38 + (week * 7) % 15


def meetings_done(week: int) -> int:
    return week % 3


def weekly_rows(value_of) -> list[list]:
    header = ["ID action", "Indicateur", *[f"S{week:02d}" for week in WEEKS]]
    rows = [header]
    for metric, figure in value_of.items():
        rows.append(["TEL", metric, *[figure(week) if week >= FIRST_WEEK else None for week in WEEKS]])
    return rows


def make_weekly(path: Path) -> Path:
    return workbook(path, {
        "Actions": [ACTION_HEADERS,
                    ["TEL", "Téléprospection", "Téléprospection externalisée", "Téléprospection", "Acquisition",
                     "PME et ETI industrielles", "Directeur commercial", datetime.date(2026, 4, 1),
                     datetime.date(2026, 12, 31), 6_000, "En cours", "OS1;OS2;OS3"]],
        "Objectifs": weekly_rows({"Appels": lambda week: CALLS_TARGET, "Rendez-vous": lambda week: MEETINGS_TARGET}),
        "Réalisé": weekly_rows({"Appels": calls_done, "Rendez-vous": meetings_done}),
    })


if __name__ == "__main__":
    print(make_weekly(Path(sys.argv[1] if len(sys.argv) > 1 else "telemarketing-weekly.xlsx")))
