"""Validation of files received from outside, bounded in time and memory.

The upload gate refuses what it can see (sizes, zip ratios, DOCTYPE, macros) before any parser runs; what it
cannot see — a workbook built to be slow or huge once parsed — is parsed in a child process with a memory
ceiling and a deadline, so that the server, its caches and its database never pay for it. The child forks
from a small server process that has loaded only the readers (no DuckDB, no Streamlit threads).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from pathlib import Path

from pac_core.validate.files import Context, Validation, validate_files
from pac_core.validate.issues import IssueLog

SECONDS = float(os.environ.get("PAC_PARSE_SECONDS", "120"))  # a 500 000-row workbook reads in about 6 s here
MEMORY_BYTES = int(float(os.environ.get("PAC_PARSE_MEMORY_GB", "4")) * 1024 ** 3)

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["pac_core.validate.files"])


def _limit_memory(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _size(count: int) -> str:
    return f"{count / 1024 ** 3:.0f} Go" if count >= 1024 ** 3 else f"{count / 1024 ** 2:.0f} Mo"


def _refused(paths, sentence: str) -> Validation:
    log = IssueLog()
    log.error(", ".join(Path(path).name for path in paths), None, None, None, None, sentence)
    return Validation(log.finish(), None, unreadable=True)


class TooCostly(Exception):
    """Parsing hit a bound; str(exc) is one French sentence."""


def run_bounded(function, *args, seconds: float = SECONDS, memory_bytes: int = MEMORY_BYTES):
    """function(*args) in a child process with a deadline and a memory ceiling, or TooCostly."""
    with _context.Pool(1, initializer=_limit_memory, initargs=(memory_bytes,), maxtasksperchild=1) as pool:
        pending = pool.apply_async(function, args)
        try:
            return pending.get(timeout=seconds)
        except multiprocessing.TimeoutError:
            pool.terminate()
            raise TooCostly(f"La lecture a dépassé {seconds:.0f} s : un classeur ordinaire se lit en quelques "
                            "secondes. Le fichier est refusé ; enregistrez-le à nouveau depuis Excel, ou découpez-le "
                            "en plusieurs fichiers.") from None
        except MemoryError:
            raise TooCostly(f"La lecture demandait plus de {_size(memory_bytes)} de mémoire : le fichier est refusé. "
                            "Découpez-le en plusieurs fichiers plus petits.") from None


def validate_bounded(paths, context: Context | None = None, *, seconds: float = SECONDS,
                     memory_bytes: int = MEMORY_BYTES) -> Validation:
    """validate_files in a child process: a file that needs more than `seconds` or `memory_bytes` to parse is
    refused in one French sentence, and the server is untouched."""
    paths = [str(path) for path in paths]
    try:
        return run_bounded(validate_files, paths, context, seconds=seconds, memory_bytes=memory_bytes)
    except TooCostly as exc:
        return _refused(paths, str(exc))
