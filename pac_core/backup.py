"""Copies of the database file: one before every import or undo (the last few kept), on demand, and restore.

A DuckDB database is one file; after a CHECKPOINT, with the store's lock held, nothing else writes to the blocks
and headers it uses (the write that follows writes elsewhere until it commits: see start_copy), so a plain file
copy is a consistent backup (DuckDB's own EXPORT or ATTACH are closed to us on purpose:
the store disables file access from SQL).

A copy is trusted only once it is whole: it is written under a hidden « .partiel » name, synced to disk, read
back in full by DuckDB, its SHA-256 written beside it (`<name>.sha256`, sha256sum's format: `sha256sum -c`
checks it by hand), and only then renamed to its listed name. A copy killed at any moment is never listed,
never restored, and removed by the next backup.
"""

import contextlib
import datetime
import hashlib
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from pac_core import clock
from pac_core.threads import Background

KEEP = int(os.environ.get("PAC_BACKUPS", "10"))  # automatic backups kept per database
AUTOMATIC = ("avant-import", "avant-annulation")
# Who may come in: kept from the current base at restore unless asked (--avec-comptes). Copied only when both
# files have the table, with the columns both have.
ACCESS_TABLES = ("history.accounts", "history.wall_tokens", "history.web_sessions", "history.sign_ins")
SESSION_TABLES = ("history.web_sessions",)  # never brought back from a backup: a signed-out browser stays out
# Always the current ones: restoring a backup must not rewind the audit log, nor the outbox (a message sent would
# be sent again).
AUDIT_TABLES = ("history.sign_ins", "history.outbox", "history.outbox_attempts")
PARTIAL = ".partiel"
CHECKSUM = ".sha256"
_HEADERS = 3 * 4096  # DuckDB's file and database headers, before the first block
_CHUNK = 1 << 20
_STAMP = re.compile(r"-(\d{8}-\d{6}-\d{6})(?:-[a-z0-9-]+)?\.duckdb$")
_SIZE = re.compile(r"^# .*\bsize=(\d+)", re.MULTILINE)
_DIGEST = re.compile(r"^([0-9a-f]{64}) [ *]", re.MULTILINE)
_writing = threading.Lock()  # two stores on one file in one process still write one backup at a time


class BackupError(Exception):
    """The copy could not be written or does not read back; str(exc) is one French sentence."""


class RestoreError(Exception):
    """The backup cannot be restored; str(exc) is one French sentence."""


def backup_dir(db: Path) -> Path:
    """Backups live beside the database, in « sauvegardes/ »."""
    return db.parent / "sauvegardes"


def checksum_path(backup: Path) -> Path:
    return backup.with_name(backup.name + CHECKSUM)


# -- writing -----------------------------------------------------------------------------------------------
def copy_database(db: Path, reason: str, keep: int | None = KEEP, source: int | None = None) -> Path:
    """Copy the (checkpointed) database file under a time-stamped name, verified, with its checksum; keep the
    newest `keep` automatic ones. `source`: the holder's own descriptor of the file (Store._file), read without
    opening the file again — closing another descriptor of it would drop DuckDB's lock."""
    return start_copy(db, reason, keep, source).finish()


def start_copy(db: Path, reason: str, keep: int | None = KEEP, source: int | None = None) -> "PendingCopy":
    """copy_database in two halves: the copy is written, synced and read back in a thread while the caller writes
    in its transaction; PendingCopy.finish() waits for it, lists the copy and raises BackupError if it could not be
    written or read back. An import commits only after finish(): the copy still stops the write it protects.

    Why a copy taken beside a write is the base of before: after the CHECKPOINT, a transaction writes only blocks
    that the checkpointed file does not use (DuckDB's optimistic writes go to free blocks or past the end), and
    the file's headers change only at the next checkpoint, after the commit that follows finish(). The copy takes
    the file's length of before; its full read-back by DuckDB checks every block it uses."""
    folder = backup_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    _writing.acquire()
    try:
        _remove_leftovers(db)
        stamp = clock.utc_now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{db.stem}-{stamp}-{reason}.duckdb"
        try:
            length = os.fstat(source).st_size if source is not None else db.stat().st_size
        except OSError as exc:
            _give_up(db, target, exc)
    except BaseException:
        _writing.release()
        raise
    return PendingCopy(db, target, length, keep, source)


class PendingCopy:
    """A copy being written, synced and read back in a thread (see start_copy)."""

    def __init__(self, db: Path, target: Path, length: int, keep: int | None, source: int | None = None):
        self.db, self.target, self.keep = db, target, keep
        self._copy = Background(_copy_and_read, db if source is None else source, self.partial, length)
        self._done = False

    @property
    def partial(self) -> Path:
        return self.target.with_name(f".{self.target.name}{PARTIAL}")

    def finish(self) -> Path:
        """Wait for the copy and its read-back, record the checksum, give the copy its listed name, prune the old
        ones."""
        if self._done:
            return self.target
        self._done = True
        try:
            try:
                digest, rows = self._copy.result()
                _write_checksum(self.target, digest, self.partial.stat().st_size, rows)
                os.replace(self.partial, self.target)
                _sync_folder(self.target.parent)
            except (OSError, duckdb.Error) as exc:
                _give_up(self.db, self.target, exc)
            if self.keep is not None:
                automatic = [path for path in _named(self.db)
                             if path.name.endswith(tuple(f"-{r}.duckdb" for r in AUTOMATIC))]
                for old in automatic[:-self.keep] if self.keep > 0 else automatic:
                    old.unlink(missing_ok=True)
                    checksum_path(old).unlink(missing_ok=True)
        finally:
            _writing.release()
        return self.target


def _copy_and_read(source: "Path | int", target: Path, length: int) -> tuple[str, int]:
    """The copy's SHA-256 and the rows read back from it, at a lower priority than the write it runs beside (Linux
    sets priorities per thread): the copy takes the core the import leaves idle, not the import's."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, 0) + 10)
    digest = _copy_synced(source, target, length)
    return digest, read_in_full(target)


def _give_up(source: Path, target: Path, exc: Exception):
    """Remove what was written of a copy and say why in French (raises BackupError)."""
    target.with_name(f".{target.name}{PARTIAL}").unlink(missing_ok=True)
    checksum_path(target).unlink(missing_ok=True)
    raise BackupError(f"La sauvegarde de « {source} » n'a pas pu être écrite ou relue ({type(exc).__name__} : "
                      f"{str(exc)[:200]}) : la base n'a pas été modifiée ; vérifiez la place et l'état du "
                      f"disque du dossier {target.parent}.") from None


def _copy_synced(source: "Path | int", target: Path, length: int) -> str:
    """Copy the first `length` bytes in one pass, hashing what is written; return the SHA-256. `source` is a path,
    or a descriptor read by position (never closed here: see copy_database)."""
    digest = hashlib.sha256()
    with contextlib.ExitStack() as files:
        reader = files.enter_context(open(source, "rb")) if not isinstance(source, int) else None
        writer = files.enter_context(open(target, "wb"))
        offset = 0
        while offset < length:
            chunk = reader.read(min(_CHUNK, length - offset)) if reader is not None \
                else os.pread(source, min(_CHUNK, length - offset), offset)
            if not chunk:
                break
            digest.update(chunk)
            writer.write(chunk)
            offset += len(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest()


def _write_checksum(backup: Path, digest: str, size: int, rows: int) -> None:
    """`sha256sum -c` reads this file (it skips the « # » line, which the listing reads for the size)."""
    text = f"# pac-pilot size={size} rows={rows}\n{digest}  {backup.name}\n"
    partial = backup.with_name(f".{backup.name}{CHECKSUM}{PARTIAL}")
    with open(partial, "w", encoding="ascii") as writer:
        writer.write(text)
        writer.flush()
        os.fsync(writer.fileno())
    os.replace(partial, checksum_path(backup))


def _sync_folder(folder: Path) -> None:
    """A rename is durable once its folder is synced."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_leftovers(db: Path) -> None:
    """Copies interrupted before their rename, and checksums left without their copy."""
    folder = backup_dir(db)
    for partial in folder.glob(f".{db.stem}-*{PARTIAL}"):
        partial.unlink(missing_ok=True)
    for checksum in folder.glob(f"{db.stem}-*.duckdb{CHECKSUM}"):
        if not checksum.with_name(checksum.name.removesuffix(CHECKSUM)).exists():
            checksum.unlink(missing_ok=True)


# -- reading back ------------------------------------------------------------------------------------------
def read_in_full(path: Path) -> int:
    """Open read-only and read every row of every table (DuckDB checks each block against its own checksum);
    return the row count. A file shorter than the blocks it uses is refused before any read. One thread: it reads
    beside the import it protects, which has the machine's cores (start_copy)."""
    con = duckdb.connect(str(path), read_only=True, config={"threads": 1})
    try:
        _check_length(con, path)
        con.execute("SELECT count(*) FROM history.imports").fetchall()
        tables = con.execute("SELECT table_schema, table_name FROM information_schema.tables "
                             "WHERE table_type = 'BASE TABLE' ORDER BY ALL").fetchall()
        rows = 0
        for schema, name in tables:  # names read from the file's own catalogue, quoted
            quoted = '"{}"."{}"'.format(schema.replace('"', '""'), name.replace('"', '""'))
            rows += con.execute(f"SELECT count(*), sum(hash(t)) FROM {quoted} AS t").fetchall()[0][0]
        return rows
    finally:
        con.close()


def _check_length(con, path: Path) -> None:
    """A cheap lower bound: the file holds at least its used blocks (DuckDB cuts free blocks off its end, so the
    declared total may exceed the file; the full read finds what this misses)."""
    block_size, used = con.execute("SELECT block_size, used_blocks FROM pragma_database_size()").fetchall()[0]
    if path.stat().st_size < _HEADERS + block_size * used:
        raise duckdb.IOException(f"{path.stat().st_size} octets pour {used} blocs utilisés")


def recorded(backup: Path) -> tuple[str, int] | None:
    """The checksum and size written beside a backup, or None when there is none (or it cannot be read)."""
    try:
        text = checksum_path(backup).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    digest, size = _DIGEST.search(text), _SIZE.search(text)
    return (digest.group(1), int(size.group(1))) if digest and size else None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as reader:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# -- listing -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Listing:
    """A database's backups, oldest first, by how far they can be trusted."""

    verified: list[Path]  # checksum recorded and size matching: restorable (checksum checked in full then)
    legacy: list[Path] = field(default_factory=list)  # from before checksums, complete as far as DuckDB says
    damaged: list[Path] = field(default_factory=list)  # short, altered or unreadable: never restored


def _named(db: Path) -> list[Path]:
    """Every file named as a backup of this database, oldest first."""
    folder = backup_dir(db)
    if not folder.is_dir():
        return []
    name = re.compile(re.escape(db.stem) + _STAMP.pattern)
    found = [path for path in folder.glob(f"{db.stem}-*.duckdb") if name.fullmatch(path.name)]
    return sorted(found, key=lambda path: _STAMP.search(path.name).group(1))


def listing(db: Path) -> Listing:
    """Sorted by trust; cheap: sizes against their checksum file, and old copies without one opened only."""
    verified, legacy, damaged = [], [], []
    for path in _named(db):
        found = recorded(path)
        if found is not None:
            (verified if path.stat().st_size == found[1] else damaged).append(path)
        elif checksum_path(path).exists():
            damaged.append(path)
        else:
            (legacy if _opens_whole(path) else damaged).append(path)
    return Listing(verified, legacy, damaged)


def _opens_whole(path: Path) -> bool:
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            _check_length(con, path)
        finally:
            con.close()
    except (OSError, duckdb.Error):
        return False
    return True


def backups(db: Path) -> list[Path]:
    """The complete, verified backups of this database, oldest first."""
    return listing(db).verified


def taken_at(backup: Path) -> datetime.datetime:
    """When a backup was taken, from its name's stamp (UTC, as stored times are)."""
    return datetime.datetime.strptime(_STAMP.search(backup.name).group(1), "%Y%m%d-%H%M%S-%f")


# -- restoring ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Restored:
    kept: Path | None  # the replaced file, kept in sauvegardes/ (None when there was none)
    notes: list[str]  # French sentences: whose accounts the restored base has, how the backup was checked


def restore(backup: Path, db: Path, *, with_accounts: bool = False) -> Restored:
    """Put `backup` in place of `db` (the app must be stopped), atomically: the restored base is built beside it
    under a temporary name, then swapped in. The current accounts and wall tokens are kept unless
    `with_accounts`; a backup without any account never replaces those of a base that has some."""
    from pac_core.store import StoreError  # the store imports this module

    notes = [note for note in [check(backup)] if note]
    current = _read_access(db)
    building = db.with_name(f".{db.name}.restauration")
    _remove_database(building)
    try:
        _copy_synced(backup, building, backup.stat().st_size)
        if db.exists():
            shutil.copymode(db, building)
        notes += _set_access(building, current, with_accounts)
        if building.with_name(building.name + ".wal").exists():
            raise duckdb.IOException("journal restant après fermeture")
        read_in_full(building)
    except Exception as exc:  # the store's migrations included: the current base is untouched
        _remove_database(building)
        why = str(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__} : {str(exc)[:200]}"
        raise RestoreError(f"« {backup} » n'a pas pu être préparée pour la restauration ({why}) : la base actuelle "
                           "n'a pas été modifiée.") from None
    kept = _keep_replaced(db)
    os.replace(building, db)
    _sync_folder(db.parent)
    if kept is not None and not kept.with_name(kept.name + ".wal").exists():
        try:
            _write_checksum(kept, sha256_of(kept), kept.stat().st_size, read_in_full(kept))
        except (OSError, duckdb.Error):
            notes.append(f"L'ancienne base, gardée dans {kept}, ne se relit pas entière : elle ne sera pas "
                         "proposée à la restauration.")
    return Restored(kept, notes)


def check(backup: Path) -> str | None:
    """Refuse, in French, a backup that is missing, interrupted, altered or unreadable; return a note for an old
    one without checksum (accepted only once read in full)."""
    hint = "choisissez-en une autre (« python -m pac_core backups » liste celles qui sont complètes)."
    if not backup.is_file():
        raise RestoreError(f"La sauvegarde « {backup} » n'existe pas : « python -m pac_core backups » les liste.")
    if backup.name.endswith(PARTIAL):
        raise RestoreError(f"« {backup} » est une sauvegarde interrompue avant la fin : elle ne peut pas être "
                           f"remise en place ; {hint}")
    found = recorded(backup)
    if found is None and checksum_path(backup).exists():
        raise RestoreError(f"La somme de contrôle de « {backup} » est illisible : la sauvegarde ne peut pas être "
                           f"vérifiée ; {hint}")
    if found is not None and (backup.stat().st_size != found[1] or sha256_of(backup) != found[0]):
        raise RestoreError(f"« {backup} » ne correspond plus à sa somme de contrôle (fichier tronqué ou altéré) : "
                           f"elle n'est pas remise en place ; {hint}")
    try:
        read_in_full(backup)
    except (OSError, duckdb.Error):
        raise RestoreError(f"« {backup} » n'est pas une sauvegarde PAC Pilot lisible en entier : {hint}") from None
    if found is None:
        return (f"« {backup.name} » n'a pas de somme de contrôle (sauvegarde d'une version précédente, ou fichier "
                "venu d'ailleurs) : elle a été relue en entier avant d'être remise en place.")
    return None


@dataclass(frozen=True)
class _Access:
    """The current base's access tables (name -> rows), or why they cannot be read."""

    tables: dict[str, pa.Table]
    accounts: int
    unreadable: bool = False


def _read_access(db: Path) -> _Access | None:
    """What the current base holds of ACCESS_TABLES; None when there is no base."""
    if not db.exists():
        return None
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return _Access({}, 0, unreadable=True)
    try:
        present = _present(con)
        tables = {name: con.sql(f"SELECT * FROM {name}").to_arrow_table() for name in present}
    except duckdb.Error:
        return _Access({}, 0, unreadable=True)
    finally:
        con.close()
    accounts = tables["history.accounts"].num_rows if "history.accounts" in tables else 0
    return _Access(tables, accounts)


def _present(con) -> list[str]:
    """ACCESS_TABLES a file has (names from our own constant, never from the file)."""
    found = {name for (name,) in con.execute("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                                              "WHERE table_type = 'BASE TABLE'").fetchall()}
    return [name for name in ACCESS_TABLES if name in found]


def _set_access(building: Path, current: _Access | None, with_accounts: bool) -> list[str]:
    """Open the copy with the store (its migrations apply), decide whose access tables it keeps, write them in
    one transaction, checkpoint. Returns what to tell the user."""
    from pac_core.store import Store  # the store imports this module

    with Store(building) as store:
        in_backup = store.scalar("SELECT count(*) FROM history.accounts")
        keep_current, notes = _whose_access(current, in_backup, with_accounts)
        columns = _columns(store)
        with store.transaction() as con:
            for name in columns if keep_current else [t for t in SESSION_TABLES + AUDIT_TABLES if t in columns]:
                con.execute(f"DELETE FROM {name}")
                rows = current.tables.get(name) if current and (keep_current or name in AUDIT_TABLES) else None
                if rows is None:
                    continue
                shared = [column for column in columns[name] if column in rows.column_names]
                listed = ", ".join(f'"{column}"' for column in shared)
                con.register("current_rows", rows.select(shared))
                try:
                    con.execute(f"INSERT INTO {name} ({listed}) SELECT {listed} FROM current_rows")
                finally:
                    con.unregister("current_rows")
        cursor = store.cursor()
        try:
            cursor.execute("CHECKPOINT")
        finally:
            cursor.close()
        if not store.scalar("SELECT count(*) FROM history.accounts"):
            notes.append("La base restaurée n'a aucun compte : l'application est en mode local ouvert (tout visiteur "
                         "est admin) jusqu'à la création d'un compte (« python -m pac_core user add NOM --role "
                         "admin »).")
    return notes


def _columns(store) -> dict[str, list[str]]:
    """The columns of each access table the store's file has."""
    cursor = store.cursor()
    try:
        return {name: [column for (column,) in cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema || '.' || table_name = ? "
            "ORDER BY ordinal_position", [name]).fetchall()] for name in _present(cursor)}
    finally:
        cursor.close()


def _whose_access(current: _Access | None, in_backup: int, with_accounts: bool) -> tuple[bool, list[str]]:
    """True to keep the current base's access tables; and the sentence saying whose the restored base has."""
    if current is None:
        return False, []
    if current.unreadable:
        return False, ["La base actuelle est illisible : ses comptes ne peuvent pas être repris, ceux de la "
                       "sauvegarde sont remis en place."]
    if with_accounts and in_backup:
        return False, ["Les comptes et jetons muraux de la sauvegarde sont remis en place (--avec-comptes) ; "
                       "chacun se reconnecte."]
    if with_accounts and current.accounts:
        return True, ["La sauvegarde date d'avant le premier compte : les comptes et jetons muraux actuels sont "
                      "gardés malgré --avec-comptes, pour ne pas rouvrir l'application à tout le monde."]
    if not current.accounts and in_backup:
        return False, ["La base actuelle n'a aucun compte : ceux de la sauvegarde sont remis en place, pour ne "
                       "pas laisser l'application ouverte à tout le monde."]
    return True, ["Les comptes et jetons muraux actuels sont gardés (--avec-comptes pour reprendre ceux de la "
                  "sauvegarde)."]


def _keep_replaced(db: Path) -> Path | None:
    """The file about to be replaced, even damaged, kept in sauvegardes/ (a hard link: instant), with its log."""
    if not db.exists():
        return None
    stamp = clock.utc_now().strftime("%Y%m%d-%H%M%S-%f")
    backup_dir(db).mkdir(parents=True, exist_ok=True)
    kept = backup_dir(db) / f"{db.stem}-{stamp}-remplacee.duckdb"
    try:
        os.link(db, kept)
    except OSError:
        shutil.copy2(db, kept)
    wal = db.with_name(db.name + ".wal")
    if wal.exists():  # left beside the restored file, DuckDB would replay it into it
        os.replace(wal, kept.with_name(kept.name + ".wal"))
    return kept


def _remove_database(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
