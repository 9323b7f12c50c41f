"""Revue mensuelle: the meeting on the projector — the month chosen in the sidebar, a short sequence of big views
(one message each) walked through with Précédent / Suivant, the month's comment saved with the data and shown
at the next month's review, and the whole review as one PDF."""

import streamlit as st

from pac_core import formatting as fmt
from pac_core.access import WriteRefused
from pac_core.review import VIEWS, month_comment, of_month, review_views, save_month_comment
from pac_core.review_pdf import review_pdf
from pac_core.store import StoreError
from ui import context
from ui.login import current_user
from ui.widgets import page_header, plain, welcome_if_empty

# Projector type: our own constant CSS, on this page only (it leaves with the page).
BIG_TYPE = """<style>
[data-testid="stMain"] [data-testid="stMetricValue"] { font-size: 2.8rem; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 1.15rem; }
[data-testid="stMain"] h3 { font-size: 1.9rem; line-height: 1.3; }
[data-testid="stMain"] [data-testid="stTable"] td,
[data-testid="stMain"] [data-testid="stTable"] th { font-size: 1.1rem; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.2rem; }
</style>"""
KEYS = list(VIEWS)
SAVED = "revue_commentaire_enregistre"


def _step(offset: int) -> None:
    """Previous / next view (a callback: it runs before the view selector is drawn again)."""
    current = st.session_state.get("vue") or KEYS[0]
    st.session_state["vue"] = KEYS[(KEYS.index(current) + offset) % len(KEYS)]


def _draw(view) -> None:
    st.subheader(plain(view.message))
    if view.cards:
        for column, card in zip(st.columns(len(view.cards)), view.cards):
            with column:
                st.metric(plain(card.label), card.value, card.delta, border=True, delta_color=card.delta_color)
                st.caption(plain(card.caption))
    if view.lines:
        st.markdown(f"**{view.lines_title}**")
        st.markdown("\n".join(f"- {plain(line)}" for line in view.lines))
    if view.table is not None and len(view.table):
        st.markdown(f"**{plain(view.table_title)}**")
        st.table(view.table.map(plain), hide_index=True, border="horizontal")
    if view.chart is not None:
        st.altair_chart(view.chart, width="stretch")
    for note in view.notes:
        st.caption(plain(note))


scope = context.scope()
page_header("Revue mensuelle", scope)
if welcome_if_empty(scope):
    st.stop()
st.html(BIG_TYPE)

store = context.store()
month = scope.as_of
previous = month_comment(store, fmt.previous_month(month))
comment = month_comment(store, month)
views = review_views(context.review_data(scope), previous, comment)

if "vue" not in st.session_state:  # a link opens the view it names (?vue=canaux)
    st.session_state["vue"] = st.query_params.get("vue") if st.query_params.get("vue") in KEYS else KEYS[0]
back, chooser, forward = st.columns([1, 8, 1], vertical_alignment="center")
back.button("◀ Précédent", on_click=_step, args=(-1,), key="precedent", width="stretch")
forward.button("Suivant ▶", on_click=_step, args=(1,), key="suivant", width="stretch")
with chooser:
    chosen = st.segmented_control("Vue", KEYS, format_func=VIEWS.get, required=True, key="vue",
                                  label_visibility="collapsed") or KEYS[0]
st.query_params["vue"] = chosen
view = views[KEYS.index(chosen)]
st.header(f"{KEYS.index(view.key) + 1}/{len(KEYS)} · {view.title}", divider="blue")
_draw(view)

if view.key == "decisions":
    if st.session_state.pop(SAVED, False):
        st.success("Commentaire enregistré : il sera rappelé à la revue du mois prochain.",
                   icon=":material/check_circle:")
    if comment is not None:
        st.markdown(f"**{view.quote_title}** — {plain(comment.text)}")
    with st.form("commentaire", border=True):
        text = st.text_area(f"Commentaire de la revue {of_month(month)}",
                            value=comment.text if comment else "", height=120, max_chars=2000,
                            placeholder="Ce qui a été décidé, ce qu'il faudra vérifier le mois prochain…")
        if st.form_submit_button("Enregistrer le commentaire", icon=":material/save:"):
            try:
                save_month_comment(store, month, text, current_user())
            except (WriteRefused, StoreError) as exc:  # the write guard or the store refuses: say it
                st.error(plain(str(exc)))
            else:
                st.session_state[SAVED] = True
                st.rerun()

st.divider()
st.download_button("Exporter la revue en PDF (une page par vue)", lambda: review_pdf(views, month),
                   file_name=f"revue-mensuelle-{month:%Y-%m}.pdf", mime="application/pdf",
                   icon=":material/picture_as_pdf:", on_click="ignore", key="pdf")
