"""The server's own door, in front of Streamlit's routes (serveur.py wires it with st.App).

Streamlit accepts a file upload from anyone who holds a session id and the XSRF cookie — both obtainable
without signing in — and keeps the file in memory until the session ends: ten 49 MB uploads cost the server
480 MB. So, before Streamlit reads a byte of the body, an upload must come from a signed-in browser (our
HttpOnly session cookie, pac_core/web_sessions.py) and stay within a quota per session and per account.
The same door closes `/_stcore/metrics` (session counts and memory figures are nobody's business) and sets
the session cookie from a one-time code (`/_pac/session`), the one thing a Streamlit script cannot do.
"""

from __future__ import annotations

import collections
import http.cookies
import threading
import time
from typing import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from pac_core import accounts, web_sessions
from pac_core.store import Store

UPLOAD_PATH = "/_stcore/upload_file/"
CLOSED_PATHS = ("/_stcore/metrics",)
SESSION_ROUTE = "/_pac/session"
FILES_PER_SESSION = 30  # per hour: a month's files, refused or not, several times over
BYTES_PER_ACCOUNT = 300 * 1024 ** 2  # per hour
_HOUR = 3600.0


class UploadQuota:
    """Uploads admitted in the last hour, per Streamlit session and per account (or per session in open mode)."""

    def __init__(self, files_per_session: int = FILES_PER_SESSION, bytes_per_account: int = BYTES_PER_ACCOUNT):
        self.files_per_session = files_per_session
        self.bytes_per_account = bytes_per_account
        self._files: dict[str, collections.deque] = collections.defaultdict(collections.deque)
        self._bytes: dict[str, collections.deque] = collections.defaultdict(collections.deque)
        self._lock = threading.Lock()

    def admit(self, session_id: str, who: str, size: int, now: float | None = None) -> str | None:
        """None when the upload may go on (and it is counted), else the French sentence refusing it."""
        now = time.monotonic() if now is None else now
        with self._lock:
            files, sizes = self._files[session_id], self._bytes[who]
            for queue in (files, sizes):
                while queue and queue[0][0] <= now - _HOUR:
                    queue.popleft()
            if len(files) >= self.files_per_session:
                return (f"Trop de fichiers envoyés depuis cette page ({self.files_per_session} en une heure) : "
                        "rechargez la page ou réessayez plus tard.")
            if sum(size for _, size in sizes) + size > self.bytes_per_account:
                return (f"Trop de données envoyées en une heure ({self.bytes_per_account // 1024 ** 2} Mo au plus "
                        "par compte) : réessayez plus tard.")
            files.append((now, 1))
            sizes.append((now, size))
        return None


def _cookie(headers: list[tuple[bytes, bytes]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == b"cookie":
            jar = http.cookies.SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except http.cookies.CookieError:
                continue
            if name in jar:
                return jar[name].value
    return None


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str:
    return next((value.decode("latin-1") for key, value in headers if key.lower() == name), "")


class Guard:
    """Pure ASGI middleware (it never reads a request body, so Streamlit's upload handler reads it intact)."""

    def __init__(self, app, store: Callable[[], Store], quota: UploadQuota | None = None):
        self.app = app
        self._store = store
        self.quota = quota or UploadQuota()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            path = scope.get("path", "")
            if any(path.rstrip("/").endswith(closed) for closed in CLOSED_PATHS):
                await PlainTextResponse("Introuvable.", status_code=404)(scope, receive, send)
                return
            if UPLOAD_PATH in path and scope.get("method") in ("PUT", "POST"):
                refusal = await run_in_threadpool(self.check_upload, path, scope.get("headers", []))
                if refusal:
                    await PlainTextResponse(refusal, status_code=403)(scope, receive, send)
                    return
        await self.app(scope, receive, send)

    def check_upload(self, path: str, headers) -> str | None:
        """Why this upload is refused (None: it may go on)."""
        store = self._store()
        session_id = path.split(UPLOAD_PATH, 1)[1].split("/", 1)[0]
        if accounts.open_mode(store):
            who = f"session {session_id}"
        else:
            principal = web_sessions.principal_for(store, _cookie(headers, web_sessions.COOKIE))
            if principal is None:
                return "Connectez-vous à PAC Pilot avant d'envoyer un fichier."
            who = principal.name
        try:
            size = max(0, int(_header(headers, b"content-length") or 0))
        except ValueError:
            size = 0
        return self.quota.admit(session_id, who, size)


def session_route(store: Callable[[], Store]) -> Route:
    """GET /_pac/session?code=…: the one-time code from the sign-in page becomes the HttpOnly cookie."""

    def _cookie_for(code: str | None) -> tuple[str, int] | None:
        token = web_sessions.HANDOFF.redeem(code)
        if token is None:
            return None
        seconds = web_sessions.seconds_left(store(), token)
        return (token, seconds) if seconds > 0 else None

    async def endpoint(request: Request) -> Response:
        found = await run_in_threadpool(_cookie_for, request.query_params.get("code"))
        if found is None:
            return PlainTextResponse("Code inconnu ou expiré.", status_code=404,
                                     headers={"Cache-Control": "no-store"})
        token, seconds = found
        response = Response(status_code=204, headers={"Cache-Control": "no-store"})
        secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
        response.set_cookie(web_sessions.COOKIE, token, max_age=seconds, path="/", httponly=True,
                            samesite="strict", secure=secure)
        return response

    return Route(SESSION_ROUTE, endpoint, methods=["GET"])
