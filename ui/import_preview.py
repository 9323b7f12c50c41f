"""What an import will change, drawn the same way for our own files and for a file read through a column
mapping (pac_core.import_preview computes it; nothing is written)."""

import streamlit as st

from pac_core.display import data as text
from pac_core.import_preview import ImportPreview
from ui import chrome
from ui.widgets import plain


def show_preview(preview: ImportPreview, key: str) -> None:
    """Counts per table, the totals that move, and the detail per action and month in an expander."""
    if preview.already_imported:
        st.info(plain(preview.already_imported), icon=":material/content_copy:")
    removal = preview.removal_warning()
    if removal:
        st.warning(plain(removal), icon=":material/delete_sweep:")
    chrome.table(text.counts_frame(preview), width="content")
    if preview.history:
        st.caption(f"Dont {plain(preview.history)} : gardés pour les comparaisons avec l'année précédente et le "
                   "bilan annuel.")
    if preview.created:
        st.markdown("\n".join(f"- {plain(line)}" for line in preview.created))
    moving = text.changed_totals(preview)
    if moving:
        st.markdown("\n".join(f"- {plain(line)}" for line in moving))
    else:
        st.caption(text.NO_TOTAL_CHANGE)
    with st.expander("Détail par action et par mois, et tous les totaux"):
        chrome.text_dataframe(text.changes_frame(preview), text.WIDTHS, key=key)
        chrome.table(text.totals_frame(preview))
