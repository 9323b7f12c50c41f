"""Files received by the app (bytes and the name the user gave them) validated like files on disk.

Each file is written under its original name, in its own folder of a temporary directory, so that every
message names the user's file, and two files with the same name do not overwrite each other.
"""

import contextlib
import tempfile
from pathlib import Path, PureWindowsPath

from pac_core.io.sheet import UnreadableFile
from pac_core.mapping.read import ForeignTable, read_foreign
from pac_core.validate import Context, Validation
from pac_core.validate.bounded import TooCostly, run_bounded, validate_bounded

FALLBACK_NAME = "fichier"


def safe_name(name: str) -> str:
    """The file's own name, without any folder a browser or a crafted request may put in front of it."""
    base = PureWindowsPath(Path(str(name)).name).name.strip()
    return base if base not in ("", ".", "..") else FALLBACK_NAME


@contextlib.contextmanager
def on_disk(files):
    """(name, bytes) pairs written to a temporary directory, one folder each; their paths, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="pac-upload-") as directory:
        paths = []
        for position, (name, data) in enumerate(files):
            folder = Path(directory) / str(position)
            folder.mkdir()
            path = folder / safe_name(name)
            path.write_bytes(bytes(data))
            paths.append(path)
        yield paths


def validate_uploads(files, context: Context | None = None) -> Validation:
    """Validate (name, bytes) pairs as one import, bounded in time and memory (validate/bounded.py); nothing
    stays on disk afterwards."""
    with on_disk(files) as paths:
        return validate_bounded(paths, context)


def read_foreign_uploads(files) -> tuple[list[ForeignTable], list[str]]:
    """Files not in our format read as raw tables for the column mapping (every sheet with a header row),
    and the French sentence of each file that cannot be read at all. The tables hold their cells in memory."""
    tables, unreadable = [], []
    with on_disk(files) as paths:
        for path in paths:
            read, refusal = read_foreign_bounded(path)
            tables.extend(read)
            if refusal:
                unreadable.append(refusal)
    return tables, unreadable


def read_foreign_bounded(path) -> tuple[list[ForeignTable], str | None]:
    """One file on disk read for the column mapping in a bounded child process (validate/bounded.py): its
    tables, or no table and the French sentence saying why it cannot be read."""
    try:
        return run_bounded(read_foreign, path), None
    except (UnreadableFile, TooCostly) as exc:
        return [], str(exc)
