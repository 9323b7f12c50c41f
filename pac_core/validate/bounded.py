"""Validation of files received from outside, bounded in time and memory, and never a traceback.

The upload gate and the shape checks (validate/precheck.py) refuse what they can see before any parser runs;
what they cannot see is parsed in a child Python process whose memory ceiling and deadline are sized to the
file, so that the server, its caches and its database never pay for it. A fresh interpreter (not a fork: the
server has threads, and multiprocessing would re-run the Streamlit script as __main__) receives the function and
its arguments pickled on stdin and answers on stdout. Whatever happens to it — an exception, a native abort
(calamine's « memory allocation of … bytes failed »), a signal, an answer that cannot be unpickled — the caller
gets one French sentence naming the file; the child's own words go to the server's log. At most
PAC_PARSES_AT_ONCE children run at once in a process; the others wait for a slot, and can say so.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import pickle
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from pac_core.io.sheet import UnreadableFile
from pac_core.io.sniff import CSV
from pac_core.validate.files import Context, Validation, validate_files
from pac_core.validate.issues import IssueLog
from pac_core.validate.precheck import Shape, precheck

log = logging.getLogger(__name__)

# Upper caps, whatever the file; the bounds of a file are sized below them (budget_for).
SECONDS = float(os.environ.get("PAC_PARSE_SECONDS", "120"))
MEMORY_BYTES = int(float(os.environ.get("PAC_PARSE_MEMORY_GB", "4")) * 1024 ** 3)
PARSES_AT_ONCE = max(1, int(os.environ.get("PAC_PARSES_AT_ONCE", "2")))
WAIT_SECONDS = 2 * SECONDS  # longest wait for a slot: every running parse has met its deadline by then

# The memory ceiling is what the parse may add to the child's address space once pandas, pyarrow and calamine are
# loaded (340 MB here, with the environment below: Arrow's own pool would reserve 1 GB up front), so that it
# measures the file, not the libraries. Measured on this machine (2 cores): a small file adds 6 MB; a
# 500 000-row workbook (110 MB of XML) 270 MB to validate, 320 MB to read for the column mapping; a 36 MB French
# CSV of 1 000 000 rows 340 MB and 680 MB.
BASE_MEMORY = 192 * 1024 ** 2
MEMORY_PER_XML_BYTE = 6
MEMORY_PER_CSV_BYTE = 32
MEMORY_PER_GRID_CELL = 64  # calamine allocates 32 bytes for each cell of a sheet's extent, then a Python list slot
# The same files: 2.7 s and 5.6 s for the workbook, 0.8 s and 9.2 s for the CSV; the budget allows for a second
# parse sharing the two cores and a busy machine.
BASE_SECONDS = 15.0
SECONDS_PER_XML_MB = 0.3
SECONDS_PER_CSV_MB = 1.0

_MEMORY_EXIT = 75  # the child's exit code when the ceiling was hit
# One malloc arena: a thread's own arena would reserve 64 MB of address space up front, and what a pool thread
# allocates inside it would then escape the ceiling (RLIMIT_AS counts reservations, not use).
_CHILD_ENVIRONMENT = {"MALLOC_ARENA_MAX": "1", "ARROW_DEFAULT_MEMORY_POOL": "system", "OMP_NUM_THREADS": "1",
                      "OPENBLAS_NUM_THREADS": "1", "RUST_BACKTRACE": "0"}
_ROOT = Path(__file__).resolve().parents[2]
_SLOTS = threading.BoundedSemaphore(PARSES_AT_ONCE)
_LAST = threading.local()


class ParseFailed(UnreadableFile):
    """The bounded child did not answer; str(exc) is one French sentence naming the file."""


class TooCostly(ParseFailed):
    """Parsing hit a bound (time or memory)."""


@dataclass(frozen=True)
class Budget:
    seconds: float
    memory_bytes: int


@dataclass(frozen=True)
class ChildRun:
    """What one child cost, measured by the kernel (wait4): for the logs, the tests and the benchmark."""

    seconds: float
    peak_bytes: int
    exit_code: int


def budget_for(shapes: list[Shape], seconds: float | None = None, memory_bytes: int | None = None) -> Budget:
    """The child's deadline and memory ceiling for these files (read one after the other, all kept in memory),
    under the caps; explicit values win."""
    memory, time_allowed = BASE_MEMORY, BASE_SECONDS
    for shape in shapes:
        megabytes = shape.inflated / 1024 ** 2
        if shape.kind == CSV:
            memory += MEMORY_PER_CSV_BYTE * shape.inflated
            time_allowed += SECONDS_PER_CSV_MB * megabytes
        else:
            memory += MEMORY_PER_XML_BYTE * shape.inflated + MEMORY_PER_GRID_CELL * shape.grid_cells
            time_allowed += SECONDS_PER_XML_MB * megabytes
    return Budget(seconds if seconds is not None else min(time_allowed, SECONDS),
                  memory_bytes if memory_bytes is not None else min(memory, MEMORY_BYTES))


def last_run() -> ChildRun | None:
    """The last child started by this thread (None when the shape checks refused the files before any child)."""
    return getattr(_LAST, "run", None)


def names_of(paths) -> str:
    return ", ".join(f"« {Path(path).name} »" for path in paths)


def refusal(paths, sentence: str) -> Validation:
    """A Validation that refuses these files in one sentence."""
    issues = IssueLog()
    issues.error(", ".join(Path(path).name for path in paths), None, None, None, None, sentence)
    return Validation(issues.finish(), None, unreadable=True)


def shape_of(path) -> Shape:
    """precheck, and should the check itself fail on an odd file, a cautious shape (the child's bounds still hold)."""
    try:
        return precheck(path)
    except UnreadableFile:
        raise
    except Exception:  # noqa: BLE001 - a bug in a check must not become a traceback, nor a refusal
        log.exception("shape check failed for %r", str(path))
        size = Path(path).stat().st_size
        return Shape(Path(path).name, "xlsx", size, size * 20)


def validate_bounded(paths, context: Context | None = None, *, seconds: float | None = None,
                     memory_bytes: int | None = None, on_wait=None) -> Validation:
    """validate_files in a child process: a file with an absurd shape, or that needs more time or memory than
    its size warrants, is refused in one French sentence, and the server is untouched."""
    paths = [str(path) for path in paths]
    shapes, issues = [], IssueLog()
    passed = []
    for path in paths:
        try:
            shapes.append(shape_of(path))
            passed.append(Path(path).name)
        except UnreadableFile as exc:
            issues.error(Path(path).name, None, None, None, None, str(exc))
    if issues.has_errors:
        for name in passed:  # not read at all: say so, rather than leave it unmentioned
            issues.warning(name, None, None, None, None,
                           "Ce fichier n'a pas encore été vérifié, car d'autres fichiers déposés avec lui sont refusés : "
                           "retirez ceux-ci, ou déposez-le seul.")
        _LAST.run = None
        return Validation(issues.finish(), None, unreadable=True)
    try:
        return run_bounded(validate_files, paths, context, names=names_of(paths),
                           budget=budget_for(shapes, seconds, memory_bytes), on_wait=on_wait)
    except UnreadableFile as exc:
        return refusal(paths, str(exc))


@contextlib.contextmanager
def parse_slot(names: str, on_wait=None, wait_seconds: float | None = None):
    """One of the PARSES_AT_ONCE slots of this process; `on_wait()` is called first when none is free."""
    if not _SLOTS.acquire(blocking=False):
        if on_wait is not None:
            on_wait()
        if not _SLOTS.acquire(timeout=WAIT_SECONDS if wait_seconds is None else wait_seconds):
            raise ParseFailed(f"{names} n'a pas pu être lu : le serveur lit déjà d'autres fichiers depuis plusieurs "
                              "minutes. Réessayez dans quelques minutes.")
    try:
        yield
    finally:
        _SLOTS.release()


def run_bounded(function, *args, names: str, budget: Budget, on_wait=None):
    """function(*args) (a module-level function) in a child process within `budget`, in a slot: its result, or
    UnreadableFile (the function's own, or ParseFailed / TooCostly) whose text is one French sentence."""
    with parse_slot(names, on_wait):
        return _in_child(function, args, names, budget)


def _in_child(function, args, names: str, budget: Budget):
    payload = pickle.dumps((budget.memory_bytes, budget.seconds, os.getpid(), function, args))
    expired = threading.Event()
    with tempfile.TemporaryFile() as answer, tempfile.TemporaryFile() as errors:
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "pac_core.validate.bounded"], stdin=subprocess.PIPE,
                                 stdout=answer, stderr=errors, cwd=_ROOT, start_new_session=True,
                                 env={**os.environ, **_CHILD_ENVIRONMENT})
        timer = threading.Timer(budget.seconds, lambda: (expired.set(), _kill(child)))
        timer.daemon = True
        timer.start()
        try:
            with contextlib.suppress(OSError):  # a child that died at once: its exit status says why
                child.stdin.write(payload)
                child.stdin.close()
            status, usage = _reap(child)
        finally:
            timer.cancel()
            if child.returncode is None:  # interrupted while waiting (Ctrl+C in the CLI): the child goes too
                _kill(child)
                _reap(child)
        answer.seek(0)
        try:
            kind, value, peak = pickle.load(answer)  # our own child's answer
        except Exception:  # noqa: BLE001 - no answer (killed, aborted) or a truncated one
            kind, value, peak = None, None, usage.ru_maxrss * 1024  # counts the parent's pages before exec too
        run = ChildRun(time.monotonic() - started, peak, child.returncode)
        _LAST.run = run
        errors.seek(0)
        said = errors.read()[-20_000:]
        if run.exit_code != 0 or said:
            log.warning("bounded parse of %s: exit %s after %.1f s, peak %.0f MB (ceiling %.0f MB, deadline %.0f s)"
                        "\n%s", names, run.exit_code, run.seconds, run.peak_bytes / 1024 ** 2,
                        budget.memory_bytes / 1024 ** 2, budget.seconds, said.decode(errors="replace"))
        if expired.is_set() or run.exit_code in (-signal.SIGXCPU, -signal.SIGKILL):
            raise TooCostly(_too_slow(names, budget.seconds))
        if run.exit_code == _MEMORY_EXIT or b"MemoryError" in said or b"memory allocation of" in said:
            raise TooCostly(_too_big(names, budget.memory_bytes))
        if run.exit_code != 0 or kind is None:
            raise ParseFailed(_crashed(names))
    if kind == "ok":
        return value
    if kind == "unreadable":
        raise UnreadableFile(value)
    log.warning("bounded parse of %s raised:\n%s", names, value)
    raise ParseFailed(_crashed(names))


def _reap(child: subprocess.Popen):
    """Wait for the child with wait4, which also gives its resource usage (its own peak memory)."""
    while True:
        try:
            _, status, usage = os.wait4(child.pid, 0)
            break
        except ChildProcessError:  # already reaped elsewhere: no usage to give
            child.returncode = child.returncode if child.returncode is not None else -1
            return 0, resource.struct_rusage((0.0,) * 16)
    child.returncode = os.waitstatus_to_exitcode(status)
    return status, usage


def _kill(child: subprocess.Popen) -> None:
    """The child and anything it started (its own process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)


def _seconds(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds >= 1 else f"{seconds:.3f} s".replace(".", ",")


def _too_slow(names: str, seconds: float) -> str:
    return (f"{names} ne peut pas être lu : sa lecture a dépassé {_seconds(seconds)}, quand un fichier de cette "
            "taille se lit en quelques secondes. Enregistrez-le à nouveau depuis Excel, ou découpez-le en "
            "plusieurs fichiers.")


def _too_big(names: str, memory_bytes: int) -> str:
    size = f"{memory_bytes / 1024 ** 3:.1f} Go".replace(".", ",") if memory_bytes >= 1024 ** 3 \
        else f"{memory_bytes / 1024 ** 2:.0f} Mo"
    return (f"{names} ne peut pas être lu : sa lecture demandait plus de {size} de mémoire, bien plus qu'un "
            "fichier de cette taille n'en demande. Enregistrez-le à nouveau depuis Excel, ou découpez-le en "
            "plusieurs fichiers plus petits.")


def _crashed(names: str) -> str:
    return (f"{names} ne peut pas être lu : le lecteur s'est arrêté sur son contenu. Ouvrez-le dans Excel, "
            "vérifiez qu'il s'affiche bien, puis enregistrez-le à nouveau au format .xlsx (ou « CSV UTF-8 »).")


# --------------------------------------------------------------------------------------------------------------
# The child's side


def _die_with(parent: int) -> None:
    """Ask Linux to kill this process when the thread that started it ends (the server stopped, killed…)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the request
        os._exit(1)


def _peak_bytes() -> int:
    """The most resident memory this program has used since exec."""
    return _status_bytes("VmHWM")


def _status_bytes(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise OSError(f"{field} missing from /proc/self/status")


ARROW_THREADS = 2  # Arrow's CPU and I/O pools in the child: a parse shares the machine with the server


def _start_arrow_threads() -> None:
    """Start Arrow's pool threads before the memory ceiling, so that their stacks (8 MB each) and malloc arena are
    in the child's baseline, not taken from the file's budget. A pool thread that could not be created under the
    ceiling aborted a child reading a 5-KB CSV (« terminate called without an active exception », exit −6, seen
    once in CI); the pools are also kept small, whatever the number of cores. A small CSV is now read without
    threads at all (io/csv_file.THREADED_BYTES), after a second such abort."""
    pyarrow = sys.modules.get("pyarrow")
    if pyarrow is None:  # the function does not read with Arrow
        return
    import pyarrow.csv  # noqa: PLC0415 - only when Arrow is already loaded

    pyarrow.set_cpu_count(ARROW_THREADS)
    pyarrow.set_io_thread_count(ARROW_THREADS)
    blocks = b"a,b\n" + b"1,2\n" * 4096  # several blocks of 1 KB: tasks for every pool thread
    pyarrow.csv.read_csv(io.BytesIO(blocks), read_options=pyarrow.csv.ReadOptions(block_size=1024, use_threads=True))


def _child() -> None:
    """Limit memory and CPU, run, answer ("ok", result), ("unreadable", sentence) or ("crashed", traceback), with
    this process's peak memory since its start (ru_maxrss would count the parent's pages before exec)."""
    memory_bytes, seconds, parent, function, args = pickle.load(sys.stdin.buffer)
    _die_with(parent)
    cpu = int(seconds * max(2, os.cpu_count() or 1)) + 5  # a last resort: the parent's timer comes first
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    _start_arrow_threads()
    ceiling = _status_bytes("VmSize") + memory_bytes  # the libraries are loaded (unpickling `function` did it)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    try:
        answer = ("ok", function(*args))
    except MemoryError:
        sys.exit(_MEMORY_EXIT)
    except UnreadableFile as exc:
        if isinstance(exc.__context__, MemoryError):  # a reader that turned the ceiling into its own sentence
            sys.exit(_MEMORY_EXIT)
        answer = ("unreadable", str(exc))
    except Exception:  # noqa: BLE001 - told to the parent, which logs it and says one sentence
        answer = ("crashed", traceback.format_exc())
    try:
        data = pickle.dumps((*answer, _peak_bytes()))
    except MemoryError:
        sys.exit(_MEMORY_EXIT)
    except Exception:  # noqa: BLE001 - a result that cannot be pickled
        data = pickle.dumps(("crashed", traceback.format_exc(), _peak_bytes()))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    # Given its answer, the child leaves without the interpreter's teardown: a library's C++ threads torn down at exit
    # must not turn a file read well into a crash. A child aborted (« terminate called without an active
    # exception », exit −6, 0.8 s, well under its memory ceiling) on a small workbook once in CI, under load.
    os._exit(0)


if __name__ == "__main__":
    _child()
