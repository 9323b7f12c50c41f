"""The Streamlit side of the Données screen: the check of the uploaded files, kept for the session while the
files and the data stay the same (a rerun must not re-read a 50 MB workbook), and the messages that outlive
the rerun after an import or an undo."""

import io
from dataclasses import dataclass, field

import streamlit as st

from pac_core.accounts import LOCAL_ADMIN_VIA
from pac_core.export import export_workbook
from pac_core.import_preview import ImportPreview, preview_import
from pac_core.report import write_report
from pac_core.store import Store
from pac_core.mapping import ForeignTable
from pac_core.uploads import PARSE_QUOTA, read_foreign_uploads, safe_name, validate_uploads
from pac_core.validate.bounded import refusal
from pac_core.validate import Validation
from ui.login import current_user

_CHECK = "donnees_check"
_MESSAGE = "donnees_message"
_ROUND = "donnees_round"
MAPPINGS = "donnees_correspondances"  # the column-mapping drafts (ui.mapping_step), by file signature


@dataclass
class Check:
    validation: Validation
    preview: ImportPreview | None  # None when the files are refused
    files: int
    foreign: list[ForeignTable] = field(default_factory=list)  # no table of ours: their sheets, to map
    foreign_unreadable: list[str] = field(default_factory=list)  # files that cannot even be read for mapping


CHECKING = "Vérification des fichiers…"
WAITING = "En attente : d'autres fichiers sont en cours de lecture…"


def check_uploads(store: Store, files) -> Check:
    """Validate the uploaded files and preview their import, once per set of files and data version; a check
    counts against the account's rate (pac_core.uploads.PARSE_QUOTA), and says so when it waits for a slot."""
    key = (tuple((f.file_id, f.name, f.size) for f in files), store.data_version())
    kept = st.session_state.get(_CHECK)
    if kept is not None and kept[0] == key:
        return kept[1]
    user = current_user()
    signed_in = user is not None and user.via != LOCAL_ADMIN_VIA  # open local mode: one person on their machine
    refused = PARSE_QUOTA.take(user.name) if signed_in else None
    if refused:  # not kept: the same files are checked once the rate allows
        return Check(refusal([safe_name(f.name) for f in files], refused), None, len(files))
    waiting = st.empty()

    def on_wait():
        waiting.info(WAITING, icon=":material/hourglass_top:")

    with st.spinner(CHECKING):
        uploaded = [(f.name, f.getvalue()) for f in files]
        validation = validate_uploads(uploaded, store.context(), on_wait=on_wait)
        preview = preview_import(store, validation.batch) if validation.ok else None
        foreign, unreadable = [], []
        if validation.no_plan_table:  # not our format: read their sheets as they are, for the column mapping
            foreign, unreadable = read_foreign_uploads(uploaded, on_wait=on_wait)
    waiting.empty()
    check = Check(validation, preview, len(files), foreign, unreadable)
    st.session_state[_CHECK] = (key, check)
    return check


def round_key(name: str) -> str:
    """A widget key renewed after each write, so that the uploader and the confirmation start empty again."""
    return f"{name}-{st.session_state.get(_ROUND, 0)}"


def after_write(kind: str, message: str) -> None:
    """Keep the message for the next run, empty the widgets, drop cached figures, and rerun."""
    st.session_state[_MESSAGE] = (kind, message)
    st.session_state[_ROUND] = st.session_state.get(_ROUND, 0) + 1
    st.session_state.pop(_CHECK, None)
    st.session_state.pop(MAPPINGS, None)  # a saved mapping is picked up by the next upload
    st.cache_data.clear()  # the KPI caches are keyed on the data version already; this frees the old entries
    st.rerun()


def pending_message() -> tuple[str, str] | None:
    return st.session_state.pop(_MESSAGE, None)


def report_bytes(validation: Validation) -> bytes:
    buffer = io.BytesIO()
    write_report(validation.issues, buffer)
    return buffer.getvalue()


def export_bytes(store: Store) -> bytes:
    """The current data in the template's format (called only when the user clicks the download)."""
    buffer = io.BytesIO()
    export_workbook(store, buffer)
    return buffer.getvalue()
