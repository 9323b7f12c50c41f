"""The history tables moved between PostgreSQL, where they are kept, and a server's in-memory DuckDB, where every
KPI is computed by the same SQL as with the DuckDB file.

- `load`: PostgreSQL → DuckDB, every table whole (`COPY … TO STDOUT` as CSV, parsed by Arrow), when the server
  opens the base or another server changed it.
- `push`: DuckDB → PostgreSQL, after a write, the rows it added and removed: each table's content is compared with
  the mirror of what PostgreSQL holds (a checksum first, then `EXCEPT ALL` for the tables that differ), the removed
  rows deleted there and the added ones copied in (`COPY … FROM STDIN`), in the writer's PostgreSQL transaction.
Both directions carry text: DuckDB's and PostgreSQL's text forms of numbers are exact (shortest round-trip)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.csv as pa_csv

from pac_core.postgres.connect import SCHEMA
from pac_core.store import StoreError, arrow_result

LOCAL_ONLY = {"view_definitions"}  # the digest of this server's views: each server keeps its own
FIGURES = {"imports", "actions", "targets", "results", "opportunities", "strategic_objectives", "plan_versions",
           "decisions", "week_results", "week_targets", "metrics"}  # what the current tables are computed from
MIRROR = "pg_mirror"  # schema of the in-memory DuckDB holding what PostgreSQL holds, as last read or written
IMPORT_ID = "import_id"  # the tables of an import's figures carry it: new imports only add rows above the last
PG_TYPES = {"INTEGER": "integer", "BIGINT": "bigint", "DATE": "date", "DOUBLE": "double precision",
            "BOOLEAN": "boolean", "VARCHAR": "text", "TIMESTAMP": "timestamp", "BLOB": "bytea"}


@dataclass
class Table:
    name: str
    ddl: str  # DuckDB's CREATE TABLE statement, constraints included: how another server recreates it
    columns: list[tuple[str, str]]  # (name, DuckDB type), in order
    key: list[str]  # the primary key's columns, if any

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.columns]


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def pg_name(table: str) -> str:
    return f"{SCHEMA}.{quoted(table)}"


def local_tables(con) -> dict[str, Table]:
    """The history tables of the in-memory DuckDB, as they are now (a migration may just have changed them)."""
    ddls = dict(con.execute("SELECT table_name, sql FROM duckdb_tables() WHERE schema_name = 'history' "
                            "AND database_name = current_database()").fetchall())
    tables = {name: Table(name, ddl, [], []) for name, ddl in ddls.items() if name not in LOCAL_ONLY}
    for table, column, kind in con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'history' "
            "AND database_name = current_database() ORDER BY table_name, column_index").fetchall():
        if table in tables:
            tables[table].columns.append((column, kind))
    for table, columns in con.execute(
            "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE schema_name = 'history' "
            "AND database_name = current_database() AND constraint_type = 'PRIMARY KEY'").fetchall():
        if table in tables:
            tables[table].key = list(columns)
    return tables


# -- PostgreSQL's side of the schema -----------------------------------------------------------------------------

def create_schema(pg) -> None:
    """An empty database made PAC Pilot's: its schema, the data version every server polls, the tables' DDL."""
    pg.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    pg.execute(f"CREATE TABLE {SCHEMA}.pac_meta (data_version bigint NOT NULL, changed_at timestamptz NOT NULL)")
    pg.execute(f"INSERT INTO {SCHEMA}.pac_meta VALUES (0, now())")
    # changed_in: the data version that last changed a table's rows; rewritten_in: the last that did more than add
    # the rows of new imports (a server holding the table since then reads only the rows of the imports it lacks)
    pg.execute(f"CREATE TABLE {SCHEMA}.pac_tables (name text PRIMARY KEY, ddl text NOT NULL, "
               "changed_in bigint NOT NULL DEFAULT 0, rewritten_in bigint NOT NULL DEFAULT 0)")


def follow_schema(pg, tables: dict[str, Table]) -> None:
    """PostgreSQL's tables made to match DuckDB's after a migration: new tables created, new columns added."""
    kept = dict(pg.execute(f"SELECT name, ddl FROM {SCHEMA}.pac_tables").fetchall())
    for table in tables.values():
        if kept.get(table.name) == table.ddl:
            continue
        if table.name not in kept:
            columns = [f"{quoted(name)} {_pg_type(table, name, kind)}" for name, kind in table.columns]
            if table.key:
                columns.append(f"PRIMARY KEY ({', '.join(quoted(name) for name in table.key)})")
            pg.execute(f"CREATE TABLE {pg_name(table.name)} ({', '.join(columns)})")
            pg.execute(f"INSERT INTO {SCHEMA}.pac_tables VALUES (%s, %s)", [table.name, table.ddl])
            continue
        there = {name for (name,) in pg.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s",
            [SCHEMA, table.name]).fetchall()}
        for name, kind in table.columns:
            if name not in there:
                pg.execute(f"ALTER TABLE {pg_name(table.name)} ADD COLUMN {quoted(name)} {_pg_type(table, name, kind)}")
        pg.execute(f"UPDATE {SCHEMA}.pac_tables SET ddl = %s WHERE name = %s", [table.ddl, table.name])
    for name in set(kept) - set(tables):
        pg.execute(f"DROP TABLE {pg_name(name)}")
        pg.execute(f"DELETE FROM {SCHEMA}.pac_tables WHERE name = %s", [name])


def _pg_type(table: Table, column: str, kind: str) -> str:
    if kind not in PG_TYPES:
        raise StoreError(f"La colonne {table.name}.{column} est de type {kind}, que le stockage PostgreSQL ne sait "
                         "pas encore garder.")
    return PG_TYPES[kind]


# -- PostgreSQL → DuckDB -------------------------------------------------------------------------------------------

def load(pg, con, known: dict[str, int] | None = None) -> tuple[dict[str, int], list[str]]:
    """The tables PostgreSQL keeps, into DuckDB's history schema (created from their DDL when absent or changed):
    only those changed since `known` (table → the data version this server holds it at), and of a table that only
    gained imports since, only their rows. Returns the tables' versions now, and the names of the tables read.
    The caller holds a transaction on both sides (one PostgreSQL snapshot, one DuckDB commit)."""
    known = known or {}
    kept = {name: (ddl, changed_in, rewritten_in) for name, ddl, changed_in, rewritten_in in pg.execute(
        f"SELECT name, ddl, changed_in, rewritten_in FROM {SCHEMA}.pac_tables ORDER BY name").fetchall()}
    con.execute("CREATE SCHEMA IF NOT EXISTS history")
    local = local_tables(con)
    for name in set(local) - set(kept):
        con.execute(f"DROP TABLE history.{quoted(name)}")
    whole, appended = [], []
    for name, (ddl, changed_in, rewritten_in) in kept.items():
        if name in local and local[name].ddl != ddl:
            con.execute(f"DROP TABLE history.{quoted(name)}")
        if name not in local or local[name].ddl != ddl:
            con.execute(ddl)
            whole.append(name)
        elif known.get(name) == changed_in:
            continue
        elif name in known and rewritten_in <= known[name] and IMPORT_ID in local[name].names:
            appended.append(name)
        else:
            whole.append(name)
    now = local_tables(con)
    for name in whole + appended:
        table, since = now[name], None
        if name in appended:
            since = con.execute(f"SELECT max({IMPORT_ID}) FROM history.{quoted(name)}").fetchall()[0][0]
        else:
            con.execute(f"DELETE FROM history.{quoted(name)}")
        rows = _copy_out(pg, table, since)
        if rows is None:
            continue
        casts = ", ".join(_from_text(column, kind) for column, kind in table.columns)
        con.register("pac_incoming", rows)
        try:
            con.execute(f"INSERT INTO history.{quoted(name)} SELECT {casts} FROM pac_incoming")
        finally:
            con.unregister("pac_incoming")
    return {name: changed_in for name, (_, changed_in, _) in kept.items()}, whole + appended


def _copy_out(pg, table: Table, since: int | None = None) -> pa.Table | None:
    """The table's rows (those of imports after `since`), as text columns; None when there is none."""
    columns = ", ".join(quoted(name) for name in table.names)
    where = "" if since is None else f" WHERE {IMPORT_ID} > {int(since)}"
    buffer = io.BytesIO()
    with pg.cursor().copy(f"COPY (SELECT {columns} FROM {pg_name(table.name)}{where}) TO STDOUT (FORMAT csv)") as copy:
        for block in copy:
            buffer.write(block)
    if not buffer.tell():
        return None
    buffer.seek(0)
    return pa_csv.read_csv(
        buffer, read_options=pa_csv.ReadOptions(column_names=table.names),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(column_types={name: pa.string() for name in table.names},
                                              null_values=[""], strings_can_be_null=True,
                                              quoted_strings_can_be_null=False))


def _from_text(name: str, kind: str) -> str:
    if kind == "BLOB":
        return f"unhex(substr({quoted(name)}, 3))"  # PostgreSQL's bytea hex form: \x0a1b…
    return f"CAST({quoted(name)} AS {kind})"


# -- DuckDB → PostgreSQL -------------------------------------------------------------------------------------------

class Mirror:
    """What PostgreSQL holds, as this server last read or wrote it, to find what a write changed. Its checksum
    (count and sum of row hashes) finds the tables a write changed; the rows themselves tell how."""

    def __init__(self, con):
        self.con = con
        self.sums: dict[str, tuple] = {}
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {MIRROR}")

    def checksum(self, schema: str, table: str, where: str = "") -> tuple:
        return tuple(self.con.execute(f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) "
                                      f"FROM {schema}.{quoted(table)} AS t {where}").fetchall()[0])

    def keep(self, table: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TABLE {MIRROR}.{quoted(table)} AS SELECT * FROM history.{quoted(table)}")
        self.sums[table] = self.checksum("history", table)

    def keep_all(self, names: list[str] | None = None) -> None:
        """The mirror made equal to the history tables (those just loaded, or all)."""
        kept = set(local_tables(self.con))
        for table in kept if names is None else set(names) & kept:
            self.keep(table)
        for table in set(self.sums) - kept:
            self.con.execute(f"DROP TABLE IF EXISTS {MIRROR}.{quoted(table)}")
            del self.sums[table]

    def changed(self, tables: dict[str, Table]) -> list[Table]:
        return [table for table in tables.values() if self.sums.get(table.name) != self.checksum("history", table.name)]

    def same_columns(self, table: Table) -> bool:
        columns = [name for (name,) in self.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ? "
            "AND database_name = current_database() ORDER BY column_index", [MIRROR, table.name]).fetchall()]
        return columns == table.names

    def appended_after(self, table: Table) -> int | None:
        """When the write only added rows of new imports to the table (an import's figures: the big tables), the
        last import id the mirror holds (0 for none); None otherwise."""
        if IMPORT_ID not in table.names:
            return None
        last = self.con.execute(f"SELECT coalesce(max({IMPORT_ID}), 0) FROM {MIRROR}.{quoted(table.name)}"
                                ).fetchall()[0][0]
        older = self.checksum("history", table.name, f"WHERE {IMPORT_ID} <= {int(last)} OR {IMPORT_ID} IS NULL")
        return last if older == self.sums[table.name] else None


def push(pg, con, mirror: Mirror) -> list[tuple[str, bool]]:
    """The rows the write changed, written to PostgreSQL in the caller's transaction; the tables changed, each
    with True when the write only added the rows of new imports (the caller marks them, see `mark`)."""
    tables = local_tables(con)
    follow_schema(pg, tables)
    changed = []
    for table in mirror.changed(tables):
        name = quoted(table.name)
        known = table.name in mirror.sums and mirror.same_columns(table)
        last = mirror.appended_after(table) if known else None
        if last is not None:  # rows of new imports only, in the order they were written (kept for zone maps)
            _copy_in(pg, con, table, f"SELECT * FROM history.{name} WHERE {IMPORT_ID} > {int(last)}")
            con.execute(f"INSERT INTO {MIRROR}.{name} SELECT * FROM history.{name} WHERE {IMPORT_ID} > {int(last)}")
            mirror.sums[table.name] = mirror.checksum("history", table.name)
            changed.append((table.name, True))
            continue
        if known:
            _delete(pg, con, table, f"SELECT * FROM {MIRROR}.{name} EXCEPT ALL SELECT * FROM history.{name}")
            _copy_in(pg, con, table, f"SELECT * FROM history.{name} EXCEPT ALL SELECT * FROM {MIRROR}.{name}")
        else:  # a new table, or one a migration changed: written whole
            pg.execute(f"DELETE FROM {pg_name(table.name)}")
            _copy_in(pg, con, table, f"SELECT * FROM history.{name}")
        mirror.keep(table.name)
        changed.append((table.name, False))
    return changed


def mark(pg, changed: list[tuple[str, bool]], version: int) -> None:
    """The tables a write changed, marked with its data version: other servers reload only those, and of a table
    that only gained imports, only their rows."""
    for name, appended in changed:
        pg.execute(f"UPDATE {SCHEMA}.pac_tables SET changed_in = %s, rewritten_in = CASE WHEN %s THEN rewritten_in "
                   "ELSE %s END WHERE name = %s", [version, appended, version, name])


def _as_text(con, table: Table, rows_sql: str) -> pa.Table:
    columns = ", ".join(_to_text(name, kind) for name, kind in table.columns)
    return arrow_result(con.execute(f"SELECT {columns} FROM ({rows_sql})"))


def _to_text(name: str, kind: str) -> str:
    if kind == "BLOB":
        return f"'\\x' || lower(hex({quoted(name)})) AS {quoted(name)}"
    return f"CAST({quoted(name)} AS VARCHAR) AS {quoted(name)}"


def _copy_in(pg, con, table: Table, rows_sql: str, into: str | None = None) -> int:
    rows = _as_text(con, table, rows_sql)
    if not rows.num_rows:
        return 0
    buffer = io.BytesIO()
    pa_csv.write_csv(rows, buffer, pa_csv.WriteOptions(include_header=False))
    columns = ", ".join(quoted(name) for name in table.names)
    with pg.cursor().copy(f"COPY {into or pg_name(table.name)} ({columns}) FROM STDIN (FORMAT csv)") as copy:
        copy.write(buffer.getvalue())
    return rows.num_rows


def _delete(pg, con, table: Table, rows_sql: str) -> int:
    """The removed rows deleted in PostgreSQL: by primary key, or one matching row each when the table has none."""
    count = con.execute(f"SELECT count(*) FROM ({rows_sql})").fetchall()[0][0]
    if not count:
        return 0
    pg.execute(f"CREATE TEMP TABLE pac_gone (LIKE {pg_name(table.name)}) ON COMMIT DROP")
    try:
        _copy_in(pg, con, table, rows_sql, into="pac_gone")
        if table.key:
            match = " AND ".join(f"d.{quoted(name)} = g.{quoted(name)}" for name in table.key)
            deleted = pg.execute(f"DELETE FROM {pg_name(table.name)} AS d USING pac_gone AS g WHERE {match}").rowcount
        else:
            deleted = pg.execute(
                f"DELETE FROM {pg_name(table.name)} WHERE ctid IN (SELECT DISTINCT ON (g.pac_n) d.ctid "
                f"FROM {pg_name(table.name)} AS d JOIN (SELECT *, row_number() OVER () AS pac_n FROM pac_gone) AS g "
                f"ON ROW({', '.join('d.' + quoted(n) for n in table.names)}) IS NOT DISTINCT FROM "
                f"ROW({', '.join('g.' + quoted(n) for n in table.names)}) ORDER BY g.pac_n, d.ctid)").rowcount
    finally:
        pg.execute("DROP TABLE IF EXISTS pac_gone")
    if deleted != count:
        raise StoreError(f"PostgreSQL ne tient plus les lignes que ce serveur voulait modifier ({table.name}) : "
                         "rien n'a été enregistré ; rechargez la page et recommencez.")
    return count
