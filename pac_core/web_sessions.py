"""Signed-in browsers: a session is a random secret the browser keeps in an HttpOnly cookie, not the Streamlit
session id (which travels in upload URLs and server logs, and which any second browser can reconnect with).

Only the secret's SHA-256 is stored (history.web_sessions). A session ends at sign-out, when its account is
disabled or loses its role, and after a fixed number of hours; every check reads the database, so a revocation
counts at once. The cookie cannot be set from a Streamlit script, so the page that signs someone in hands the
secret to the server's own route (pac_core/http_guard.py) through a one-time code that lives a minute in this
process's memory: the secret itself never appears in a URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import threading

from pac_core import clock
from pac_core.accounts import Principal
from pac_core.store import Store

COOKIE = "pac_session"
HOURS = float(os.environ.get("PAC_SESSION_HOURS", "12"))
HANDOFF_SECONDS = 60
_MAX_TOKEN = 200  # a longer cookie is not one of ours: not even hashed


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(store: Store, principal: Principal, now: dt.datetime | None = None) -> str:
    """A new session for a signed-in account; the secret is returned once and never stored in clear."""
    now = now or clock.utc_now()
    token = secrets.token_urlsafe(32)
    with store.transaction() as con:
        con.execute("INSERT INTO history.web_sessions VALUES (?, ?, ?, ?, NULL)",
                    [_hash(token), principal.name, now, now + dt.timedelta(hours=HOURS)])
    return token


def principal_for(store: Store, token: str | None, now: dt.datetime | None = None) -> Principal | None:
    """Who a cookie's secret signs in: None when unknown, expired, revoked, or when its account is disabled."""
    if not isinstance(token, str) or not token or len(token) > _MAX_TOKEN:
        return None
    now = now or clock.utc_now()
    rows = store.query("SELECT s.username, a.role FROM history.web_sessions s JOIN history.accounts a "
                       "ON a.username = s.username WHERE s.token_hash = ? AND s.revoked_at IS NULL "
                       "AND s.expires_at > ? AND a.disabled_at IS NULL", [_hash(token), now])
    if not len(rows):
        return None
    return Principal(rows["username"].iloc[0], rows["role"].iloc[0], "password")


def seconds_left(store: Store, token: str, now: dt.datetime | None = None) -> int:
    """How long the cookie should live: until the session expires (0 when it is not valid)."""
    now = now or clock.utc_now()
    expires = store.scalar("SELECT max(expires_at) FROM history.web_sessions WHERE token_hash = ? "
                           "AND revoked_at IS NULL", [_hash(token)])
    return max(0, int((expires - now).total_seconds())) if expires is not None else 0


def close_session(store: Store, token: str | None) -> None:
    """Sign-out: the secret is worth nothing from now on, in every browser that holds it."""
    if not token or len(token) > _MAX_TOKEN:
        return
    with store.transaction() as con:
        con.execute("UPDATE history.web_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                    [clock.utc_now(), _hash(token)])


def close_all(store: Store, username: str) -> int:
    """Sign an account out everywhere (a stolen laptop, a person leaving); returns the sessions closed."""
    with store.transaction() as con:
        count = con.execute("SELECT count(*) FROM history.web_sessions WHERE username = ? AND revoked_at IS NULL "
                            "AND expires_at > ?", [username, clock.utc_now()]).fetchall()[0][0]
        con.execute("UPDATE history.web_sessions SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL",
                    [clock.utc_now(), username])
    return count


def active_sessions(store: Store):
    """Open sessions per account, for the Comptes page."""
    return store.query("SELECT username, count(*) AS sessions, max(created_at) AS last_sign_in "
                       "FROM history.web_sessions WHERE revoked_at IS NULL AND expires_at > ? "
                       "GROUP BY username ORDER BY username", [clock.utc_now()])


class Handoff:
    """One-time codes that carry a session's secret from the page that signed someone in to the server route
    that sets the cookie. Single use, a minute long, kept in memory: a code in a log is worth nothing."""

    def __init__(self, seconds: float = HANDOFF_SECONDS):
        self._seconds = seconds
        self._codes: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def issue(self, token: str, now: float | None = None) -> str:
        now = clock_seconds() if now is None else now
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes = {key: value for key, value in self._codes.items() if value[1] > now}
            self._codes[code] = (token, now + self._seconds)
        return code

    def redeem(self, code: str | None, now: float | None = None) -> str | None:
        now = clock_seconds() if now is None else now
        with self._lock:
            held = self._codes.pop(code or "", None)
        return held[0] if held is not None and held[1] > now else None


def clock_seconds() -> float:
    """A monotonic clock for the codes' minute (not the business clock: PAC_TODAY may be pinned)."""
    import time

    return time.monotonic()


HANDOFF = Handoff()  # this process's codes: the page and the route run in the same server process

