"""The one writer: every write to the DuckDB file goes through here, in one transaction, under one lock.

Readers take `cursor()` (DuckDB connections are not thread-safe). The history tables are append-only;
the views of `sql/views.sql` show the current data. An import is one transaction: all or nothing.
"""

import contextlib
import datetime
import getpass
import hashlib
import json
import logging
import os
import re
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pac_core import backup, catalogue, clock, grids, weeks
from pac_core import formatting as fmt
from pac_core.catalogue import DEFAULT_METRICS
from pac_core.mapping.model import Mapping
from pac_core.validate import Batch, Context

SQL_DIR = Path(__file__).parent / "sql"
DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "pac.duckdb"
log = logging.getLogger(__name__)


class StoreError(Exception):
    """The database cannot be used; str(exc) is one French sentence for the user."""


class StoreBusy(StoreError):
    """Another process holds the database file."""


def default_db_path() -> Path | str:
    """$PAC_DB or data/pac.duckdb: a DuckDB file's path, or a PostgreSQL address kept as written."""
    return database_target(os.environ.get("PAC_DB") or DEFAULT_DB)


def database_target(value) -> Path | str:
    """A --db or $PAC_DB value: a postgresql:// address stays a string (a Path would fold its « // »)."""
    text = str(value).strip()
    return text if is_postgres(text) else Path(value)


def is_postgres(target) -> bool:
    return str(target).strip().lower().startswith(("postgresql://", "postgres://"))


def open_store(target=None, **options) -> "Store":
    """The store of a DuckDB file, or of a PostgreSQL base for several servers (pac_core/postgres)."""
    target = default_db_path() if target is None else database_target(target)
    if is_postgres(target):
        from pac_core.postgres.store import PostgresStore

        return PostgresStore(target, **options)
    return Store(target, **options)


def _catalogue_metrics(con) -> None:
    """The catalogue's metrics a database lacks (pac_core.catalogue), added; those it has are left as they are."""
    con.executemany(
        "INSERT INTO history.metrics (code, label_fr, label_en, unit, family, aggregation, higher_is_better, aliases) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING",
        [(m.code, m.label_fr, m.label_en, m.unit, m.family, m.aggregation, m.higher_is_better, "|".join(m.aliases))
         for m in DEFAULT_METRICS])


def _initial_schema(con) -> None:
    con.execute((SQL_DIR / "001_initial.sql").read_text(encoding="utf-8"))
    _catalogue_metrics(con)
    con.execute("INSERT INTO history.plan_versions VALUES (1, 'Plan initial', current_timestamp, 'pac-pilot', NULL, "
                "'Le plan tel qu''adopté en début d''année.')")





# Each migration brings the schema from version n-1 to n. Append, never edit a released one.

def _metrics_of_imports(con) -> None:
    """An indicator created with an import (from the column mapping) belongs to it: undone with it."""
    con.execute("ALTER TABLE history.metrics ADD COLUMN import_id INTEGER")








def _script(file_name: str):
    """A migration that runs one file of sql/ as it is."""
    def apply(con) -> None:
        con.execute((SQL_DIR / file_name).read_text(encoding="utf-8"))
    apply.__name__ = f"script {file_name}"
    return apply


MIGRATIONS = [(1, _initial_schema), (2, _script("002_column_mappings.sql")), (3, _script("003_review_comments.sql")),
              (4, _script("004_plan_revisions.sql")), (5, _script("005_accounts.sql")),
              (6, _catalogue_metrics),  # 6: clics, impressions and leads (issue 16)
              (7, _metrics_of_imports), (8, _script("008_web_sessions.sql")),  # 8: sessions, sign-in log (issue 17)
              (9, _script("009_bilans.sql")), (10, _script("010_weeks.sql")),  # 9: bilans, 10: weeks (issue 19)
              (11, _script("011_notify.sql")),  # 11: contacts and the outbox (issue 22)
              (12, _script("012_notify_status.sql")),  # 12: the statuses the alerts compare with (issue 22)
              (13, _script("013_notify_lists.sql"))]  # 13: the direction and the review's participants (issue 22)


def migrate(con, migrations=MIGRATIONS) -> int:
    """Apply the migrations a file lacks, each in its own transaction; return the schema version."""
    has_table = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'history' "
                            "AND table_name = 'schema_version'").fetchall()[0][0]
    if not has_table:
        con.execute("CREATE SCHEMA IF NOT EXISTS history")
        con.execute("CREATE TABLE history.schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    current = con.execute("SELECT coalesce(max(version), 0) FROM history.schema_version").fetchall()[0][0]
    newest = migrations[-1][0]
    if current > newest:
        raise StoreError(f"Cette base a été créée par une version plus récente de PAC Pilot (schéma {current}, "
                         f"cette version connaît le schéma {newest}) : mettez PAC Pilot à jour.")
    for version, apply in migrations:
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            apply(con)
            con.execute("INSERT INTO history.schema_version VALUES (?, current_timestamp)", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return max(current, newest)


# Current-data tables kept equal to history.latest_<name> (see sql/views.sql).
BASE_TABLES = ("actions", "strategic_objectives", "opportunities", "plan_targets", "results")
GRID_TABLES = ("target_grid", "result_grid")  # derived from plan_targets and results: sql/grids.sql
CURRENT_TABLES = BASE_TABLES + GRID_TABLES


_DATA_VERSION_SQL = "SELECT count(*), coalesce(max(import_id), 0), count(undone_at) FROM history.imports"
DERIVED_KEPT = 6  # derived tables kept in memory (Store.derived): a few plan versions' objective grids and budget bases


def arrow_result(cursor) -> pa.Table:
    """The executed statement's rows as Arrow. DuckDB 2.0 warns that Arrow from an executed statement copies the
    rows once more and points to `con.sql()`; measured on the KPI queries the copy costs about 1 ms, while
    `con.sql(query, params=…)` binds the query twice (8 to 24 ms). Silenced here, not module-wide: pytest
    resets such filters."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)
        return cursor.to_arrow_table()


_NAMED_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def _bind(sql: str, params):
    if not isinstance(params, dict):
        return list(params)
    used = set(_NAMED_PARAMETER.findall(sql))
    return {name: value for name, value in params.items() if name in used}


_NULLABLE = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
             pa.int64(): pd.Int64Dtype(), pa.uint8(): pd.UInt8Dtype(), pa.uint16(): pd.UInt16Dtype(),
             pa.uint32(): pd.UInt32Dtype(), pa.uint64(): pd.UInt64Dtype(), pa.bool_(): pd.BooleanDtype()}


def _frame(table: pa.Table, con) -> pd.DataFrame:
    """The frame DuckDB's `.df()` would give, built from Arrow: text is not turned into one Python string per
    cell (twice as fast on 75 000 rows with 13 text columns). `.df()`'s types are kept: dates as datetime64[us];
    integers and booleans nullable (Int64, boolean) only when a value is missing; a text column without any
    value as None objects (callers test `is None`). Other types go through DuckDB's own conversion."""
    names = table.column_names
    if len({name.lower() for name in names}) < len(names):  # `.df()` renames duplicates (a, a_1…)
        return con.from_arrow(table).df()
    columns = {}
    for position, column in enumerate(table.columns):
        kind = column.type
        if pa.types.is_string(kind):
            columns[position] = (pd.Series([None] * len(column), dtype=object) if column.null_count == len(column)
                                 else column.to_pandas())
        elif kind in _NULLABLE:
            columns[position] = column.to_pandas(types_mapper=_NULLABLE.get if column.null_count else None)
        elif pa.types.is_floating(kind) or kind == pa.timestamp("us"):
            columns[position] = column.to_pandas()
        elif pa.types.is_date32(kind):
            columns[position] = column.cast(pa.timestamp("us")).to_pandas()
        else:  # lists (`.df()` makes masked arrays of those with a NULL), structs, decimals, intervals…
            columns[position] = con.from_arrow(pa.table([column], names=["value"])).df()["value"]
    frame = pd.DataFrame(columns)
    frame.columns = names
    return frame


def _refresh_views(con) -> None:
    """(Re)create the views and current tables when their definition changed, and only then:
    opening a database to read it must not write to it."""
    sql = "".join((SQL_DIR / name).read_text(encoding="utf-8") for name in ("views.sql", "grids.sql",
                                                                             "current_targets.sql"))
    digest = hashlib.sha256(sql.encode()).hexdigest()
    con.execute("CREATE TABLE IF NOT EXISTS history.view_definitions (sha256 VARCHAR)")
    if con.execute("SELECT count(*) FROM history.view_definitions WHERE sha256 = ?", [digest]).fetchall()[0][0]:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for name in (*BASE_TABLES, "targets"):  # names that were views in older files
            kind = con.execute("SELECT table_type FROM information_schema.tables WHERE table_schema = 'main' "
                               "AND table_name = ?", [name]).fetchall()
            if kind and kind[0][0] == "VIEW":
                con.execute(f"DROP VIEW main.{name}")
        con.execute((SQL_DIR / "views.sql").read_text(encoding="utf-8"))
        rebuild_current(con, BASE_TABLES)
        con.execute((SQL_DIR / "grids.sql").read_text(encoding="utf-8"))  # its views read the base tables
        rebuild_current(con, GRID_TABLES)
        con.execute((SQL_DIR / "current_targets.sql").read_text(encoding="utf-8"))
        con.execute("DELETE FROM history.view_definitions")
        con.execute("INSERT INTO history.view_definitions VALUES (?)", [digest])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def rebuild_current(con, names=CURRENT_TABLES) -> None:
    """Recompute current tables from the history (after an undo, or when their definition changes); the
    grids come after the tables they are computed from."""
    for name in names:
        con.execute(f"CREATE OR REPLACE TABLE main.{name} AS SELECT * FROM history.latest_{name}")


@dataclass
class ImportOutcome:
    import_id: int | None  # None when nothing was written
    already_imported: bool  # the same files were imported before (and not undone): nothing done
    row_counts: dict
    message: str  # French, one sentence


_RESTORE_HINT = ("restaurez la dernière sauvegarde (« python -m pac_core backups » les liste, « python -m pac_core "
                 "restore FICHIER » la remet en place, application arrêtée) ou indiquez un autre fichier avec --db.")


def _use_utc(con) -> None:
    """Stored timestamps are UTC whatever the server's zone: what a person reads is written from the one clock
    (clock.utc_now), and DuckDB's own current_timestamp (schema versions, accounts) would follow the machine's zone
    otherwise. A second Store in one process shares the instance, already set and locked."""
    if not con.execute("SELECT current_setting('lock_configuration')").fetchall()[0][0]:
        con.execute("SET GLOBAL TimeZone = 'UTC'")


def _harden(con) -> None:
    """Once the schema is in place, SQL may not touch files, the network or extensions, and this cannot be
    undone by a later statement: a query can only read and write this database. A second Store on the same file
    in one process shares DuckDB's instance, already locked this way: nothing to do then."""
    if con.execute("SELECT current_setting('lock_configuration')").fetchall()[0][0]:
        if con.execute("SELECT current_setting('enable_external_access')").fetchall()[0][0]:
            raise StoreError("La base est déjà ouverte dans ce programme avec des réglages moins sûrs : "
                             "fermez-la avant de la rouvrir.")
        return
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET lock_configuration = true")


class Store:
    def __init__(self, path: Path | str | None = None, *, read_only: bool = False, migrations=MIGRATIONS):
        self.path = Path(path) if path is not None else default_db_path()
        self._start(read_only)
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreBusy(
                    f"La base « {self.path} » est déjà ouverte par un autre programme (sans doute l'application "
                    "PAC Pilot) : arrêtez-le, ou faites l'import depuis la page Données de l'application.") from None
            if "not a valid duckdb" in str(exc).lower():
                raise StoreError(f"« {self.path} » n'est pas une base PAC Pilot lisible (fichier endommagé ou "
                                 f"d'un autre type) : {_RESTORE_HINT}") from None
            raise StoreError(f"La base « {self.path} » ne peut pas être ouverte ({exc}) : vérifiez le chemin et "
                             "les droits sur le dossier.") from None
        except duckdb.Error as exc:
            raise StoreError(f"« {self.path} » n'est pas une base PAC Pilot lisible ({type(exc).__name__}) : "
                             f"{_RESTORE_HINT}") from None
        # DuckDB locks the file with fcntl, and POSIX drops a process's fcntl locks on a file as soon as the process
        # closes ANY descriptor of it: a backup opening the file by path, then closing it, left the base open to a
        # second program (seen: a command-line import beside the app after its first backup). The file is opened
        # once here and read through this descriptor (backup.start_copy), closed only after DuckDB lets go.
        self._file = os.open(self.path, os.O_RDONLY)
        _use_utc(self._con)
        if not read_only:
            with self._lock:
                self.schema_version = migrate(self._con, migrations)
                _refresh_views(self._con)
        _harden(self._con)
        self._use_catalogue()

    def _start(self, read_only: bool) -> None:
        """What every store holds before it opens its base (the PostgreSQL store too)."""
        self.read_only = read_only
        self._lock = threading.RLock()
        self._derived_lock = threading.Lock()
        self._derived: dict = {}  # key -> (data version, Arrow table); see derived()

    def _use_catalogue(self) -> None:
        """This company's indicators become the catalogue every lookup reads (pac_core.catalogue)."""
        rows = self.query("SELECT * FROM main.metrics ORDER BY code")
        if "import_id" in rows:  # an indicator created with an import that was undone is gone with it
            live = set(self.query("SELECT import_id FROM main.imports")["import_id"])
            rows = rows[rows["import_id"].isna() | rows["import_id"].isin(live)]
        fields = ["code", "label_fr", "label_en", "unit", "family", "aggregation", "higher_is_better", "aliases"]
        catalogue.use_catalogue([catalogue.metric_from_row(*row) for row in rows[fields].itertuples(index=False)],
                                owner=self)

    # -- reading -------------------------------------------------------------------------------
    def cursor(self):
        """A cursor for one reader (DuckDB connections are not shared between threads)."""
        return self._con.cursor()

    def query(self, sql: str, params=(), tables: dict[str, pa.Table] | None = None) -> pd.DataFrame:
        """A read, on its own cursor; params is a list for `?` or a dict for `$name` parameters
        (names the query does not use are left out, as DuckDB refuses them); `tables` are Arrow tables the
        query reads by name (see `derived`)."""
        cursor = self.cursor()
        try:
            for name, table in (tables or {}).items():
                cursor.register(name, table)
            cursor.execute(sql, _bind(sql, params))
            return _frame(arrow_result(cursor), cursor)
        finally:
            cursor.close()

    def frame(self, table: pa.Table) -> pd.DataFrame:
        """The frame `query` would give for these Arrow rows."""
        return _frame(table, self._con)

    def derived(self, key, build) -> pa.Table:
        """A table computed from the current data by `build(cursor)`, kept in memory until the data change (an
        import, an undo, a new plan version): for what many queries read and is costly to recompute each time,
        and too costly to write at every import (see kpi/objective_grid.py). It is built in one read
        transaction, with the data version it is kept for, so it never mixes data from before and after a
        write; the last few are kept, the oldest dropped."""
        with self._derived_lock:
            cursor = self.cursor()
            try:
                cursor.execute("BEGIN TRANSACTION")
                version = cursor.execute(_DATA_VERSION_SQL).fetchall()[0]
                kept = self._derived.get(key)
                if kept is not None and kept[0] == version:
                    table = kept[1]
                else:
                    table = build(cursor)
                cursor.execute("COMMIT")
            finally:
                cursor.close()
            self._derived.pop(key, None)
            self._derived[key] = (version, table)  # the newest last
            for stale in [k for k, (kept_version, _) in self._derived.items() if kept_version != version]:
                del self._derived[stale]
            while len(self._derived) > DERIVED_KEPT:
                del self._derived[next(iter(self._derived))]
            return table

    def scalar(self, sql: str, params=()):
        row = self.row(sql, params)
        return row[0] if row else None  # no row: no value, as a NULL would say

    def row(self, sql: str, params=()) -> tuple | None:
        """The first row as Python values (DuckDB's own conversion: a list column comes as a list), or None."""
        cursor = self.cursor()
        try:
            return cursor.execute(sql, _bind(sql, params)).fetchone()
        finally:
            cursor.close()

    def refresh(self, force: bool = False) -> bool:
        """Take in what other servers wrote: nothing to do for a file, which has no other writer (see
        postgres/store.py). True when something was reloaded."""
        return False

    def data_version(self) -> tuple:
        """Changes whenever an import is made or undone: the key for caches."""
        return self.row(_DATA_VERSION_SQL)  # Python values, no frame: asked by every cached figure of a screen

    def context(self) -> Context:
        """What validation needs to know of the current data."""
        # Two lists from DuckDB, not a frame: 10 000 actions in 2 ms
        ids, years = self.row("SELECT coalesce(list(action_id), []), coalesce(list(year(start_date)), []) "
                              "FROM main.actions")
        objectives = self.query("SELECT objective_id FROM main.strategic_objectives")
        plan_year = self.scalar("SELECT max(year(month)) FROM main.plan_targets")  # the latest plan; before: history
        if plan_year is None:  # history alone: the year most actions start in
            plan_year = self.scalar("SELECT year(start_date) FROM main.actions WHERE start_date IS NOT NULL "
                                    "GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1")
        return Context(set(ids), set(objectives["objective_id"]), None if plan_year is None else int(plan_year),
                       dict(zip(ids, years)), grains=weeks.grains(self))  # weeks or months (issue 19)

    def current_plan_version(self) -> int:
        """The newest plan version whose saving was not undone (main.plan_versions)."""
        return int(self.scalar("SELECT max(version) FROM main.plan_versions"))

    def import_history(self) -> pd.DataFrame:
        """Every import, undone ones included, newest first."""
        return self.query("SELECT import_id, imported_at, imported_by, origin, file_names, row_counts, warnings, "
                          "undone_at, undone_by FROM history.imports ORDER BY import_id DESC")

    def has_any_import(self) -> bool:
        return self.scalar("SELECT count(*) FROM history.imports") > 0

    # -- writing -------------------------------------------------------------------------------
    def save_review_comment(self, month: datetime.date, comment: str, *, user: str | None = None) -> None:
        """Keep the comment of a month's review (a new row: the newest of a month counts, '' clears it)."""
        with self._writing():
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute("INSERT INTO history.review_comments SELECT coalesce(max(comment_id), 0) + 1, ?, ?, "
                            "?, ? FROM history.review_comments",
                            [month.replace(day=1), comment.strip(), clock.utc_now(), user or os_user()])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def review_comment(self, month: datetime.date) -> tuple[str, datetime.datetime, str] | None:
        """The comment of a month's review as (text, written at, written by); None when there is none."""
        rows = self.query("SELECT comment, written_at, written_by FROM history.review_comments WHERE month = ? "
                          "ORDER BY comment_id DESC LIMIT 1", [month.replace(day=1)])
        if rows.empty or not rows["comment"].iloc[0]:
            return None
        return rows["comment"].iloc[0], rows["written_at"].iloc[0].to_pydatetime(), rows["written_by"].iloc[0]

    def import_batch(self, batch: Batch, *, user: str | None = None, origin: str = "cli",
                     warnings: int = 0) -> ImportOutcome:
        """Write a validated batch as one import, replacing what it speaks for; all or nothing."""
        user = user or os_user()
        with self._writing():
            pending = self._start_backup("avant-import")
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                previous = con.execute(
                    "SELECT import_id, imported_at FROM history.imports WHERE content_hash = ? AND undone_at IS NULL "
                    "ORDER BY import_id DESC LIMIT 1", [batch.content_hash]).fetchall()
                if previous:
                    con.execute("ROLLBACK")
                    self._finished(pending)
                    import_id, when = previous[0]
                    return ImportOutcome(None, True, {}, (
                        f"Ces fichiers ont déjà été importés le {fmt.local_time(when)} (import n° {import_id}) : "
                        "rien n'a changé."))
                import_id = con.execute(
                    "SELECT coalesce(max(import_id), 0) + 1 FROM history.imports").fetchall()[0][0]
                plan_version = con.execute("SELECT max(version) FROM main.plan_versions").fetchall()[0][0]
                counts, scope = {}, {}
                if batch.new_metrics:
                    counts["metrics"], scope["metrics"] = _write_metrics(con, import_id, batch.new_metrics)
                weeks.write_weeks(con, import_id, plan_version, batch)  # the weeks kept; their months recomputed
                for name, frame in batch.tables.items():
                    counts[name], scope[name] = _write_table(con, import_id, plan_version, name, frame, batch)
                con.execute(
                    "INSERT INTO history.imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                    [import_id, clock.utc_now(), user, origin, batch.file_names, batch.content_hash, plan_version,
                     json.dumps(scope, ensure_ascii=False), json.dumps(counts, ensure_ascii=False), warnings])
                self._finished(pending)  # the copy of before is read back and listed, or nothing is written
                con.execute("COMMIT")  # durable from here (DuckDB's log)
            except BaseException:
                con.execute("ROLLBACK")
                self._release(pending)
                raise
            self._fold_log()
            if batch.new_metrics:
                self._use_catalogue()
        return ImportOutcome(import_id, False, counts, f"Import n° {import_id} enregistré : {describe_counts(counts)}.")

    def undo(self, import_id: int, *, user: str | None = None) -> str:
        """Mark an import undone: the data it brought disappears and what it replaced comes back."""
        with self._writing():
            self._backup_before("avant-annulation")
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                row = con.execute("SELECT undone_at, file_names FROM history.imports WHERE import_id = ?",
                                  [import_id]).fetchall()
                if not row:
                    con.execute("ROLLBACK")
                    raise StoreError(f"Il n'y a pas d'import n° {import_id} : la liste des imports donne leurs numéros.")
                if row[0][0] is not None:
                    con.execute("ROLLBACK")
                    raise StoreError(f"L'import n° {import_id} a déjà été annulé le {fmt.local_time(row[0][0])}.")
                later = _imports_built_on_revision(con, import_id)
                if later:
                    con.execute("ROLLBACK")
                    raise StoreError(f"L'import n° {import_id} enregistre une version du plan sur laquelle s'appuient "
                                     f"les imports n° {', '.join(map(str, later))} : annulez-les d'abord.")
                later = _imports_using_metrics_of(con, import_id)
                if later:
                    con.execute("ROLLBACK")
                    raise StoreError(f"L'import n° {import_id} a créé un indicateur dont se servent les imports "
                                     f"n° {', '.join(map(str, later))} : annulez-les d'abord.")
                con.execute("UPDATE history.imports SET undone_at = ?, undone_by = ? "
                            "WHERE import_id = ?", [clock.utc_now(), user or os_user(), import_id])
                rebuild_current(con)
                con.execute("COMMIT")
            except StoreError:
                raise
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("CHECKPOINT")
            self._use_catalogue()
        return f"Import n° {import_id} ({row[0][1]}) annulé : les données d'avant sont revenues."

    # -- plan versions (quarterly re-adjustment) -----------------------------------------------
    def save_plan_version(self, *, label: str, note: str, revised_from: datetime.date, decided_on: datetime.date,
                          target_changes: pd.DataFrame, actions: pd.DataFrame, decisions: pd.DataFrame,
                          user: str | None = None) -> tuple[int, int]:
        """Save version n+1 of the plan as one import (origin 'révision'): the current version's targets with
        `target_changes` (action_id, metric, month, value; a NULL value drops the month) applied, the changed or new
        `actions` (full rows), and the `decisions` (action_id, decision, comment, owner, new_budget). Version 1
        is never touched. Returns (version, import_id); undoing the import brings the version before back."""
        user = user or os_user()
        with self._writing():
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                import_id = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM history.imports").fetchall()[0][0]
                base = con.execute("SELECT max(version) FROM main.plan_versions").fetchall()[0][0]
                version = con.execute("SELECT max(version) + 1 FROM history.plan_versions").fetchall()[0][0]
                con.execute("INSERT INTO history.plan_versions (version, label, created_at, created_by, based_on, note, "
                            "import_id, revised_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [version, label, clock.utc_now(), user, base, note, import_id, revised_from.replace(day=1)])
                changes = target_changes[["action_id", "metric", "month", "value"]].copy()
                changes["month"] = pd.to_datetime(changes["month"]).dt.date
                con.register("changes", changes)
                try:
                    con.execute("""
                        INSERT INTO history.targets (import_id, plan_version, action_id, metric, month, value)
                        SELECT ?, ?, t.action_id, t.metric, t.month, t.value FROM main.plan_targets AS t
                        WHERE t.plan_version = ? AND NOT EXISTS (
                            SELECT 1 FROM changes AS c WHERE c.action_id = t.action_id AND c.metric = t.metric
                              AND c.month::DATE = t.month)
                        UNION ALL
                        SELECT ?, ?, action_id, metric, month::DATE, value FROM changes WHERE value IS NOT NULL""",
                                [import_id, version, base, import_id, version])
                finally:
                    con.unregister("changes")
                con.execute("INSERT INTO main.plan_targets BY NAME SELECT plan_version, action_id, metric, month, value, "
                            "import_id FROM history.targets WHERE import_id = ?", [import_id])
                con.execute("INSERT INTO main.target_grid BY NAME SELECT * FROM history.latest_target_grid "
                            "WHERE plan_version = ?", [version])
                counts = {"targets": {"lignes": con.execute("SELECT count(*) FROM history.targets WHERE import_id = ?",
                                                            [import_id]).fetchall()[0][0]}}
                scope = {"targets": {"actions": sorted(set(changes["action_id"])), "entreprise": False,
                                     "indicateurs": sorted(set(changes["metric"])),
                                     "mois": sorted({m.strftime("%Y-%m") for m in changes["month"]})}}
                if len(actions):
                    counts["actions"], scope["actions"] = _write_keyed(con, import_id, "actions", actions)
                rows = decisions[["action_id", "decision", "comment", "owner", "new_budget"]]
                con.register("decided", rows)
                try:
                    con.execute("""
                        INSERT INTO history.decisions (decision_id, action_id, decided_on, decision, comment, owner,
                                                       new_budget, plan_version, created_at, created_by, import_id)
                        SELECT (SELECT coalesce(max(decision_id), 0) FROM history.decisions) + row_number() OVER (),
                               action_id, ?, decision, comment, owner, new_budget, ?, ?, ?, ?
                        FROM decided""", [decided_on, version, clock.utc_now(), user, import_id])
                finally:
                    con.unregister("decided")
                con.execute(
                    "INSERT INTO history.imports VALUES (?, ?, ?, 'révision', ?, ?, ?, ?, ?, 0, NULL, NULL)",
                    [import_id, clock.utc_now(), user, f"Version {version} du plan : {label}", f"revision-{version}-{import_id}",
                     version, json.dumps(scope, ensure_ascii=False), json.dumps(counts, ensure_ascii=False)])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("CHECKPOINT")
        return version, import_id

    # -- column mappings of foreign files ------------------------------------------------------
    def save_mapping(self, name: str, mapping: Mapping, user: str | None = None) -> int:
        """Save a mapping under a name (saving a name again replaces it); its id."""
        name = " ".join(str(name).split())
        if not name:
            raise StoreError("Donnez un nom à la correspondance pour l'enregistrer.")
        with self._writing():
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                mapping_id = con.execute("SELECT coalesce(max(mapping_id), 0) + 1 FROM history.column_mappings"
                                         ).fetchall()[0][0]
                saved = Mapping.from_json(mapping.to_json())
                saved.name = name
                con.execute("INSERT INTO history.column_mappings VALUES (?, ?, ?, ?, ?, ?, NULL)",
                            [mapping_id, name, mapping.signature, saved.to_json(), clock.utc_now(), user or os_user()])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return mapping_id

    def mappings(self) -> pd.DataFrame:
        """The saved mappings, one per name (its newest version), newest first."""
        return self.query(_CURRENT_MAPPINGS + " SELECT mapping_id, name, signature, saved_at, saved_by "
                          "FROM current_mappings ORDER BY saved_at DESC, mapping_id DESC")

    def mapping_named(self, name: str) -> Mapping | None:
        rows = self.query(_CURRENT_MAPPINGS + " SELECT mapping FROM current_mappings WHERE name = ?", [name])
        return Mapping.from_json(rows["mapping"].iloc[0]) if len(rows) else None

    def saved_mappings(self) -> list[Mapping]:
        """Every saved mapping (its newest version), newest first: their label choices serve other files."""
        rows = self.query(_CURRENT_MAPPINGS + " SELECT mapping FROM current_mappings "
                          "ORDER BY saved_at DESC, mapping_id DESC")
        return [Mapping.from_json(text) for text in rows["mapping"]]

    def mapping_for(self, signature: str) -> Mapping | None:
        """The newest saved mapping for files with these columns (pac_core.mapping.signature), if any."""
        rows = self.query(_CURRENT_MAPPINGS + " SELECT mapping FROM current_mappings WHERE signature = ? "
                          "ORDER BY saved_at DESC, mapping_id DESC LIMIT 1", [signature])
        return Mapping.from_json(rows["mapping"].iloc[0]) if len(rows) else None

    def delete_mapping(self, name: str) -> None:
        """Forget a saved mapping (kept in the history, like everything)."""
        with self._writing():
            self._con.execute("UPDATE history.column_mappings SET deleted_at = ? "
                              "WHERE name = ? AND deleted_at IS NULL", [clock.utc_now(), name])

    def _writing(self):
        """Held by every write: the writer's lock of this process (the PostgreSQL store also serialises the
        writes of every server there, see pac_core/postgres/store.py)."""
        return self._lock

    @contextlib.contextmanager
    def transaction(self):
        """The connection inside one transaction, with the writer's lock: for the small writes of other
        modules (accounts, tokens), all or nothing like an import."""
        with self._writing():
            self._con.execute("BEGIN TRANSACTION")
            try:
                yield self._con
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise

    def backup(self, reason: str = "manuelle", keep: int | None = None) -> Path:
        """A consistent copy of the database file, listed only once verified (see backup.py); manual copies are
        never pruned. A copy that cannot be written or read back stops the write it was to protect."""
        with self._lock:
            if not self.read_only:
                self._con.execute("CHECKPOINT")
            try:
                return backup.copy_database(self.path, reason, keep=keep, source=self._file)
            except backup.BackupError as exc:
                raise StoreError(str(exc)) from None

    def _fold_log(self) -> None:
        """After an import, its rows moved from DuckDB's log (the .wal beside the file) into the file: the file alone
        then holds every import (a copy of it by the company's own backup is whole), and the next import's backup
        starts at once. The import is durable already: a checkpoint that fails is only logged (retried by the next
        backup)."""
        try:
            self._con.execute("CHECKPOINT")
        except duckdb.Error:
            log.warning("checkpoint after an import failed", exc_info=True)

    def _backup_before(self, reason: str) -> None:
        """Before a write, a copy of what the database holds (nothing to keep while it has no import)."""
        self._finished(self._start_backup(reason))

    def _start_backup(self, reason: str) -> "backup.PendingCopy | None":
        """The copy of _backup_before, written and read back in a thread (backup.start_copy): the caller writes in
        its transaction meanwhile and commits only after _finished() (an import: copying and reading back a large
        base takes as long as a third of its write)."""
        if not self.has_any_import():
            return None
        if not self.read_only:
            self._con.execute("CHECKPOINT")
        try:
            return backup.start_copy(self.path, reason, keep=backup.KEEP, source=self._file)
        except backup.BackupError as exc:
            raise StoreError(str(exc)) from None

    @staticmethod
    def _release(pending: "backup.PendingCopy | None") -> None:
        """After a failed write: the copy of before is still finished if it can be (it is a good copy), quietly."""
        try:
            Store._finished(pending)
        except StoreError:
            pass

    @staticmethod
    def _finished(pending: "backup.PendingCopy | None") -> None:
        """Wait for a started copy to be read back and listed; a copy that could not be stops the write."""
        if pending is not None:
            try:
                pending.finish()
            except backup.BackupError as exc:
                raise StoreError(str(exc)) from None

    closed = False

    def close(self) -> None:
        with self._derived_lock:  # a derived table being computed in another thread finishes first
            self._con.close()
            if self._file is not None:  # after DuckDB: closing it first would drop DuckDB's lock (see __init__)
                os.close(self._file)
                self._file = None
        self.closed = True
        catalogue.release_catalogue(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _write_metrics(con, import_id: int, metrics) -> tuple[dict, dict]:
    """Indicators created with this import (the column mapping's « nouvel indicateur »). The validation brings
    only codes the catalogue lacks: a code already kept belongs to an undone import, and is created anew here."""
    rows = [(m.label_fr, m.label_en, m.unit, m.family, m.aggregation, m.higher_is_better, "|".join(m.aliases),
             import_id, m.code) for m in metrics]
    con.executemany("UPDATE history.metrics SET label_fr = ?, label_en = ?, unit = ?, family = ?, aggregation = ?, "
                    "higher_is_better = ?, aliases = ?, import_id = ? WHERE code = ? AND import_id IS NOT NULL", rows)
    con.executemany("INSERT INTO history.metrics (label_fr, label_en, unit, family, aggregation, higher_is_better, "
                    "aliases, import_id, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING", rows)
    return {"lignes": len(rows), "ajoutées": len(rows)}, {"ids": sorted(m.code for m in metrics)}


def _imports_using_metrics_of(con, import_id: int) -> list[int]:
    """The other active imports whose figures use an indicator `import_id` created: undoing it would leave
    their figures without an indicator."""
    return [row[0] for row in con.execute("""
        SELECT DISTINCT f.import_id FROM (
            SELECT import_id, metric FROM history.results UNION ALL SELECT import_id, metric FROM history.targets) AS f
        WHERE f.import_id <> ? AND f.import_id IN (SELECT import_id FROM main.imports)
          AND f.metric IN (SELECT code FROM history.metrics WHERE import_id = ?)
        ORDER BY 1""", [import_id, import_id]).fetchall()]


def _imports_built_on_revision(con, import_id: int) -> list[int]:
    """The imports still active, made after a plan version saved by `import_id` and written into it (or a later
    one): undoing the version under them would leave their targets in a version that is no longer current."""
    rows = con.execute("""
        SELECT later.import_id FROM history.imports AS revision JOIN history.imports AS later
          ON later.import_id > revision.import_id AND later.plan_version >= revision.plan_version
        WHERE revision.import_id = ? AND revision.origin = 'révision' AND later.undone_at IS NULL
        ORDER BY later.import_id""", [import_id]).fetchall()
    return [row[0] for row in rows]


# The newest version of each saved name, unless deleted.
_CURRENT_MAPPINGS = """
    WITH current_mappings AS (
        SELECT * FROM history.column_mappings AS m
        WHERE m.mapping_id = (SELECT max(n.mapping_id) FROM history.column_mappings AS n WHERE n.name = m.name)
          AND m.deleted_at IS NULL)"""


_KEYED = {  # tables replaced row by row on their identifier
    "actions": ("action_id", ["action_id", "lever", "name", "channel", "kind", "segment", "owner", "start_date",
                              "end_date", "budget", "status", "objective_ids"]),
    "strategic_objectives": ("objective_id", ["objective_id", "label", "metric", "baseline", "target", "due_date"]),
    "opportunities": ("opportunity_id", ["opportunity_id", "account", "action_id", "channel", "stage", "amount",
                                         "created_on", "closed_on", "status"]),
}


def _write_table(con, import_id: int, plan_version: int, name: str, frame: pd.DataFrame, batch: Batch):
    if name in _KEYED:
        return _write_keyed(con, import_id, name, frame)
    return _write_figures(con, import_id, plan_version, name, frame, batch)


def _write_keyed(con, import_id, name, frame):
    key, columns = _KEYED[name]
    incoming = frame[columns]
    con.register("incoming", incoming)
    try:
        replaced = con.execute(f"SELECT count(*) FROM main.{name} WHERE {key} IN (SELECT {key} FROM incoming)"
                               ).fetchall()[0][0]
        con.execute(f"INSERT INTO history.{name} ({', '.join(['import_id', *columns])}) "
                    f"SELECT ?, {', '.join(columns)} FROM incoming", [import_id])
        con.execute(f"DELETE FROM main.{name} WHERE {key} IN (SELECT {key} FROM incoming)")
        con.execute(f"INSERT INTO main.{name} ({', '.join([*columns, 'import_id'])}) "
                    f"SELECT {', '.join(columns)}, ? FROM incoming", [import_id])
    finally:
        con.unregister("incoming")
    ids = sorted(incoming[key].dropna().astype(str).unique().tolist())
    return {"lignes": len(incoming), "ajoutées": len(incoming) - replaced, "remplacées": replaced}, {"ids": ids}


def _refresh_grid(con, grid: str, version_filter: str, frame: pd.DataFrame, plan_version: int | None) -> None:
    """Recompute the grid rows of the (action, indicator) pairs in `scope_pairs`, in the years of `scope_months`
    (the only ones the import wrote), from the current table just updated. Pairs that had no figure in those years
    before (a first import, or a year of history) are the incoming rows pivoted (grids.py)."""
    in_years = "AND g.year IN (SELECT DISTINCT year(month) FROM scope_months)"
    pairs_in_grid = f"""
        FROM main.{grid} AS g
        SEMI JOIN scope_pairs AS p ON coalesce(g.action_id, '') = coalesce(p.action_id, '') AND g.metric = p.metric
        WHERE true {version_filter} {in_years}"""
    if not con.execute(f"SELECT count(*) {pairs_in_grid}").fetchall()[0][0]:
        con.register("incoming_grid", grids.pivot(frame, plan_version))
        try:
            con.execute(f"INSERT INTO main.{grid} BY NAME SELECT * FROM incoming_grid")
        finally:
            con.unregister("incoming_grid")
        return
    con.execute(f"""
        DELETE FROM main.{grid} AS g USING scope_pairs AS p
        WHERE coalesce(g.action_id, '') = coalesce(p.action_id, '') AND g.metric = p.metric {version_filter}
          {in_years}""")
    con.execute(f"""
        INSERT INTO main.{grid}
        SELECT g.* FROM history.latest_{grid} AS g
        SEMI JOIN scope_pairs AS p ON coalesce(g.action_id, '') = coalesce(p.action_id, '') AND g.metric = p.metric
        WHERE true {version_filter} {in_years}""")


def _arrow_text(column: pd.Series) -> pa.Array:
    """Text for DuckDB: a Categorical becomes its strings in Arrow's C++ code, not per row in Python."""
    array = pa.Array.from_pandas(column)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return array.cast(pa.string())


def _write_figures(con, import_id, plan_version, name, frame, batch):
    """Targets or results: the file speaks for its (action, indicator) pairs over its months.
    Keys in that scope that the file leaves empty are removed (a NULL row), others replaced or added."""
    incoming = pa.table({  # Arrow: DuckDB scans it without touching a Python object per row
        "action_id": _arrow_text(frame["action_id"]),
        "metric": _arrow_text(frame["metric"]),
        "month": pa.array(pd.to_datetime(frame["month"]).to_numpy(dtype="datetime64[s]").astype("datetime64[D]")),
        "value": pa.array(frame["value"].to_numpy(dtype=float), pa.float64())})
    scope_pairs = list(batch.scope_pairs.get(name, set()))
    pairs = pa.table({"action_id": pa.array([p[0] for p in scope_pairs], pa.string()),
                      "metric": pa.array([p[1] for p in scope_pairs], pa.string())})
    months = pa.table({"month": pa.array(sorted(batch.scope_months.get(name, set())), pa.date32())})
    current = "main.plan_targets" if name == "targets" else "main.results"
    version_filter = f"AND c.plan_version = {int(plan_version)}" if name == "targets" else ""
    # The scope's first and last month as literals too: DuckDB then skips the row groups of other years by their
    # min/max (a year of history imported beside three others reads none of theirs).
    span = months.column("month")
    within = (f"c.month BETWEEN DATE '{span[0].as_py()}' AND DATE '{span[-1].as_py()}'" if len(span)
              else "false")
    con.register("incoming", incoming)
    con.register("scope_pairs", pairs)
    con.register("scope_months", months)
    try:
        in_scope = f"""
            SELECT c.action_id, c.metric, c.month FROM {current} AS c
            JOIN scope_pairs AS p ON coalesce(c.action_id, '') = coalesce(p.action_id, '') AND c.metric = p.metric
            WHERE {within} AND c.month IN (SELECT month FROM scope_months) {version_filter}"""
        removed_rows = f"""
            SELECT c.* FROM ({in_scope}) AS c ANTI JOIN incoming AS i
            ON coalesce(c.action_id, '') = coalesce(i.action_id, '') AND c.metric = i.metric AND c.month = i.month"""
        replaced = removed = 0
        existing = con.execute(f"SELECT count(*) FROM ({in_scope})").fetchall()[0][0]
        if existing:  # a first import of this scope has nothing to compare with
            removed = con.execute(f"SELECT count(*) FROM ({removed_rows})").fetchall()[0][0]
            replaced = existing - removed
        version = [plan_version] if name == "targets" else []
        version_column = "plan_version, " if name == "targets" else ""
        version_value = "?, " if name == "targets" else ""
        con.execute(f"INSERT INTO history.{name} (import_id, {version_column}action_id, metric, month, value) "
                    f"SELECT ?, {version_value}action_id, metric, month, value FROM incoming",
                    [import_id, *version])
        if removed:
            con.execute(f"INSERT INTO history.{name} (import_id, {version_column}action_id, metric, month, value) "
                        f"SELECT ?, {version_value}action_id, metric, month, NULL FROM ({removed_rows})",
                        [import_id, *version])
        if existing:
            con.execute(f"""
                DELETE FROM {current} AS c USING scope_pairs AS p, scope_months AS m
                WHERE {within} AND coalesce(c.action_id, '') = coalesce(p.action_id, '') AND c.metric = p.metric
                  AND c.month = m.month {version_filter}""")
        con.execute(f"INSERT INTO {current} ({version_column}action_id, metric, month, value, import_id) "
                    f"SELECT {version_value}action_id, metric, month, value, ? FROM incoming",
                    [*version, import_id])
        _refresh_grid(con, "target_grid" if name == "targets" else "result_grid", version_filter.replace("c.", "g."),
                      frame, plan_version if name == "targets" else None)
    finally:
        for view in ("incoming", "scope_pairs", "scope_months"):
            con.unregister(view)
    actions = pairs.column("action_id")  # the scope's pairs, as Arrow: no Python loop over 100 000 of them
    scope = {
        "actions": sorted(pc.unique(actions.drop_null()).to_pylist()),
        "entreprise": actions.null_count > 0,
        "indicateurs": sorted(pc.unique(pairs.column("metric")).to_pylist()),
        "mois": [m.strftime("%Y-%m") for m in sorted(batch.scope_months.get(name, set()))],
    }
    counts = {"lignes": incoming.num_rows, "ajoutées": incoming.num_rows - replaced, "remplacées": replaced,
              "retirées": removed}
    return counts, scope


_TABLE_LABELS = {"actions": "d'actions", "targets": "d'objectifs", "results": "de réalisé",
                 "strategic_objectives": "d'objectifs stratégiques", "opportunities": "d'opportunités"}


def describe_counts(counts: dict) -> str:
    """'12 actions (3 ajoutées, 9 remplacées), 480 lignes de réalisé…' in French."""
    parts = []
    for name, count in counts.items():
        if name == "metrics":
            parts.append(f"{count['lignes']} indicateur{'s' if count['lignes'] > 1 else ''} créé"
                         f"{'s' if count['lignes'] > 1 else ''}")
            continue
        detail = ", ".join(f"{n} {word}" for word, n in count.items() if word != "lignes" and n)
        parts.append(f"{count['lignes']} lignes {_TABLE_LABELS.get(name, name)}" + (f" ({detail})" if detail else ""))
    return " ; ".join(parts) if parts else "aucune ligne"


def os_user(fallback: str = "inconnu") -> str:
    """Who runs PAC Pilot on this machine (recorded for writes made without an account); `fallback` when the
    system cannot say."""
    try:
        return getpass.getuser() or fallback
    except Exception:
        return fallback
