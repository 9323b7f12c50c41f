"""The hostile corpus (tests/files/hostile/make_hostile.py), through the app's path and through the command line:
each file refused (or read) with its French sentence, in at most 2 s and 300 MB, and never a traceback."""

import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from pac_core.uploads import read_foreign_uploads, validate_uploads
from pac_core.validate.bounded import last_run
from tests.files.hostile.make_hostile import HOSTILE, HOSTILE_NAMES

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 2.0
MEMORY = 300 * 1024 ** 2
NATIVE_WORDS = ("Traceback", "panicked", "stack backtrace", "memory allocation of", "RUST_BACKTRACE", "Error:")


def _plain(text: str) -> str:
    """Messages write thousands with narrow no-break spaces (CLDR); the expected fragments with plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda hostile: hostile.name)
def test_the_app_refuses_each_hostile_file_in_french_within_the_budget(hostile):
    data = hostile.make()
    tracemalloc.start()
    started = time.perf_counter()
    validation = validate_uploads([(hostile.name, data)])
    child = last_run()
    foreign, unreadable = ([], [])
    if validation.no_plan_table:
        foreign, unreadable = read_foreign_uploads([(hostile.name, data)])
    elapsed = time.perf_counter() - started
    _, parent_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not validation.ok and not foreign
    (error,) = validation.errors
    assert error.source == hostile.name
    assert hostile.expected in _plain(error.message)
    assert not any(word in error.message for word in NATIVE_WORDS)
    assert elapsed <= SECONDS, f"{elapsed:.2f} s"
    assert parent_peak - len(data) <= MEMORY  # what the server allocated besides the upload itself
    assert child is None or child.peak_bytes <= MEMORY, f"{child.peak_bytes / 1024 ** 2:.0f} Mo"


# These are refused before any parser runs: no child process at all.
REFUSED_BEFORE_PARSING = [hostile for hostile in HOSTILE if hostile.name != "xlsx-million-empty-rows.xlsx"]


@pytest.mark.parametrize("hostile", REFUSED_BEFORE_PARSING, ids=lambda hostile: hostile.name)
def test_the_shape_checks_refuse_them_without_starting_a_parser(hostile):
    validation = validate_uploads([(hostile.name, hostile.make())])
    assert validation.unreadable and last_run() is None
    assert _plain(validation.errors[0].message).startswith(f"« {hostile.name} » ")


# A small launcher forks and execs the command, and reports what wait4 measured: the peak of the command and of
# the children it waited for. (Forked from pytest itself, the command would count pytest's pages before exec.)
LAUNCHER = """import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "pac_core", *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"\\nPEAK {usage.ru_maxrss * 1024}\\n")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def _cli_measured(*args):
    """The command as a user runs it: exit code, what it wrote, seconds, peak memory (bytes)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    elapsed = time.perf_counter() - started
    err, _, peak = done.stderr.rpartition("\nPEAK ")
    return done.returncode, done.stdout, err, elapsed, int(peak)


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda hostile: hostile.name)
def test_the_cli_refuses_each_hostile_file_in_french_within_the_budget(hostile, tmp_path):
    path = tmp_path / hostile.name
    path.write_bytes(hostile.make())
    code, out, err, elapsed, peak = _cli_measured("validate", path, "--db", tmp_path / "pac.duckdb")
    said = out + err
    assert code != 0
    assert hostile.expected in _plain(said)
    assert not any(word in said for word in NATIVE_WORDS), said
    assert elapsed <= SECONDS + 1.0, f"{elapsed:.2f} s"  # the interpreter and its libraries start in about 0.5 s
    assert peak <= MEMORY, f"{peak / 1024 ** 2:.0f} Mo"


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["300-characters", "escape-sequence", "right-to-left", "newline"])
def test_a_hostile_name_is_read_and_shown_clean(name):
    """An ordinary small CSV (not in our format) under a hostile name: no « File name too long », no control or
    bidi character in what is shown, and the column mapping gets the file."""
    data = "Nom;Valeur\nx;1\n".encode()
    validation = validate_uploads([(name, data)])
    tables, unreadable = read_foreign_uploads([(name, data)])
    assert validation.no_plan_table and unreadable == []
    shown = {issue.source for issue in validation.issues} | {table.source for table in tables}
    (source,) = shown
    assert not any(ch in source for ch in "\x1b\u202e\n/")
    assert source.endswith(".csv")
    assert source == {"x" * 300 + ".csv": "x" * 300 + ".csv", "\x1b[31mrouge\x1b[0m.csv": "[31mrouge[0m.csv",
                      "\u202evsc.exe.csv": "vsc.exe.csv", "deux\nlignes.csv": "deux lignes.csv"}[name]


@pytest.mark.parametrize("name", HOSTILE_NAMES[1:], ids=["escape-sequence", "right-to-left", "newline"])
def test_the_cli_never_writes_a_hostile_name_raw(name, tmp_path):
    path = tmp_path / name
    path.write_bytes(b"\x00" * 100)  # refused: its name is in the sentence
    code, out, err, _, _ = _cli_measured("validate", path, "--db", tmp_path / "pac.duckdb")
    assert code == 2
    assert not any(ch in out + err for ch in "\x1b\u202e") and "Traceback" not in out + err
