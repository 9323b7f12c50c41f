"""Signing in with a password, paced: every attempt is logged (history.sign_ins, read by the admins) and the
log decides how long the next one must wait.

Counted per account (the name as typed, folded) and per client address, since the last success of that
account or from that address: the first failures are free (a typo), then each one doubles the wait, up to a
minute; after ten, the account — or the address — is locked for fifteen minutes, and each further failure
locks it again. Fifty wrong passwords thus take hours, not the 22 seconds they took. A refused attempt is
refused before the password is even checked, so that waiting cannot be skipped by trying faster.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from pac_core import accounts, clock
from pac_core.accounts import Principal
from pac_core.store import Store

FREE_FAILURES = 2
MAX_DELAY_SECONDS = 60
LOCK_AFTER = 10
LOCK_MINUTES = 15
MEMORY_HOURS = 24  # failures older than this no longer count


def client_address(peer: str, forwarded_for: str | None, proxies: str | None) -> str:
    """The address an attempt is counted from. Behind a reverse proxy (nginx in front of several servers) every
    request comes from the proxy: counted as is, ten wrong passwords from anyone would lock everyone out. When the
    peer is one of the proxies named in PAC_PROXIES, the client is the last address the proxy added to
    X-Forwarded-For (what the client itself wrote there, further left, is not believed)."""
    trusted = {address.strip() for address in (proxies or "").split(",") if address.strip()}
    if peer in trusted and forwarded_for:
        last = forwarded_for.split(",")[-1].strip()
        if last:
            return last
    return peer


def fold_name(username: str) -> str:
    """The name as the pacing counts it: « Chef », « CHEF » and « ｃｈｅｆ » are one."""
    return unicodedata.normalize("NFKC", str(username)).strip().casefold()[:128]


@dataclass(frozen=True)
class Attempt:
    """What a sign-in attempt gave: a principal, or the French sentence to show."""

    principal: Principal | None
    message: str = ""
    retry_after: int = 0  # seconds before an attempt will be checked again


def _failures(con, column: str, value: str, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """Failures since the last success for this account or address (within MEMORY_HOURS), and the latest."""
    since = now - dt.timedelta(hours=MEMORY_HOURS)
    last_ok = con.execute(f"SELECT max(attempted_at) FROM history.sign_ins WHERE {column} = ? AND outcome = 'réussie'",
                          [value]).fetchall()[0][0]
    if last_ok is not None and last_ok > since:
        since = last_ok
    count, latest = con.execute(f"SELECT count(*), max(attempted_at) FROM history.sign_ins WHERE {column} = ? "
                                "AND outcome = 'refusée' AND attempted_at > ?", [value, since]).fetchall()[0]
    return count, latest


def wait_seconds(failures: int, latest: dt.datetime | None, now: dt.datetime) -> int:
    """How long before the next attempt may be checked, after `failures` failures, the last at `latest`."""
    if latest is None or failures <= FREE_FAILURES:
        return 0
    if failures >= LOCK_AFTER:
        pause = dt.timedelta(minutes=LOCK_MINUTES)
    else:
        pause = dt.timedelta(seconds=min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS))
    return max(0, int(((latest + pause) - now).total_seconds() + 0.999))


def _refusal(seconds: int, locked: bool) -> str:
    if locked:
        minutes = max(1, (seconds + 59) // 60)
        return (f"Trop d'essais manqués : la connexion est bloquée pendant {minutes} min. Réessayez ensuite, ou "
                "demandez à un administrateur de vérifier le compte.")
    return f"Trop d'essais manqués : réessayez dans {seconds} s."


def attempt(store: Store, username: str, password: str, address: str = "",
            now: dt.datetime | None = None) -> Attempt:
    """Check a name and password, paced and logged; the same answer whether the name exists or not."""
    now = now or clock.utc_now()
    name, address = fold_name(username), str(address or "")[:64]
    with store.transaction() as con:
        waits = []
        for column, value in (("username", name), ("address", address)):
            if column == "address" and not value:
                continue
            failures, latest = _failures(con, column, value, now)
            waits.append((wait_seconds(failures, latest, now), failures >= LOCK_AFTER))
        seconds, locked = max(waits, default=(0, False))
        if seconds > 0:
            con.execute("INSERT INTO history.sign_ins VALUES (?, ?, ?, 'bloquée')", [now, name, address])
    if seconds > 0:
        return Attempt(None, _refusal(seconds, locked), seconds)
    principal = accounts.sign_in(store, username, password)
    with store.transaction() as con:
        con.execute("INSERT INTO history.sign_ins VALUES (?, ?, ?, ?)",
                    [now, name, address, "réussie" if principal else "refusée"])
    if principal is None:
        return Attempt(None, "Identifiant ou mot de passe incorrect.")
    return Attempt(principal)


def log(store: Store, limit: int = 200):
    """The latest attempts, newest first, for the admins (Comptes page, `python -m pac_core connexions`)."""
    return store.query("SELECT attempted_at, username, address, outcome FROM history.sign_ins ORDER BY attempted_at DESC LIMIT ?",
                       [int(limit)])
