"""Reaching the PostgreSQL server: every way it can fail (a malformed address, a server down, a wrong password, a
database that does not exist, another application's database, a server too old) becomes one French sentence,
with the password never shown."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pac_core.store import StoreError

SCHEMA = "pac_pilot"  # everything PAC Pilot keeps lives in this schema of the database
OLDEST = 130000  # PostgreSQL 13: the oldest version still supported by its community when this was written
EXAMPLE = "postgresql://utilisateur:motdepasse@serveur:5432/base"


def masked(url: str) -> str:
    """The address as it may be shown: the password replaced by ***."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def connect(url: str, *, autocommit: bool = False):
    """An open connection to the server of `url`; StoreError with the reason in French otherwise."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    shown = masked(url)
    try:
        urlsplit(url).port  # noqa: B018 — a port that is not a number raises here
        parts = conninfo_to_dict(url)
    except (psycopg.ProgrammingError, ValueError):
        raise StoreError(f"L'adresse PostgreSQL « {shown} » n'est pas valide : elle s'écrit {EXAMPLE}.") from None
    where = f"{parts.get('host') or 'localhost'}:{parts.get('port') or 5432}"
    database, user = parts.get("dbname") or parts.get("user") or "?", parts.get("user") or "?"
    try:
        connection = psycopg.connect(url, autocommit=autocommit, connect_timeout=10,
                                     application_name="PAC Pilot")
    except psycopg.OperationalError as exc:
        raise StoreError(_reason(str(exc), shown, where, database, user)) from None
    except psycopg.Error as exc:
        raise StoreError(f"Connexion à PostgreSQL ({shown}) impossible : {type(exc).__name__}.") from None
    try:
        check_version(connection.info.server_version)
    except StoreError:
        connection.close()
        raise
    return connection


def _reason(error: str, shown: str, where: str, database: str, user: str) -> str:
    """psycopg's (English) error, as a user can act on it."""
    text = error.lower()
    if "password authentication failed" in text or "no password supplied" in text:
        return (f"PostgreSQL ({where}) a refusé l'utilisateur « {user} » : mot de passe ou nom d'utilisateur "
                "incorrect. Vérifiez l'adresse donnée dans PAC_DB ou --db.")
    if "does not exist" in text and "database" in text:
        return (f"La base « {database} » n'existe pas sur le serveur PostgreSQL {where} : créez-la (createdb "
                f"{database}) ou corrigez son nom dans l'adresse.")
    if "role" in text and "does not exist" in text:
        return f"L'utilisateur « {user} » n'existe pas sur le serveur PostgreSQL {where} : corrigez l'adresse."
    if "failed to resolve host" in text or "could not translate host name" in text:
        return (f"Le serveur PostgreSQL « {where.rsplit(':', 1)[0]} » est introuvable (nom inconnu du réseau) : "
                f"vérifiez l'adresse « {shown} ».")
    if "no pg_hba.conf entry" in text:
        return (f"Le serveur PostgreSQL {where} n'accepte pas les connexions de cette machine (pg_hba.conf) : "
                "demandez à son administrateur de l'autoriser.")
    if any(words in text for words in ("connection refused", "could not connect", "timeout expired",
                                       "name or service not known",
                                       "no route to host", "connection timed out", "server closed the connection")):
        return (f"Le serveur PostgreSQL {where} ne répond pas : vérifiez qu'il est démarré et que l'adresse "
                f"« {shown} » est la bonne.")
    return f"Connexion à PostgreSQL ({shown}) impossible : {error.strip().splitlines()[0]}"


def check_version(server_version: int) -> None:
    """PostgreSQL 13 or newer (server_version as libpq gives it: 150018 for 15.18)."""
    if server_version < OLDEST:
        major = (f"{server_version // 10000}" if server_version >= 100000
                 else f"{server_version // 10000}.{server_version // 100 % 100}")  # 9.6 is 90624
        raise StoreError(f"PostgreSQL {major} est trop ancien : PAC Pilot demande PostgreSQL 13 ou plus récent "
                         "(mettez le serveur à jour, ou gardez la base DuckDB).")


def check_database_is_ours(connection, database: str) -> bool:
    """True when the database already holds PAC Pilot's schema; False when it is empty (ours to fill). A database
    holding another application's tables is refused, so that nothing is written beside them."""
    ours = connection.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = %s "
                              "AND table_name = 'pac_meta'", [SCHEMA]).fetchone()[0]
    if ours:
        return True
    others = connection.execute(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema NOT IN "
        "('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_%%' ORDER BY 1 LIMIT 3").fetchall()
    if others:
        listed = ", ".join(name for (name,) in others)
        raise StoreError(f"La base PostgreSQL « {database} » contient déjà les tables d'une autre application "
                         f"({listed}…) : PAC Pilot n'y écrit rien. Donnez-lui une base à lui (createdb pac).")
    return False
