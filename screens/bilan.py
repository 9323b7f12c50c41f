"""Bilan annuel: for a closed year (or the current one, provisional), each action's objective, actual, cost and
return with a suggested verdict; the managers change the verdicts, comment, add new ideas to test and save the
bilan; then the PDF and next year's plan as a workbook to edit and import."""

import io

import streamlit as st

from pac_core import bilan as bilan_core
from pac_core.access import WriteRefused
from pac_core.bilan_pdf import bilan_pdf
from pac_core.display import bilan as view
from pac_core.next_plan import file_name, write_next_plan
from pac_core.store import StoreError
from ui import context
from ui.login import current_user
from ui.widgets import page_header, plain, welcome_if_empty

SAVED = "bilan_enregistre"
EDITION = "bilan_edition"  # changes after a save: the editors start again from what is kept
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

scope = context.scope()
page_header("Bilan annuel", scope)
if welcome_if_empty(scope):
    st.stop()

store = context.store()
years = bilan_core.bilan_years(store)
if not years:
    st.info("Aucune année à dresser en bilan : il faut les objectifs ou le réalisé d'au moins un mois clos.")
    st.stop()
closed = [year for year in years if bilan_core.is_closed(year)]
default = bilan_core.default_year(store)
year = st.selectbox("Année du bilan", years, index=years.index(default), key="bilan_annee", width=260,
                    format_func=lambda value: view.year_label(value, closed))
try:
    result = bilan_core.compute(store, year)
except bilan_core.BilanError as exc:
    st.warning(plain(str(exc)))
    st.stop()

st.subheader(result.title)
st.caption(f"{view.header_text(result)} · {view.saved_text(result)}")
if st.session_state.pop(SAVED, None):
    st.success(st.session_state.pop(SAVED + "_message", "Bilan enregistré."), icon=":material/check_circle:")

for column, (verdict, label, count) in zip(st.columns(4), view.verdict_counts(result)):
    column.metric(label, f"{count} action{'s' if count > 1 else ''}", border=True)

st.markdown("#### Les chiffres de l'année")
st.dataframe(view.figures_frame(result).drop(columns=["Raison", "Responsable"]), hide_index=True, width="stretch",
             key=f"bilan_chiffres_{year}",
             column_config={"Action": st.column_config.TextColumn(width="medium"),
                            "Coût par résultat": st.column_config.TextColumn(width="medium", alignment="right"),
                            **{name: st.column_config.TextColumn(alignment="right") for name in view.FIGURES}})

edition = st.session_state.get(EDITION, 0)
st.markdown("#### Pourquoi ces verdicts")
st.markdown("\n".join(f"- {plain(line)}" for line in view.reasons(result)))

with st.form(f"bilan_{year}", border=False):
    st.markdown("#### Les verdicts")
    st.caption("Choisissez le verdict de chaque action, l'objectif de l'an prochain de son indicateur principal et "
               "un commentaire.")
    editor = view.editor_frame(result)[["ID", "Action", "Verdict suggéré", *view.EDITABLE]]
    edited = st.data_editor(
        editor, hide_index=True, width="stretch", key=f"bilan_verdicts_{year}_{edition}",
        disabled=[name for name in editor.columns if name not in view.EDITABLE],
        column_config={
            "Action": st.column_config.TextColumn(width="medium"),
            "Verdict": st.column_config.SelectboxColumn(options=view.VERDICT_OPTIONS, required=True),
            "Objectif proposé": st.column_config.NumberColumn(min_value=0, format="localized"),
            "Commentaire": st.column_config.TextColumn(width="large", max_chars=500)})
    st.markdown("#### Nouvelles idées à tester")
    st.caption("Une ligne par idée : nom, levier, canal, responsable, budget. Elle entrera au plan de l'an prochain "
               "comme une action à tester (verdict « Arrêter » : l'idée est écartée).")
    ideas = st.data_editor(
        view.ideas_frame(result), hide_index=True, width="stretch", num_rows="dynamic",
        key=f"bilan_idees_{year}_{edition}", disabled=["ID"],
        column_config={
            "Nom": st.column_config.TextColumn(width="medium", required=True),
            "Budget (€)": st.column_config.NumberColumn(min_value=0, format="localized"),
            "Verdict": st.column_config.SelectboxColumn(options=view.VERDICT_OPTIONS, default="Tester")})
    comment = st.text_area("Commentaire général du bilan", value=result.comment, height=100, max_chars=3000,
                           placeholder="Ce qui a marché, ce qui n'a pas marché, les priorités de l'an prochain…")
    if st.form_submit_button("Enregistrer le bilan", type="primary", icon=":material/save:"):
        try:
            message = bilan_core.save_bilan(store, result, view.decisions_from_editor(result, edited),
                                            view.ideas_from_editor(ideas), comment, current_user())
        except (WriteRefused, StoreError, bilan_core.BilanError) as exc:
            st.error(plain(str(exc)))
        else:
            st.session_state[SAVED] = True
            st.session_state[SAVED + "_message"] = message
            st.session_state[EDITION] = edition + 1
            st.rerun()

st.divider()
st.caption("Le PDF et le plan de l'année suivante reprennent le bilan enregistré.")
with st.container(horizontal=True):
    st.download_button("Télécharger le PDF", lambda: bilan_pdf(result), file_name=view.pdf_file_name(result),
                       mime="application/pdf", icon=":material/picture_as_pdf:", key="bilan_pdf")
    if result.provisional:
        st.button(f"Préparer le plan {year + 1}", disabled=True, key="bilan_plan_indisponible",
                  icon=":material/event_note:",
                  help=f"Le plan {year + 1} se prépare à partir du bilan de l'année close, à partir du 1er janvier "
                       f"{year + 1}.")
    else:
        def plan_bytes() -> bytes:
            buffer = io.BytesIO()
            write_next_plan(store, year, buffer, bilan=result)
            return buffer.getvalue()

        st.download_button(f"Préparer le plan de l'année suivante ({year + 1})", plan_bytes,
                           file_name=file_name(year), mime=XLSX, icon=":material/event_note:", key="bilan_plan")
st.caption(view.RULES)
