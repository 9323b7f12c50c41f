"""Cette semaine: for the owners, this ISO week's objective against what is done, and the four weeks before, for
the indicators followed by week (the sidebar's filters apply: choose a Responsable to see one's own)."""

import streamlit as st

from pac_core import clock
from pac_core.display import figure_columns, right_aligned
from pac_core.display.weeks import FROM_MONTH, IN_PROGRESS, LEFT_OUT, NOTHING_BY_WEEK, week_view
from ui import context
from ui.widgets import page_header, plain_frame, welcome_if_empty


def figure_table(frame) -> None:
    """A table of texts from users' files, escaped, its figures right-aligned."""
    st.table(right_aligned(plain_frame(frame), figure_columns(frame)), hide_index=True, border="horizontal")


scope = context.scope()
page_header("Cette semaine", scope)
if welcome_if_empty(scope):
    st.stop()

view = week_view(context.store(), scope, clock.today())
if view["empty"]:
    st.info(NOTHING_BY_WEEK, icon=":material/date_range:")
    st.caption(LEFT_OUT)
    st.stop()

st.subheader(view["title"])
figure_table(view["current"])
st.caption(IN_PROGRESS)
if len(view["before"]):
    st.subheader(view["before_title"], help="Réalisé / objectif de chaque semaine, puis le taux sur ces semaines.")
    figure_table(view["before"])
if view["from_month"]:
    st.caption(FROM_MONTH)
st.caption(LEFT_OUT)
