"""The last handler of every screen: an unexpected error is logged on the server with its details and a
reference number, and the person in front of the screen reads one French sentence with that number — never
a Python traceback with the server's paths (Streamlit's own details are off: client.showErrorDetails).

PAC_ERREURS=details lets the error through instead, for the test suite and for whoever debugs on their own
machine: a test must see the exception, not a polite sentence."""

import logging
import os
import secrets

import streamlit as st

from pac_core import clock

_LOG = logging.getLogger("pac_pilot.errors")
MESSAGE = "Cette page a rencontré une erreur inattendue (référence {ref})."


def details_wanted() -> bool:
    return os.environ.get("PAC_ERREURS", "").strip().lower() == "details"


def reference() -> str:
    """A number to quote to whoever reads the server log: the day and a few random letters, unique enough."""
    return f"{clock.utc_now():%Y%m%d}-{secrets.token_hex(3).upper()}"


def report(exc: BaseException) -> str:
    """Log `exc` with its traceback under a new reference; the reference."""
    ref = reference()
    _LOG.error("Erreur inattendue, référence %s", ref, exc_info=(type(exc), exc, exc.__traceback__))
    return ref


def show(exc: BaseException) -> None:
    """What the screen shows instead of a traceback."""
    ref = report(exc)
    st.error(MESSAGE.format(ref=ref) + " Rechargez la page ; si l'erreur revient, donnez cette référence à "
             "l'administrateur de PAC Pilot : le détail est dans le journal du serveur.", icon=":material/error:")


def on_script_error(exc: Exception) -> bool:
    """st.App's handler for what escapes the screens (app.py itself, widget callbacks): True = handled."""
    if details_wanted():
        return False
    show(exc)
    return True
