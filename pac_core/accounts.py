"""Accounts, roles and wall tokens: who may read, who may import, who may change the plan.

Roles, from least to most: lecteur (screens and wall), éditeur (imports results, targets and pipeline),
admin (the plan itself — actions and strategic objectives —, plan versions, undo, accounts, wall tokens).
A database without any account runs in open local mode: whoever reaches the app is a local admin, and the
app says so. Passwords are hashed with argon2; a wall token is a long random secret shown once, of which
only the SHA-256 is stored (it is not a password: its 256 random bits need no slow hash).
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pac_core.store import Store
from pac_core.text import fold

LECTEUR, EDITEUR, ADMIN = "lecteur", "éditeur", "admin"
ROLES = (LECTEUR, EDITEUR, ADMIN)
_RANK = {role: rank for rank, role in enumerate(ROLES)}
MIN_PASSWORD_LENGTH = 10
_NAME = re.compile(r"^[\w.@+-]{2,64}$")
_hasher = PasswordHasher()


class AccountError(Exception):
    """A refused account operation; str(exc) is one French sentence."""


@dataclass(frozen=True)
class Principal:
    """Who is acting: a name, a role, and how they came in (local, password, oidc, wall)."""

    name: str
    role: str
    via: str

    def at_least(self, role: str) -> bool:
        return _RANK[self.role] >= _RANK[role]


LOCAL_ADMIN_VIA = "local"


def open_mode(store: Store) -> bool:
    """No account yet: open local mode."""
    return store.scalar("SELECT count(*) FROM history.accounts") == 0


def _check_role(role: str) -> str:
    """The role's proper spelling (« editeur », « Éditeur » are « éditeur »)."""
    for known in ROLES:
        if fold(role) == fold(known):
            return known
    raise AccountError(f"Rôle « {role} » inconnu : choisissez lecteur, éditeur ou admin.")


def _same_name(name: str) -> str:
    """Names that read the same are one account: « Chef » is « chef », « ｃｈｅｆ » too."""
    return unicodedata.normalize("NFKC", name).casefold()


def add_account(store: Store, username: str, role: str, password: str | None, *, by: str) -> None:
    """Create an account (a password, or None for an account that signs in through OIDC). Names are unique
    whatever their case or width: two accounts « chef » and « Chef » would lock one another out."""
    username = unicodedata.normalize("NFC", username.strip())
    if not _NAME.match(username):
        raise AccountError(f"« {username} » n'est pas un identifiant valable : 2 à 64 lettres, chiffres ou . @ + - _.")
    role = _check_role(role)
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Mot de passe trop court : au moins {MIN_PASSWORD_LENGTH} caractères.")
    hashed = _hasher.hash(password) if password is not None else None
    with store.transaction() as con:
        taken = [row[0] for row in con.execute("SELECT username FROM history.accounts").fetchall()
                 if _same_name(row[0]) == _same_name(username)]
        if taken:
            raise AccountError(f"Le compte « {taken[0]} » existe déjà"
                               + ("." if taken[0] == username else f" : « {username} » ne s'en distinguerait que par "
                                  "les majuscules ou la largeur des caractères. Choisissez un autre nom."))
        if role != ADMIN and not con.execute("SELECT count(*) FROM history.accounts").fetchall()[0][0]:
            raise AccountError("Le premier compte doit être admin : sans lui, plus personne ne pourrait gérer les "
                               "comptes une fois le mode local ouvert terminé.")
        con.execute("INSERT INTO history.accounts VALUES (?, ?, ?, current_timestamp, ?, NULL)",
                    [username, role, hashed, by])


def set_role(store: Store, username: str, role: str, *, by: str) -> None:
    role = _check_role(role)
    username = account_named(store, username) or username
    with store.transaction() as con:
        _existing(con, username)
        if role != ADMIN:
            _keep_one_admin(con, username)
        con.execute("UPDATE history.accounts SET role = ? WHERE username = ?", [role, username])


def disable_account(store: Store, username: str, *, by: str) -> None:
    """An account that may no longer sign in (kept, so that the import log still names it)."""
    username = account_named(store, username) or username
    with store.transaction() as con:
        _existing(con, username)
        _keep_one_admin(con, username)
        con.execute("UPDATE history.accounts SET disabled_at = current_timestamp WHERE username = ?", [username])
        con.execute("UPDATE history.web_sessions SET revoked_at = current_timestamp WHERE username = ? "
                    "AND revoked_at IS NULL", [username])  # signed out everywhere at once


def _existing(con, username: str) -> None:
    if not con.execute("SELECT count(*) FROM history.accounts WHERE username = ? AND disabled_at IS NULL",
                       [username]).fetchall()[0][0]:
        raise AccountError(f"Il n'y a pas de compte actif « {username} ».")


def _keep_one_admin(con, leaving: str) -> None:
    others = con.execute("SELECT count(*) FROM history.accounts WHERE role = 'admin' AND disabled_at IS NULL "
                         "AND username <> ?", [leaving]).fetchall()[0][0]
    is_admin = con.execute("SELECT count(*) FROM history.accounts WHERE role = 'admin' AND username = ?",
                           [leaving]).fetchall()[0][0]
    if is_admin and not others:
        raise AccountError("C'est le dernier compte admin : créez-en un autre avant de retirer celui-ci.")


def accounts(store: Store):
    return store.query("SELECT username, role, password_hash IS NOT NULL AS has_password, created_at, created_by, "
                       "disabled_at FROM history.accounts ORDER BY username")


def sign_in(store: Store, username: str, password: str) -> Principal | None:
    """The principal for a right name and password; None otherwise (the same answer for an unknown name). The
    name may be typed in any case: « Chef » signs in as « chef »."""
    found = account_named(store, username)
    rows = store.query("SELECT role, password_hash FROM history.accounts WHERE username = ? AND disabled_at IS NULL",
                       [found or ""])
    stored = rows["password_hash"].iloc[0] if len(rows) else None
    try:
        if stored is None:
            _hasher.verify(_dummy_hash(), password)  # same time whether the name exists or not
            return None
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return Principal(found, rows["role"].iloc[0], "password")


def account_named(store: Store, name: str) -> str | None:
    """The stored name of the account `name` designates: itself, else the one account that reads the same
    (case, width). Exact first, so that two such accounts left by an older version never stand for each other."""
    name = unicodedata.normalize("NFC", str(name).strip())
    names = store.query("SELECT username FROM history.accounts")["username"].tolist()
    if name in names:
        return name
    same = [stored for stored in names if _same_name(stored) == _same_name(name)]
    return same[0] if len(same) == 1 else None


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash("pas-un-vrai-mot-de-passe")


def principal_for_oidc(store: Store, email: str) -> Principal | None:
    """An OIDC user is the account named by their e-mail address; None if there is none (or it is disabled)."""
    name = account_named(store, email)
    rows = store.query("SELECT role FROM history.accounts WHERE username = ? AND disabled_at IS NULL", [name or ""])
    return Principal(name, rows["role"].iloc[0], "oidc") if len(rows) else None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_wall_token(store: Store, label: str, *, by: str) -> str:
    """A new token for a wall screen; returned once, never stored in clear."""
    label = label.strip() or "Écran mural"
    token = secrets.token_urlsafe(32)
    with store.transaction() as con:
        next_id = con.execute("SELECT coalesce(max(token_id), 0) + 1 FROM history.wall_tokens").fetchall()[0][0]
        con.execute("INSERT INTO history.wall_tokens VALUES (?, ?, ?, current_timestamp, ?, NULL)",
                    [next_id, label, _token_hash(token), by])
    return token


def revoke_wall_token(store: Store, token_id: int, *, by: str) -> None:
    with store.transaction() as con:
        if not con.execute("SELECT count(*) FROM history.wall_tokens WHERE token_id = ? AND revoked_at IS NULL",
                           [token_id]).fetchall()[0][0]:
            raise AccountError(f"Il n'y a pas de jeton actif n° {token_id}.")
        con.execute("UPDATE history.wall_tokens SET revoked_at = current_timestamp WHERE token_id = ?", [token_id])


def wall_tokens(store: Store):
    return store.query("SELECT token_id, label, created_at, created_by, revoked_at FROM history.wall_tokens "
                       "ORDER BY token_id")


def principal_for_token(store: Store, token: str) -> Principal | None:
    """A wall screen's token: always a lecteur, whatever created it; None when unknown or revoked."""
    if not token or len(token) > 200:
        return None
    rows = store.query("SELECT token_id, label FROM history.wall_tokens WHERE token_hash = ? AND revoked_at IS NULL",
                       [_token_hash(token)])
    if not len(rows):
        return None
    return Principal(f"écran « {rows['label'].iloc[0]} »", LECTEUR, "wall")


def current_role(store: Store, who: Principal) -> str | None:
    """The role `who` has now, from the database: None for a disabled or unknown account, or a wall screen
    (a token never writes)."""
    if who.via == "wall":
        return None
    name = account_named(store, who.name) if who.via == "oidc" else who.name  # a password principal: exact name
    rows = store.query("SELECT role FROM history.accounts WHERE username = ? AND disabled_at IS NULL", [name or ""])
    return rows["role"].iloc[0] if len(rows) else None


def local_admin(name: str) -> Principal:
    return Principal(name, ADMIN, LOCAL_ADMIN_VIA)

