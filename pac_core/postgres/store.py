"""The store kept in PostgreSQL, for several app servers on one base (PAC_DB=postgresql://…).

PostgreSQL keeps every history table (imports and their undo, plan versions, decisions, mappings, comments,
bilans, accounts, sessions, wall tokens, the outbox). Each server computes on an in-memory DuckDB loaded from it, so
the KPI engine runs the same SQL as with the DuckDB file, as fast. A write — the same Store methods — runs in
DuckDB as always, inside one PostgreSQL transaction holding the writers' advisory lock: a server whose copy is
behind reloads it first, and the rows the write changed are pushed before PostgreSQL commits; if anything fails,
PostgreSQL rolls back and this server reloads what PostgreSQL holds. Every server polls the data version
(`PAC_PG_POLL` seconds, 5 by default) and reloads when another one wrote.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time

import duckdb

from pac_core import catalogue
from pac_core.postgres import tables
from pac_core.postgres.connect import SCHEMA, check_database_is_ours, connect, masked
from pac_core.store import (CURRENT_TABLES, MIGRATIONS, Store, StoreError, _harden, _refresh_views, _use_utc,
                            migrate, rebuild_current)

log = logging.getLogger(__name__)
WRITERS_LOCK = 0x50414350  # « PACP »: the advisory lock every server's writes take
SESSION_SETTINGS = "SET DateStyle = ISO; SET extra_float_digits = 1; SET bytea_output = hex; SET TimeZone = 'UTC'"


BACKUPS = ("Avec PostgreSQL, les sauvegardes sont celles du serveur : pg_dump pour en faire une, pg_restore pour la "
           "remettre (voir le README, « Plusieurs serveurs : PostgreSQL »). Chaque import reste annulable : page "
           "Données, ou python -m pac_core undo N.")


def poll_seconds() -> float:
    return float(os.environ.get("PAC_PG_POLL", "5"))


class PostgresStore(Store):
    def __init__(self, url: str, *, read_only: bool = False, migrations=MIGRATIONS):
        self.url = url
        self.path = masked(url)  # what messages and cache keys show: never the password
        self._start(read_only)
        self._file = None
        self._writing_depth = 0
        self._version: int | None = None  # PostgreSQL's data version this server's DuckDB holds
        self._tables: dict[str, int] = {}  # each table → the data version that last changed it, as held here
        self._polled = time.monotonic()
        self._pg = self._connect()
        self.database = self._pg.info.dbname
        self._con = duckdb.connect(":memory:")
        _use_utc(self._con)
        self._mirror = tables.Mirror(self._con)
        if read_only:
            self._reload()
        else:
            with self._writing():
                self.schema_version = migrate(self._con, migrations)
                _refresh_views(self._con)
        self._compact_current()
        _harden(self._con)
        self._use_catalogue()

    def _connect(self):
        connection = connect(self.url, autocommit=True)  # transactions are begun and ended explicitly here
        connection.execute(SESSION_SETTINGS)
        return connection

    def _pg_ready(self):
        """The connection, reopened when the server went away (a restart of PostgreSQL, a network cut)."""
        if self._pg.closed or self._pg.broken:
            with contextlib.suppress(Exception):
                self._pg.close()
            self._pg = self._connect()  # what was missed meanwhile, the data version says
        return self._pg

    # -- writing: one PostgreSQL transaction around each write ------------------------------------------------------
    @contextlib.contextmanager
    def _writing(self):
        with self._lock:
            if self._writing_depth:  # a write inside a write (a method calling another): the outer one pushes
                self._writing_depth += 1
                try:
                    yield
                finally:
                    self._writing_depth -= 1
                return
            import psycopg

            self._writing_depth = 1
            try:
                pg = self._begin_write()
                try:
                    yield
                    version = self._version
                    changed = tables.push(pg, self._con, self._mirror)
                    if changed:
                        version = pg.execute(f"UPDATE {SCHEMA}.pac_meta SET data_version = data_version + 1, "
                                             "changed_at = now() RETURNING data_version").fetchone()[0]
                        tables.mark(pg, changed, version)
                        pg.execute(f"NOTIFY {SCHEMA}, '{version}'")
                    pg.execute("COMMIT")
                    self._version = version
                    self._tables.update({name: version for name, _ in changed})
                except BaseException as exc:
                    with contextlib.suppress(Exception):
                        pg.execute("ROLLBACK")
                    self._recover()
                    if isinstance(exc, psycopg.Error):
                        raise StoreError(f"PostgreSQL ({self.path}) n'a pas pu enregistrer cette écriture : rien "
                                         "n'a été enregistré. Réessayez dans un instant.") from None
                    raise
            finally:
                self._writing_depth = 0

    def _begin_write(self):
        """PostgreSQL's transaction begun with the writers' lock held, this server's copy brought up to date."""
        import psycopg

        for attempt in (1, 2):
            try:
                pg = self._pg_ready()
                pg.execute("BEGIN")
                pg.execute("SELECT pg_advisory_xact_lock(%s)", [WRITERS_LOCK])
                if not check_database_is_ours(pg, self.database):
                    tables.create_schema(pg)
                version = pg.execute(f"SELECT data_version FROM {SCHEMA}.pac_meta").fetchone()[0]
                if version != self._version:
                    self._load(pg)
                    self._version = version
                return pg
            except psycopg.OperationalError:
                with contextlib.suppress(Exception):
                    self._pg.close()
                if attempt == 2:
                    raise StoreError(f"Le serveur PostgreSQL ({self.path}) ne répond pas : rien n'a été "
                                     "enregistré. Réessayez quand il sera revenu.") from None
            except StoreError:
                with contextlib.suppress(Exception):
                    self._pg.execute("ROLLBACK")
                raise

    def _recover(self) -> None:
        """After a failed write: this server's DuckDB may hold rows PostgreSQL does not; read it again, whole."""
        self._version, self._tables = None, {}
        try:
            self._reload()
        except Exception:  # PostgreSQL away: the next write or poll reloads
            log.warning("reloading from PostgreSQL after a failed write failed", exc_info=True)

    # -- reading: what another server wrote ------------------------------------------------------------------------
    def refresh(self, force: bool = False) -> bool:
        """Reload when PostgreSQL's data version moved (another server wrote); at most every PAC_PG_POLL seconds
        unless forced, and never while this server writes. True when something was reloaded."""
        if not force and time.monotonic() - self._polled < poll_seconds():
            return False
        if not self._lock.acquire(blocking=False):
            return False
        try:
            self._polled = time.monotonic()
            version = None
            for attempt in (1, 2):  # a connection cut since the last look (PostgreSQL restarted) is reopened once
                try:
                    version = self._pg_ready().execute(f"SELECT data_version FROM {SCHEMA}.pac_meta").fetchone()[0]
                    break
                except Exception:  # PostgreSQL away: the screens keep showing what this server holds
                    with contextlib.suppress(Exception):
                        self._pg.close()
                    if attempt == 2:
                        log.warning("polling PostgreSQL failed", exc_info=True)
                        return False
            if version == self._version:
                return False
            self._reload()
            return True
        finally:
            self._lock.release()

    def _reload(self) -> None:
        """Everything PostgreSQL holds, read in one snapshot into this server's DuckDB."""
        with self._lock:
            pg = self._pg_ready()
            pg.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                if not check_database_is_ours(pg, self.database):
                    raise StoreError(f"La base PostgreSQL « {self.database} » est vide : ouvrez-la une première fois "
                                     "avec PAC Pilot (sans lecture seule) pour la préparer.")
                version = pg.execute(f"SELECT data_version FROM {SCHEMA}.pac_meta").fetchone()[0]
                self._load(pg)
            finally:
                with contextlib.suppress(Exception):
                    pg.execute("COMMIT")
            self._version = version
            if not self._has_views():  # a server opening the base read-only: its views, in its own memory
                _refresh_views(self._con)
                self._compact_current()
            if not self.closed:
                self._use_catalogue()

    def _has_views(self) -> bool:
        return bool(self._con.execute("SELECT count(*) FROM duckdb_views() WHERE schema_name = 'history' "
                                      "AND view_name = 'latest_actions'").fetchall()[0][0])

    def _load(self, pg) -> None:
        con = self._con
        con.execute("BEGIN TRANSACTION")
        try:
            versions, read = tables.load(pg, con, self._tables)
            if set(read) & tables.FIGURES and self._has_views():
                rebuild_current(con)  # the current tables follow (at opening, _refresh_views builds them)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            self._tables = {}
            raise
        self._tables = versions
        self._mirror.keep_all(read)
        if set(read) & tables.FIGURES and self._has_views():
            self._compact_current()

    def _compact_current(self) -> None:
        """The current tables rewritten sorted, then checkpointed: built in memory from their window views, their
        rows stay scattered and uncompressed, and the KPI queries ran up to 1,6× slower than on the file
        (bench/bench_postgres.py: channel_roi 57 → 41 ms, series 63 → 47 ms on 2 million rows, for 0,9 s more
        when a server opens the base or reads another's import)."""
        for name in CURRENT_TABLES:
            self._con.execute(f"CREATE OR REPLACE TABLE main.{name} AS SELECT * FROM main.{name} ORDER BY ALL")
        self._con.execute("CHECKPOINT")

    def data_version(self) -> tuple:
        self.refresh()  # caches are keyed on it: a page asking first sees the others' writes
        return super().data_version()

    def context(self):
        self.refresh()
        return super().context()

    # -- what a file has and PostgreSQL does otherwise ---------------------------------------------------------------
    def backup(self, reason: str = "manuelle", keep: int | None = None):
        raise StoreError(BACKUPS)

    def _start_backup(self, reason: str):
        return None  # one PostgreSQL transaction per write, and pg_dump for copies

    def close(self) -> None:
        with self._derived_lock:
            self._con.close()
            with contextlib.suppress(Exception):
                self._pg.close()
        self.closed = True
        catalogue.release_catalogue(self)
