"""Copies of the database file: one before every import or undo (the last few kept), on demand, and restore.

A DuckDB database is one file; after a CHECKPOINT, with the store's lock held, nothing else writes to it,
so a plain file copy is a consistent backup (DuckDB's own EXPORT or ATTACH are closed to us on purpose:
the store disables file access from SQL).
"""

import datetime
import os
import re
import shutil
from pathlib import Path

import duckdb

from pac_core import clock

KEEP = int(os.environ.get("PAC_BACKUPS", "10"))  # automatic backups kept per database
_STAMP = re.compile(r"-(\d{8}-\d{6}-\d{6})(?:-[a-z0-9-]+)?\.duckdb$")


class RestoreError(Exception):
    """The backup cannot be restored; str(exc) is one French sentence."""


def backup_dir(db: Path) -> Path:
    """Backups live beside the database, in « sauvegardes/ »."""
    return db.parent / "sauvegardes"


def copy_database(db: Path, reason: str, keep: int | None = KEEP) -> Path:
    """Copy the (checkpointed) database file under a time-stamped name; keep the newest `keep` automatic ones."""
    folder = backup_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.utc_now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db.stem}-{stamp}-{reason}.duckdb"
    shutil.copy2(db, target)
    if keep is not None:
        automatic = sorted(path for path in backups(db) if path.name.endswith(("-avant-import.duckdb",
                                                                                "-avant-annulation.duckdb")))
        for old in automatic[:-keep] if keep > 0 else automatic:
            old.unlink(missing_ok=True)
    return target


def backups(db: Path) -> list[Path]:
    """The backups of this database, oldest first."""
    folder = backup_dir(db)
    if not folder.is_dir():
        return []
    found = [path for path in folder.glob(f"{db.stem}-*.duckdb") if _STAMP.search(path.name)]
    return sorted(found, key=lambda path: _STAMP.search(path.name).group(1))


def taken_at(backup: Path) -> datetime.datetime:
    """When a backup was taken, from its name's stamp (UTC, as stored times are)."""
    return datetime.datetime.strptime(_STAMP.search(backup.name).group(1), "%Y%m%d-%H%M%S-%f")


def restore(backup: Path, db: Path) -> Path | None:
    """Put `backup` in place of `db` (the app must be stopped). The file being replaced, even damaged, is
    kept beside it first. Returns that copy's path (None when there was no database)."""
    if not backup.is_file():
        raise RestoreError(f"La sauvegarde « {backup} » n'existe pas : « python -m pac_core backups » les liste.")
    try:
        con = duckdb.connect(str(backup), read_only=True)
        try:
            con.execute("SELECT count(*) FROM history.imports").fetchall()
        finally:
            con.close()
    except duckdb.Error:
        raise RestoreError(f"« {backup} » n'est pas une sauvegarde PAC Pilot lisible : choisissez-en une autre "
                           "(« python -m pac_core backups » les liste).") from None
    kept = None
    if db.exists():
        stamp = clock.utc_now().strftime("%Y%m%d-%H%M%S-%f")
        backup_dir(db).mkdir(parents=True, exist_ok=True)
        kept = backup_dir(db) / f"{db.stem}-{stamp}-remplacee.duckdb"
        shutil.move(db, kept)
        wal = db.with_name(db.name + ".wal")
        if wal.exists():
            shutil.move(wal, kept.with_name(kept.name + ".wal"))
    shutil.copy2(backup, db)
    return kept
