"""Revue mensuelle: the meeting on the projector — the month chosen in the sidebar, a short sequence of big views
(one message each) walked through with Précédent / Suivant, the month's comment saved with the data and shown
at the next month's review, and the whole review as one PDF. `?presentation=oui` shows the view alone, full screen,
driven by ← / → / Page Up / Page Down, Échap back to this page (ui/presentation.py)."""

import streamlit as st

from pac_core import formatting as fmt
from pac_core.access import WriteRefused
from pac_core.review import (VIEWS, filters_text, month_comment, numeric_columns, of_month, pdf_file_name,
                             review_title, save_month_comment)
from pac_core.review_pdf import review_pdf
from pac_core.store import StoreError
from ui import context, presentation
from ui.login import current_user
from ui.widgets import page_header, plain, welcome_if_empty

# Projector type: our own constant CSS, on this page only (it leaves with the page).
BIG_TYPE = """<style>
[data-testid="stMain"] [data-testid="stMetricValue"] { font-size: clamp(1.6rem, 2.6vw, 2.8rem); }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: clamp(0.95rem, 1.1vw, 1.15rem);
  white-space: normal; overflow: visible; }
[data-testid="stMain"] [data-testid="stMetricLabel"] div { overflow: visible; white-space: normal; }
[class*="st-key-carte-on_track"] [data-testid="stMetric"] { border-left: 6px solid #1E7B34; background: #EEF7F0; }
[class*="st-key-carte-watch"] [data-testid="stMetric"] { border-left: 6px solid #B26A00; background: #FFF6E0; }
[class*="st-key-carte-off_track"] [data-testid="stMetric"] { border-left: 6px solid #C62828; background: #FDEDED; }
[data-testid="stMain"] h3 { font-size: 1.9rem; line-height: 1.3; }
[data-testid="stMain"] [data-testid="stTable"] td,
[data-testid="stMain"] [data-testid="stTable"] th { font-size: 1.1rem; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.2rem; }
</style>"""
KEYS = list(VIEWS)
SHORT = {"mois": "Le mois", "objectifs": "Objectifs", "actions": "Actions", "canaux": "Canaux & ROI",
         "pipeline": "Pipeline", "decisions": "Décisions"}  # the chooser's words: all six fit at 1280 px
SAVED = "revue_commentaire_enregistre"
PRESENTING = "presentation"
STATUS_WORDS = presentation.STATUS_WORDS


def _step(offset: int) -> None:
    """Previous / next view (a callback: it runs before the view selector is drawn again)."""
    current = st.session_state.get("vue") or KEYS[0]
    st.session_state["vue"] = KEYS[(KEYS.index(current) + offset) % len(KEYS)]


def _shown_view() -> str:
    chosen = st.query_params.get("vue")
    return chosen if chosen in KEYS else KEYS[0]


def _present_step(offset: int) -> None:
    """In presentation mode the URL holds the view: a reload or a shared link opens the same one."""
    st.query_params["vue"] = KEYS[(KEYS.index(_shown_view()) + offset) % len(KEYS)]


def _enter() -> None:
    st.query_params["vue"] = st.session_state.get("vue") or KEYS[0]
    st.query_params[PRESENTING] = "oui"


def _leave() -> None:
    """Échap: back to the normal review, on the view that was on the screen."""
    st.session_state["vue"] = _shown_view()
    st.query_params.pop(PRESENTING, None)


def _draw(view) -> None:
    st.subheader(plain(view.message))
    if view.cards:
        statuses = list(view.card_statuses) + [None] * len(view.cards)
        for index, (column, card) in enumerate(zip(st.columns(len(view.cards)), view.cards)):
            status = statuses[index]
            with column, st.container(key=f"carte-{status or 'sans'}-{index}"):
                label = f"{card.label} · {STATUS_WORDS[status]}" if status in STATUS_WORDS else card.label
                st.metric(plain(label), card.value, card.delta, border=True, delta_color=card.delta_color,
                          delta_arrow=card.delta_arrow)
                st.caption(plain(card.caption))
    if view.lines:
        st.markdown(f"**{view.lines_title}**")
        st.markdown("\n".join(f"- {plain(line)}" for line in view.lines))
    if view.table is not None and len(view.table):
        st.markdown(f"**{plain(view.table_title)}**")
        numeric = [index for index, flag in enumerate(numeric_columns(view.table), start=1) if flag]
        if numeric:  # figures right-aligned, so that their digits line up (our own CSS, column positions only)
            cells = ", ".join(f".st-key-tableau-vue :is(td, th):nth-child({index})" for index in numeric)
            st.html(f"<style>{cells} {{ text-align: right !important; }}</style>")
        with st.container(key="tableau-vue"):
            st.table(view.table.map(plain), hide_index=True, border="horizontal")
    if view.chart is not None:
        st.altair_chart(view.chart, width="stretch")
    for note in view.notes:
        st.caption(plain(note))


scope = context.scope()
title = review_title(scope.filters)
presenting = st.query_params.get(PRESENTING) == "oui" and scope.as_of is not None
if not presenting:
    page_header(title, scope)
if welcome_if_empty(scope):
    st.stop()

store = context.store()
month = scope.as_of
previous = month_comment(store, fmt.previous_month(month))
comment = month_comment(store, month)
views = context.review_views(scope, previous, comment)

if presenting:
    key = _shown_view()
    number = KEYS.index(key) + 1
    st.html(presentation.CSS)
    st.html(presentation.KEYS_SCRIPT, unsafe_allow_javascript=True)
    st.button("Vue précédente", key="pres_precedente", on_click=_present_step, args=(-1,))
    st.button("Vue suivante", key="pres_suivante", on_click=_present_step, args=(1,))
    st.button("Quitter la présentation", key="pres_quitter", on_click=_leave)
    heading = f"{title} · {fmt.month(month, long=True)}"
    st.html(presentation.slide_html(views[number - 1], number, len(KEYS), heading))
    st.stop()

st.html(BIG_TYPE)
st.html(presentation.KEYS_SCRIPT, unsafe_allow_javascript=True)  # the button's full screen, then the keys
if "vue" not in st.session_state:  # a link opens the view it names (?vue=canaux)
    st.session_state["vue"] = _shown_view()
chosen = st.segmented_control("Vue", KEYS, format_func=SHORT.get, required=True, key="vue",
                              label_visibility="collapsed") or KEYS[0]
with st.container(horizontal=True):
    st.button("Précédent", icon=":material/arrow_back:", on_click=_step, args=(-1,), key="precedent")
    st.button("Suivant", icon=":material/arrow_forward:", on_click=_step, args=(1,), key="suivant")
    st.button("Mode présentation", icon=":material/slideshow:", on_click=_enter, key="presenter",
              help="Plein écran, sans barre latérale ; ← et → (ou Page précédente / suivante) changent de vue, "
                   "Échap revient ici.")
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
st.download_button("Exporter la revue en PDF (une page par vue)",
                   lambda: review_pdf(views, month, filters_text(scope.filters)),
                   file_name=pdf_file_name(month, scope.filters), mime="application/pdf",
                   icon=":material/picture_as_pdf:", on_click="ignore", key="pdf")
