"""Validation of files received from outside, bounded in time and memory.

The upload gate refuses what it can see (sizes, zip ratios, DOCTYPE, macros) before any parser runs; what it
cannot see — a workbook built to be slow or huge once parsed — is parsed in a child Python process with a
memory ceiling and a deadline, so that the server, its caches and its database never pay for it. A fresh
interpreter (not a fork: the server has threads, and multiprocessing would re-run the Streamlit script as
__main__) receives the function and its arguments pickled on stdin and answers the same way on stdout.
"""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
from pathlib import Path

from pac_core.validate.files import Context, Validation, validate_files
from pac_core.validate.issues import IssueLog

SECONDS = float(os.environ.get("PAC_PARSE_SECONDS", "120"))  # a 500 000-row workbook reads in about 6 s here
MEMORY_BYTES = int(float(os.environ.get("PAC_PARSE_MEMORY_GB", "4")) * 1024 ** 3)
_MEMORY_EXIT = 75  # the child's exit code when the ceiling was hit


def _size(count: int) -> str:
    return f"{count / 1024 ** 3:.0f} Go" if count >= 1024 ** 3 else f"{count / 1024 ** 2:.0f} Mo"


def _refused(paths, sentence: str) -> Validation:
    log = IssueLog()
    log.error(", ".join(Path(path).name for path in paths), None, None, None, None, sentence)
    return Validation(log.finish(), None, unreadable=True)


class TooCostly(Exception):
    """Parsing hit a bound; str(exc) is one French sentence."""


def run_bounded(function, *args, seconds: float = SECONDS, memory_bytes: int = MEMORY_BYTES):
    """function(*args) (a module-level function) in a child process with a deadline and a memory ceiling:
    its result, the exception it raised, or TooCostly."""
    payload = pickle.dumps((memory_bytes, function, args))
    try:
        child = subprocess.run([sys.executable, "-m", "pac_core.validate.bounded"], input=payload,
                               capture_output=True, timeout=seconds, cwd=Path(__file__).resolve().parents[2])
    except subprocess.TimeoutExpired:
        raise TooCostly(f"La lecture a dépassé {seconds:.0f} s : un classeur ordinaire se lit en quelques "
                        "secondes. Le fichier est refusé ; enregistrez-le à nouveau depuis Excel, ou découpez-le "
                        "en plusieurs fichiers.") from None
    if child.returncode == _MEMORY_EXIT or (child.returncode != 0 and b"MemoryError" in child.stderr):
        raise TooCostly(f"La lecture demandait plus de {_size(memory_bytes)} de mémoire : le fichier est refusé. "
                        "Découpez-le en plusieurs fichiers plus petits.")
    if child.returncode != 0:
        raise RuntimeError(f"bounded parsing failed ({child.returncode}): {child.stderr.decode()[-2000:]}")
    failed, result = pickle.loads(child.stdout)  # our own child's answer
    if failed:
        raise result
    return result


def validate_bounded(paths, context: Context | None = None, *, seconds: float = SECONDS,
                     memory_bytes: int = MEMORY_BYTES) -> Validation:
    """validate_files in a child process: a file that needs more than `seconds` or `memory_bytes` to parse is
    refused in one French sentence, and the server is untouched."""
    paths = [str(path) for path in paths]
    try:
        return run_bounded(validate_files, paths, context, seconds=seconds, memory_bytes=memory_bytes)
    except TooCostly as exc:
        return _refused(paths, str(exc))


def _child() -> None:
    """The child's side: limit memory, run, answer (False, result) or (True, exception) on stdout."""
    memory_bytes, function, args = pickle.load(sys.stdin.buffer)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        answer = (False, function(*args))
    except MemoryError:
        sys.exit(_MEMORY_EXIT)
    except Exception as exc:  # noqa: BLE001 - sent back to the parent, which raises it
        answer = (True, exc)
    try:
        sys.stdout.buffer.write(pickle.dumps(answer))
    except MemoryError:
        sys.exit(_MEMORY_EXIT)


if __name__ == "__main__":
    _child()
