"""The corpus of messy input files (tests/files): each one produces the outcome tests/files/expected.py gives it.

A valid file is really imported into a temporary DuckDB file and its figures read back; a refused file names
its problem, and trying to import it leaves the database as it was; through the CLI, valid / invalid /
unreadable files exit 0 / 1 / 2, never with a traceback.
"""

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pac_core import cli
from pac_core.store import Store
from pac_core.validate import Issue, validate_files
from tests.files.expected import CASES, INVALID, UNREADABLE, VALID, Case

ROOT = Path(__file__).resolve().parent.parent
FILES = ROOT / "tests" / "files"
GENERATOR_ONLY = {"xls-excel-97-2003.xls", "xlsx-password-protected.xlsx"}  # need xlwt / msoffcrypto-tool
VIEWS = ("actions", "targets", "results", "strategic_objectives", "opportunities", "imports")
EXIT_CODES = {VALID: 0, INVALID: 1, UNREADABLE: 2}


def corpus_file(case: Case) -> Path:
    path = FILES / case.file
    if not path.exists() and case.file in GENERATOR_ONLY:
        pytest.skip(f"{case.file} not generated (its generator-only tool was missing)")
    return path


class Databases:
    """One database per set of preloaded files, made once with its bytes and content; each test imports into a
    copy of it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.made: dict[tuple, tuple[Path, bytes, dict]] = {}

    def _make(self, preload: tuple[str, ...]):
        if preload not in self.made:
            db = self.folder / f"preloaded-{len(self.made)}.duckdb"
            with Store(db) as store:
                for name in preload:
                    validation = validate_files([FILES / name], store.context())
                    assert validation.ok, [issue.message for issue in validation.errors]
                    store.import_batch(validation.batch, user="test")
                content = snapshot(store)
            self.made[preload] = (db, db.read_bytes(), content)
        return self.made[preload]

    def copy(self, preload, tmp_path: Path) -> Path:
        copy = tmp_path / "pac.duckdb"
        shutil.copyfile(self._make(preload)[0], copy)
        return copy

    def unchanged(self, preload, db: Path) -> bool:
        """Same bytes, or else (should opening a database ever write to it) the same content in every view."""
        _, original, content = self._make(preload)
        if db.read_bytes() == original:
            return True
        with Store(db, read_only=True) as store:
            return snapshot(store) == content


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    return Databases(tmp_path_factory.mktemp("preloaded"))


def snapshot(store: Store) -> dict[str, str]:
    """The current data, as any DuckDB client sees it."""
    return {view: store.query(f"SELECT * FROM {view} ORDER BY ALL").to_csv(index=False) for view in VIEWS}


def same(actual, expected) -> bool:
    """Rows equal, floats within rounding (sums of floats are not exact)."""
    if isinstance(expected, float) or isinstance(actual, float):
        return isinstance(actual, (int, float)) and math.isclose(actual, expected, abs_tol=1e-6)
    if isinstance(expected, (list, tuple)):
        return len(actual) == len(expected) and all(same(a, e) for a, e in zip(actual, expected))
    return actual == expected


def describe(issues) -> str:
    return "\n".join(f"{i.level} {i.where()} [{i.value}] {i.message}" for i in issues)


def run_cli(capsys, *args) -> tuple[int, str, str]:
    """`python -m pac_core ARGS`, in this process: exit code, stdout and stderr, never a traceback."""
    code = cli.main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "Erreur inattendue" not in out + err, out + err
    return code, out, err


@pytest.mark.parametrize("case", CASES, ids=[f"{case.file}: {case.says}" for case in CASES])
def test_each_file_gives_its_expected_outcome(case: Case, tmp_path, databases, capsys):
    """`python -m pac_core import FILE --json` into a database holding the preloaded files."""
    path = corpus_file(case)
    db = databases.copy(case.preload, tmp_path)
    code, out, err = run_cli(capsys, "--db", db, "import", path, "--json", "--retirer")  # replacing is expected here
    assert code == EXIT_CODES[case.outcome], out + err
    report = json.loads(out)
    if case.outcome == VALID:
        assert {table: counts["lignes"] for table, counts in report["row_counts"].items()} == case.imported
        check_warnings(case, [warning["message"] for warning in report["warnings"]])
        with Store(db, read_only=True) as store:
            for fact in case.facts:
                rows = [tuple(row) for row in store.cursor().execute(fact.sql, list(fact.params)).fetchall()]
                assert same(rows, fact.expected), f"{fact.sql} {fact.params}: {rows} != {fact.expected}"
        return
    assert not report["valid"] and "Rien n'a été importé" in err
    check_problem(case, [Issue(**error) for error in report["errors"]])
    assert databases.unchanged(case.preload, db), "a refused file changed the database"


@pytest.mark.parametrize("case", CASES, ids=[case.file for case in CASES])
def test_validating_each_file_exits_with_its_code(case: Case, tmp_path, databases, capsys):
    """`python -m pac_core validate FILE`: 0 valid, 1 invalid, 2 unreadable; the French report names the file."""
    path = corpus_file(case)
    db = databases.copy(case.preload, tmp_path) if case.preload else tmp_path / "none.duckdb"  # none: no context
    code, out, err = run_cli(capsys, "--db", db, "validate", path)
    assert code == EXIT_CODES[case.outcome], out + err
    assert ("Fichier valide" in out) if case.outcome == VALID else (case.problem.message in err)


def check_warnings(case: Case, messages: list[str]) -> None:
    for fragment in case.warnings:
        assert any(fragment in message for message in messages), f"no warning says « {fragment} »: {messages}"
    for message in messages:
        assert any(fragment in message for fragment in case.warnings), f"unexpected warning: {message}"


def check_problem(case: Case, errors) -> None:
    """One error carries the expected message, and where given its sheet, row, column and value."""
    problem = case.problem
    for issue in errors:
        if problem.message in issue.message and all(
                expected is None or getattr(issue, name) == expected
                for name, expected in (("sheet", problem.sheet), ("row", problem.row), ("column", problem.column),
                                       ("value", problem.value))):
            return
    pytest.fail(f"no error matches {problem}:\n{describe(errors)}")


def test_the_real_command_line_refuses_an_unreadable_file_with_exit_2_and_no_traceback(tmp_path):
    name = "xlsx-billion-laughs-doctype.xlsx"
    done = subprocess.run([sys.executable, "-m", "pac_core", "--db", str(tmp_path / "pac.duckdb"), "validate",
                           str(FILES / name)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert f"« {name} » contient une déclaration DOCTYPE" in done.stderr


def test_every_file_of_the_folder_has_its_outcome_and_stays_small():
    on_disk = {path.name for path in FILES.iterdir() if path.is_file() and path.suffix != ".py"}
    listed = [case.file for case in CASES]
    assert len(listed) == len(set(listed)), "a file is listed twice"
    assert on_disk - GENERATOR_ONLY <= set(listed) and set(listed) - GENERATOR_ONLY <= on_disk
    assert len(listed) >= 30
    for name in on_disk:
        assert (FILES / name).stat().st_size < 1024 * 1024, name
