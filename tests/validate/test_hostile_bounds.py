"""The bounded reader's promises, with real child processes: any failure is one French sentence naming the file,
the bounds are sized to the file, at most PARSES_AT_ONCE parses run at once (the others are told they wait),
no child outlives its deadline or its parent, an account has a rate, and the CLI says when the app holds the
database instead of calling a valid file invalid."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pac_core.io.sheet import UnreadableFile
from pac_core.store import Store
from pac_core.uploads import ParseQuota, disk_name, validate_uploads
from pac_core.validate import validate_files
from pac_core.validate import bounded
from pac_core.validate.bounded import (Budget, ParseFailed, TooCostly, budget_for, last_run, parse_slot,
                                       run_bounded, shape_of)
from tests.builders import csv_file, database_held_by_another_process, plan_workbook
from tests.files.hostile.make_hostile import cell_at_xfd1048576, million_separators

ROOT = Path(__file__).resolve().parents[2]
SMALL = Budget(seconds=20, memory_bytes=256 * 1024 ** 2)
CRASHED = "« f.xlsx » ne peut pas être lu : le lecteur s'est arrêté sur son contenu. Ouvrez-le dans Excel"


def _sentence(call) -> str:
    with pytest.raises(UnreadableFile) as refused:
        call()
    return str(refused.value)


# -- any failure of the child: one sentence --------------------------------------------------------------------

@pytest.mark.parametrize("function, args", [
    (os.abort, ()),  # a native abort (SIGABRT), as calamine's
    (os._exit, (3,)),  # any non-zero exit
    (bytes.decode, (b"\xff\xfe\xfa", "utf-8")),  # any exception: UnicodeDecodeError
    (threading.Lock, ()),  # a result that cannot be pickled back
    (signal.raise_signal, (signal.SIGSEGV,)),  # any signal
], ids=["abort", "exit-3", "unicode-decode-error", "unpicklable-result", "segfault"])
def test_every_failure_of_the_child_is_one_french_sentence(function, args):
    said = _sentence(lambda: run_bounded(function, *args, names="« f.xlsx »", budget=SMALL))
    assert said.startswith(CRASHED) and "Traceback" not in said and "\n" not in said


def test_calamine_aborting_natively_is_a_memory_sentence(tmp_path):
    """Past the shape checks (called directly), the XFD1048576 cell makes calamine ask for 512 GB and abort."""
    path = tmp_path / "f.xlsx"
    path.write_bytes(cell_at_xfd1048576())
    said = _sentence(lambda: run_bounded(validate_files, [str(path)], names="« f.xlsx »", budget=SMALL))
    assert said.startswith("« f.xlsx » ne peut pas être lu : sa lecture demandait plus de 256 Mo de mémoire")
    assert last_run().exit_code == -signal.SIGABRT


def test_a_sentence_of_the_reader_comes_back_as_it_is(tmp_path):
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")
    validation = bounded.validate_bounded([path])
    assert [issue.message for issue in validation.errors] == [
        "« vide.csv » est vide : exportez à nouveau le fichier depuis Excel."]


# -- deadlines, and no child left behind ------------------------------------------------------------------------

def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_a_child_past_its_deadline_is_killed_and_reaped():
    started = time.monotonic()
    with pytest.raises(TooCostly, match="^« f.xlsx » ne peut pas être lu : sa lecture a dépassé 1 s"):
        run_bounded(time.sleep, 60, names="« f.xlsx »", budget=Budget(1, 256 * 1024 ** 2))
    assert time.monotonic() - started < 3
    assert last_run().exit_code == -signal.SIGKILL


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def test_no_child_outlives_a_killed_server(tmp_path):
    """The server process dies (kill -9) during a parse: its child dies with it, not at its deadline."""
    server = subprocess.Popen(
        [sys.executable, "-c", "import time; from pac_core.validate.bounded import Budget, run_bounded; "
                               "run_bounded(time.sleep, 60, names='x', budget=Budget(60, 2 ** 28))"], cwd=ROOT)
    try:
        deadline = time.monotonic() + 10
        while not (children := _children(server.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        (child,) = children
        time.sleep(0.5)  # the child has read its request and asked to die with its parent
        server.kill()
        server.wait()
        deadline = time.monotonic() + 3
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child)
    finally:
        server.kill()
        server.wait()


# -- budgets sized to the file -------------------------------------------------------------------------------------

def test_a_one_megabyte_file_never_gets_gigabytes(tmp_path):
    csv = tmp_path / "un-mo.csv"
    csv.write_bytes(("ID action;Indicateur;Période;Réalisé\n" + "A1;ca;mai 2026;10\n" * 58_000).encode())
    assert 0.99e6 < csv.stat().st_size < 1.1e6
    budget = budget_for([shape_of(csv)])
    assert budget.memory_bytes == bounded.BASE_MEMORY + bounded.MEMORY_PER_CSV_BYTE * csv.stat().st_size  # 224 MB
    assert budget.memory_bytes < 256 * 1024 ** 2 and budget.seconds == pytest.approx(16.0, abs=0.1)
    validation = bounded.validate_bounded([csv])  # read within it (its rows repeat: refused as duplicates)
    assert not validation.unreadable and any("Doublon" in issue.message for issue in validation.errors)
    assert last_run().exit_code == 0 and last_run().peak_bytes < 300 * 1024 ** 2


def test_the_environment_caps_the_budget(tmp_path):
    big = bounded.Shape("gros.csv", "csv", 100 * 1024 ** 2, 100 * 1024 ** 2)
    budget = budget_for([big])
    assert budget.memory_bytes == min(bounded.MEMORY_BYTES, bounded.BASE_MEMORY + 32 * 100 * 1024 ** 2)
    assert budget.seconds == min(bounded.SECONDS, 15 + 100)
    assert budget_for([big], seconds=0.5, memory_bytes=1).seconds == 0.5


# -- at most PARSES_AT_ONCE at once, and the others are told ----------------------------------------------------

def test_a_parse_waits_for_a_free_slot_and_is_told_so():
    told, done = [], []

    def parse(label):
        run_bounded(time.sleep, 1.0, names=label, budget=SMALL, on_wait=lambda: told.append(label))
        done.append((label, time.monotonic()))

    first = [threading.Thread(target=parse, args=(f"« {i}.csv »",)) for i in range(bounded.PARSES_AT_ONCE)]
    for thread in first:
        thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    parse("« attend.csv »")
    for thread in first:
        thread.join()
    assert told == ["« attend.csv »"]
    assert time.monotonic() - started >= 1.0  # it waited for a slot, then parsed for 1 s


def test_a_parse_that_cannot_get_a_slot_is_refused_in_french():
    slots = [parse_slot("« occupé.csv »") for _ in range(bounded.PARSES_AT_ONCE)]
    for slot in slots:
        slot.__enter__()
    try:
        with pytest.raises(ParseFailed, match="^« x.csv » n'a pas pu être lu : le serveur lit déjà"):
            with parse_slot("« x.csv »", wait_seconds=0.1):
                pass
    finally:
        for slot in slots:
            slot.__exit__(None, None, None)


# -- a rate per account ---------------------------------------------------------------------------------------------

def test_an_account_gets_twenty_checks_in_ten_minutes():
    now = [0.0]
    quota = ParseQuota(clock=lambda: now[0])
    assert quota.take("julie") is None
    now[0] = 1.0
    assert [quota.take("julie") for _ in range(19)] == [None] * 19
    refused = quota.take("Julie")  # the same account, whatever the case
    assert refused == ("Vous avez déposé 20 fois des fichiers en 10 minutes, le maximum : réessayez dans 10 minutes. "
                       "Rien n'a été lu ni importé.")
    assert quota.take("paul") is None
    now[0] = 599.0
    assert "réessayez dans 1 minute." in quota.take("julie")
    now[0] = 600.0  # the first check leaves the window
    assert quota.take("julie") is None and quota.take("julie") is not None


# -- long names --------------------------------------------------------------------------------------------------

def test_a_long_name_is_shortened_on_disk_and_shown_whole(tmp_path):
    name = "Réalisé " + "é" * 292 + ".csv"
    assert len(disk_name(name).encode()) <= 120 and disk_name(name).endswith("….csv")
    bad = csv_file(tmp_path / "x.csv", "ID action;Indicateur;Période;Réalisé\nZZ;ca;mai 2026;10\n")
    validation = validate_uploads([(name, bad.read_bytes())])
    assert {issue.source for issue in validation.errors} == {name}
    refused = validate_uploads([(name, million_separators())])
    assert refused.errors[0].message.startswith(f"« {name} » a 1")


# -- the CLI beside the running app --------------------------------------------------------------------------------

def test_validate_says_the_database_is_busy_rather_than_calling_a_valid_file_invalid(tmp_path):
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        store.import_batch(bounded.validate_bounded([plan_workbook(tmp_path / "plan.xlsx")]).batch)
    results = csv_file(tmp_path / "réalisé.csv", "ID action;Indicateur;Période;Réalisé\nA1;ca;mai 2026;10\n")
    command = [sys.executable, "-m", "pac_core", "validate", str(results), "--db", str(db)]
    assert subprocess.run(command, cwd=ROOT, capture_output=True, text=True).returncode == 0  # valid with the base
    with database_held_by_another_process(db):  # a program that does not serve the drop folder (pac_core/depot.py)
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "PAC_DEPOT_PICKUP": "1"})
    assert done.returncode == 2 and "inconnue" not in done.stdout + done.stderr
    assert "Aucune application PAC Pilot n'a pris la commande déposée en 1 s" in done.stderr
    with database_held_by_another_process(db):  # the drop folder turned off: the base's sentence, at once
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PAC_DEPOT": "0"})
    assert done.returncode == 2 and "inconnue" not in done.stdout + done.stderr
    assert done.stderr.startswith(f"La base « {db} » est ouverte par un autre programme (sans doute l'application "
                                  "PAC Pilot) : la vérification a besoin des actions déjà importées")
