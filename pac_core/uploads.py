"""Files received by the app (bytes and the name the user gave them) validated like files on disk.

Each file is written in its own folder of a temporary directory, under the user's name cleaned of what a name
cannot hold (folders, control and bidi characters) and shortened when the file system would refuse it; every
message names the user's file, and two files with the same name do not overwrite each other. Parses are bounded
(validate/bounded.py) and counted per account (ParseQuota).
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import tempfile
import threading
import time
from pathlib import Path, PureWindowsPath

from pac_core.io.sheet import UnreadableFile
from pac_core.mapping.read import ForeignTable, read_foreign
from pac_core.text import without_hidden
from pac_core.validate import Context, Validation
from pac_core.validate.bounded import budget_for, names_of, refusal, run_bounded, shape_of, validate_bounded

FALLBACK_NAME = "fichier"
MAX_DISK_NAME_BYTES = 120  # well under the 255 bytes of a name on Linux, with room for any extension
MAX_EXTENSION = 12
PARSES_PER_ACCOUNT = 20
PARSE_WINDOW_SECONDS = 600


def safe_name(name: str) -> str:
    """The file's own name, without any folder a browser or a crafted request may put in front of it, nor the
    control, bidi and zero-width characters that would hide what it is (« \\u202evsc.exe.csv »)."""
    base = PureWindowsPath(Path(str(name)).name).name
    base = " ".join(without_hidden(base).split())  # line breaks and tabs as single spaces
    return base if base not in ("", ".", "..") else FALLBACK_NAME


def disk_name(name: str) -> str:
    """safe_name, cut to MAX_DISK_NAME_BYTES in UTF-8 with its extension kept (a 300-character name is refused by
    the file system: « File name too long »)."""
    shown = safe_name(name)
    if len(shown.encode()) <= MAX_DISK_NAME_BYTES:
        return shown
    stem, dot, extension = shown.rpartition(".")
    if not dot or not stem or len(extension) > MAX_EXTENSION:
        stem, extension = shown, ""
    extension = f".{extension}" if extension else ""
    room = MAX_DISK_NAME_BYTES - len(extension.encode()) - len("…".encode())
    return stem.encode()[:room].decode(errors="ignore") + "…" + extension


@contextlib.contextmanager
def on_disk(files):
    """(name, bytes) pairs written to a temporary directory, one folder each; their paths, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="pac-upload-") as directory:
        paths = []
        for position, (name, data) in enumerate(files):
            folder = Path(directory) / str(position)
            folder.mkdir()
            path = folder / disk_name(name)
            path.write_bytes(bytes(data))
            paths.append(path)
        yield paths


def _shown_names(files, paths) -> dict[str, str]:
    """On-disk name → the name messages show, for the names shortened on disk."""
    return {path.name: safe_name(name) for (name, _), path in zip(files, paths) if path.name != safe_name(name)}


def validate_uploads(files, context: Context | None = None, on_wait=None) -> Validation:
    """Validate (name, bytes) pairs as one import, bounded in time and memory (validate/bounded.py); nothing
    stays on disk afterwards. `on_wait()` is called if the parse must wait for a free slot."""
    files = list(files)
    try:
        with on_disk(files) as paths:
            return _renamed(validate_bounded(paths, context, on_wait=on_wait), _shown_names(files, paths))
    except OSError:  # the temporary folder: disk full, permissions
        return refusal([safe_name(name) for name, _ in files], _NOT_WRITTEN)


def read_foreign_uploads(files, on_wait=None) -> tuple[list[ForeignTable], list[str]]:
    """Files not in our format read as raw tables for the column mapping (every sheet with a header row),
    and the French sentence of each file that cannot be read at all. The tables hold their cells in memory."""
    files = list(files)
    tables, unreadable = [], []
    try:
        with on_disk(files) as paths:
            shown = _shown_names(files, paths)
            for path in paths:
                read, sentence = read_foreign_bounded(path, on_wait)
                tables.extend(_renamed_table(table, shown) for table in read)
                if sentence:
                    unreadable.append(_replaced(sentence, shown))
    except OSError:
        return [], [_NOT_WRITTEN]
    return tables, unreadable


def read_foreign_bounded(path, on_wait=None) -> tuple[list[ForeignTable], str | None]:
    """One file on disk read for the column mapping in a bounded child process (validate/bounded.py): its
    tables, or no table and the French sentence saying why it cannot be read."""
    try:
        budget = budget_for([shape_of(path)])
        return run_bounded(read_foreign, path, names=names_of([path]), budget=budget, on_wait=on_wait), None
    except UnreadableFile as exc:
        return [], str(exc)


_NOT_WRITTEN = ("Les fichiers déposés n'ont pas pu être enregistrés pour leur lecture (disque du serveur plein ?) : "
                "réessayez dans quelques minutes, ou prévenez l'administrateur.")


# --------------------------------------------------------------------------------------------------------------
# Names shortened on disk, shown as the user gave them


def _replaced(text, shown: dict[str, str]):
    if not shown or text is None:
        return text
    for on_disk_name, name in shown.items():
        text = text.replace(on_disk_name, name)
    return text


def _renamed(validation: Validation, shown: dict[str, str]) -> Validation:
    if not shown:
        return validation
    validation.issues = [_renamed_issue(issue, shown) for issue in validation.issues]
    if validation.batch is not None:
        validation.batch.files = [dataclasses.replace(file, name=_replaced(file.name, shown))
                                  for file in validation.batch.files]
    return validation


def _renamed_issue(issue, shown: dict[str, str]):
    return dataclasses.replace(issue, source=_replaced(issue.source, shown), sheet=_replaced(issue.sheet, shown),
                               message=_replaced(issue.message, shown))


def _renamed_table(table: ForeignTable, shown: dict[str, str]) -> ForeignTable:
    if not shown:
        return table
    table.file = dataclasses.replace(table.file, name=_replaced(table.file.name, shown))
    table.sheet.source = _replaced(table.sheet.source, shown)
    table.sheet.name = _replaced(table.sheet.name, shown)
    table.log.issues = [_renamed_issue(issue, shown) for issue in table.log.issues]
    return table


# --------------------------------------------------------------------------------------------------------------
# A rate per account


class ParseQuota:
    """At most `limit` checks of uploaded files per account in any `window` seconds, across the sessions of this
    server process: each one starts a parse, and the bounds of one parse do not stop a loop of them."""

    def __init__(self, limit: int = PARSES_PER_ACCOUNT, window: float = PARSE_WINDOW_SECONDS, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._times: dict[str, collections.deque] = collections.defaultdict(collections.deque)
        self._lock = threading.Lock()

    def take(self, account: str) -> str | None:
        """Count one check for `account`: None when allowed, else the French sentence refusing it."""
        now = self.clock()
        with self._lock:
            times = self._times[account.casefold()]
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                wait = max(1, int(times[0] + self.window - now + 59) // 60)
                return (f"Vous avez déposé {self.limit} fois des fichiers en {int(self.window // 60)} minutes, le "
                        f"maximum : réessayez dans {wait} minute{'s' if wait > 1 else ''}. Rien n'a été lu ni importé.")
            times.append(now)
            return None


PARSE_QUOTA = ParseQuota()
