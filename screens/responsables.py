"""Responsables: every owner on one line, then one owner's scorecard — its actions, its objectives (activity
and performance) with pace and status, its budget and its alerts. Each function sees its own part of the plan."""

import streamlit as st

from pac_core.display import figure_columns, right_aligned
from pac_core.display.overview import alert_lines
from pac_core.display.owners import (FAMILY_HELP, FAMILY_TITLES, NO_ALERT, NO_OWNER_AT_ALL, NO_PACE, STATUS_RULE,
                                     owner_options, owner_scope, owners_table, scorecard_cards, served_objectives)
from ui import context
from ui.widgets import nothing_matches, page_header, plain, plain_frame, welcome_if_empty


def figure_table(frame) -> None:
    """A table of texts from users' files, escaped as plain_table does, its figures right-aligned."""
    st.table(right_aligned(plain_frame(frame), figure_columns(frame)), hide_index=True, border="horizontal")


scope = context.scope()
page_header("Responsables", scope)
if welcome_if_empty(scope):
    st.stop()

by_owner = context.budget(scope, by="owner")
if by_owner.empty:
    nothing_matches()
    st.stop()

counts = context.owner_counts(scope)
st.subheader("Tous les responsables")
figure_table(owners_table(counts))
st.caption(STATUS_RULE)

owners = owner_options(by_owner)
if not owners:
    st.info(NO_OWNER_AT_ALL, icon=":material/person_off:")
    st.stop()
owner = st.columns([1, 2])[0].selectbox(
    "Fiche du responsable", owners, key="proprietaire", bind="query-params",
    help="Le lien de la page garde le responsable choisi : envoyez-le lui.")
mine = owner_scope(scope, owner)
MAX_PACE_BARS = 40  # beyond, the chart keeps the furthest behind and the furthest ahead
sheet = context.owner_card(mine, MAX_PACE_BARS)
actions = sheet["actions"]

st.header(plain(owner), divider="gray")
cards = scorecard_cards(counts[counts["owner"] == owner].iloc[0], list(actions["action_id"]))
for column, card in zip(st.columns(len(cards)), cards):
    with column:
        st.metric(card.label, card.value, help=card.help, border=True)
        st.caption(card.caption)
served = served_objectives(context.strategic(scope), actions["action_id"])
if served:
    st.markdown(served)

st.subheader("Ses actions")
figure_table(sheet["actions_table"])

st.subheader("Rythme de ses objectifs", help="Réalisé à date / objectif à date ; la ligne pointillée marque 100 %.")
if sheet["pace_spec"] is not None:
    if sheet["paces"] > MAX_PACE_BARS:
        st.caption(f"Les {MAX_PACE_BARS // 2} objectifs les plus en retard et les {MAX_PACE_BARS // 2} plus en avance, "
                   f"sur {sheet['paces']} : le tableau ci-dessous les donne tous.")
    st.vega_lite_chart(sheet["pace_spec"], width="stretch")
else:
    st.info(NO_PACE, icon=":material/hourglass_empty:")

for family, title in FAMILY_TITLES.items():
    table = sheet["families"][family]
    if len(table):
        st.subheader(title, help=FAMILY_HELP[family])
        figure_table(table)

st.subheader("Ses alertes")
lines, hidden = alert_lines(context.alerts(mine))
if not lines:
    st.success(NO_ALERT, icon=":material/check_circle:")
for icon, message in lines:
    st.markdown(f"{icon} {plain(message)}")
if hidden:
    st.caption(f"… et {hidden} autres alertes.")
