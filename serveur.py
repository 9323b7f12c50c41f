"""PAC Pilot's server: the screens of app.py behind PAC Pilot's own door. Start it with
`streamlit run serveur.py` (the README's command).

st.App lets the server do what a Streamlit script cannot: set the HttpOnly session cookie that ties a
signed-in person to their browser (not to a Streamlit session id that any second browser can reconnect with),
refuse uploads from browsers that have not signed in, close `/_stcore/metrics` (pac_core/http_guard.py), and
catch what escapes the screens (ui/errors.py). Session ids are kept out of the server log.
"""

import logging
import re

import streamlit as st
from starlette.middleware import Middleware

from pac_core.app_state import shared_store
from pac_core.http_guard import Guard, session_route
from ui.errors import on_script_error

_SESSION_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)


class NoSessionIds(logging.Filter):
    """A session id in a log line would let whoever reads the log reconnect as that session: masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _SESSION_ID.search(message):
            record.msg, record.args = _SESSION_ID.sub("…", message), ()
        return True


def _mask_session_ids() -> None:
    for name in ("streamlit", "streamlit.runtime.websocket_session_manager", "streamlit.runtime",
                 "streamlit.web.server", "uvicorn", "uvicorn.access", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.addFilter(NoSessionIds())
        for handler in logger.handlers:
            handler.addFilter(NoSessionIds())


def _open_at_start() -> None:
    """The database opened when the server starts, not at the first visit: its drop folder (pac_core/depot.py) is
    then served at once, so that a night's scheduled import after a restart does not wait for someone to look.
    A base that cannot be opened is left to the pages, which say why in French."""
    try:
        shared_store()
    except Exception:  # noqa: BLE001 - the pages show the store's own sentence
        logging.getLogger(__name__).warning("database not opened at start", exc_info=True)


_mask_session_ids()
_open_at_start()
app = st.App("app.py", routes=[session_route(shared_store)], middleware=[Middleware(Guard, store=shared_store)],
             on_script_error=on_script_error)
