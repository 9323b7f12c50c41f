"""Données: deposit files, see what is wrong in them, preview what their import changes, import with one button,
see every import and undo any of them; download the template, the current data and the error report. A file
not in our format goes through the column mapping (ui.mapping_step) instead of being refused.

Every write goes through pac_core.access (the one server-side guard). What users wrote (file names, values)
is shown in st.dataframe or escaped with `plain` / `plain_table`: st.table and st.markdown read Markdown.
"""


import streamlit as st

from pac_core import clock, smart
from pac_core.access import WriteRefused, import_validated, undo_import
from pac_core.accounts import EDITEUR
from pac_core.display import data as text
from pac_core.display import smart as smart_text
from pac_core.import_preview import only_history
from pac_core.imports import import_log, undoable
from pac_core.store import StoreError
from ui import chrome, context
from ui.data_page import (after_write, check_uploads, export_bytes, pending_message, report_bytes, round_key)
from ui.import_preview import show_preview
from ui.login import current_user
from ui.mapping_step import mapping_step
from ui.widgets import page_header, plain, template_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOW = {"success": st.success, "info": st.info, "error": st.error}


@st.cache_data(max_entries=8, show_spinner=False)
def plan_check(database: str, version: tuple, plan_version: int, year: int) -> smart.SmartCheck:
    """The current plan's SMART check, once per database, data and plan version, and year."""
    return smart.check_store(context.store(), year)


def plan_quality(check: smart.SmartCheck) -> None:
    """The SMART check (pac_core.smart): the plan's sentence, the five answers per action, the warnings."""
    st.info(plain(smart_text.plan_sentence(check)), icon=":material/fact_check:")  # advice, never a verdict
    if check.actions:
        chrome.table(smart_text.smart_frame(check))
    if check.warnings:
        chrome.table(smart_text.warnings_frame(check))


store = context.store()
page_header("Données", context.scope())
message = pending_message()
if message:
    SHOW[message[0]](plain(message[1]))

upload, downloads = st.columns([3, 2], gap="large")
with downloads:
    st.subheader("Modèle et exports")
    st.download_button("Télécharger le modèle Excel", template_bytes(), file_name="modele-pac.xlsx", mime=XLSX,
                       icon=":material/download:", help=text.TEMPLATE_HELP, key="modele")
    st.download_button("Exporter les données actuelles", lambda: export_bytes(store), mime=XLSX,
                       file_name=f"pac-donnees-{clock.today():%Y-%m-%d}.xlsx", icon=":material/table_view:",
                       help=text.EXPORT_HELP, key="export")
with upload:
    st.subheader("Importer des fichiers")
    files = st.file_uploader(text.UPLOAD_LABEL, accept_multiple_files=True, key=round_key("fichiers"),
                             help=text.UPLOAD_HELP)
    st.caption(text.upload_limit(st.get_option("server.maxUploadSize")))

if files:
    check = check_uploads(store, files)
    validation = check.validation
if files and check.foreign:  # not our format: the column mapping instead of a refusal
    mapping_step(store, check)
elif files:
    st.subheader("Vérification")
    if validation.no_plan_table and check.foreign_unreadable:  # neither ours nor a table of another tool: say why
        for sentence in check.foreign_unreadable:
            st.error(plain(sentence), icon=":material/block:")
        st.caption(text.REFUSED_NOTHING_WRITTEN)
    elif validation.unreadable:
        for issue in validation.errors:
            st.error(plain(issue.message), icon=":material/block:")
        st.caption(text.REFUSED_NOTHING_WRITTEN)
    elif validation.ok:
        st.success(text.verdict(validation, check.files), icon=":material/check_circle:")
    else:
        st.error(text.verdict(validation, check.files), icon=":material/error:")
        st.caption(text.REFUSED_NOTHING_WRITTEN)
        chrome.table(text.issues_frame(validation.errors))
    if validation.warnings:
        with st.expander(f"Avertissements ({len(validation.warnings)})", expanded=not validation.ok):
            chrome.table(text.issues_frame(validation.warnings))
    if validation.issues:
        st.download_button("Télécharger le rapport d'erreurs (Excel)", report_bytes(validation), mime=XLSX,
                           file_name="rapport-verification.xlsx", icon=":material/download:", key="rapport")

    if check.preview is not None:
        st.subheader("Ce que l'import va changer")
        show_preview(check.preview, key="detail")
        st.caption(f"{text.PREVIEW_RULE} {text.NOTHING_WRITTEN}")
        quality = None if only_history(validation.batch) else smart.check_batch(store, validation.batch)
        if quality is not None and quality.actions:
            st.subheader(smart_text.TITLE, help=smart_text.HELP)
            st.caption(smart_text.BATCH_CAPTION)
            plan_quality(quality)
        may_import = current_user() is None or current_user().at_least(EDITEUR)  # the guard decides; this says it
        if not may_import:
            st.caption("Votre rôle (lecteur) permet de vérifier un fichier, pas de l'importer : demandez à un éditeur.")
        if st.button("Importer", type="primary", icon=":material/upload:", key="importer", disabled=not may_import):
            try:
                outcome = import_validated(store, validation, current_user())
            except (WriteRefused, StoreError) as exc:
                st.error(plain(str(exc)))
            else:
                after_write("info" if outcome.already_imported else "success", text.imported_text(outcome))

year = context.scope().as_of.year if context.scope().as_of is not None else None
if year is not None:
    with st.expander(f"{smart_text.TITLE} {year}"):
        st.caption(smart_text.HELP)
        plan_quality(plan_check(str(store.path), store.data_version(), store.current_plan_version(), year))

st.subheader("Historique des imports")
log = import_log(store)
if log.empty:
    st.caption(text.NO_IMPORT_YET)
else:
    chrome.text_dataframe(text.history_frame(log), text.WIDTHS, key="historique")
    active = undoable(log)
    if len(active):
        with st.expander("Annuler un import"):
            st.caption(text.UNDO_RULE)
            labels = {int(row.import_id): text.undo_label(row) for row in active.itertuples(index=False)}
            chosen = st.selectbox("Import à annuler", list(labels), format_func=labels.get, key=round_key("annuler"))
            confirmed = st.checkbox(f"Je confirme l'annulation de l'import n° {chosen}", key=round_key("confirmer"))
            if st.button("Confirmer l'annulation", disabled=not confirmed, icon=":material/undo:", key="annulation"):
                try:
                    done = undo_import(store, chosen, current_user())
                except (WriteRefused, StoreError) as exc:
                    st.error(plain(str(exc)))
                else:
                    after_write("success", done)
