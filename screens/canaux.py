"""Canaux & ROI: cost, attributed revenue, ROI, ROAS and cost per contact / meeting / new client by channel or
lever; cost against revenue with the break-even line; the ROI ranking; the same by quarter of the year."""

import streamlit as st

from pac_core.display.channels import (BREAK_EVEN_RULE, DIMENSIONS, QUARTER_MEASURES, QUARTER_RULE, RATIO_RULE,
                                       REVENUE_RULE, SIZES, group_order, headline_cards, no_action_in, period_text,
                                       last_year_table, quarter_ranges, quarter_table, roi_table,
                                       without_roi_note)
from pac_core.kpi.roi import last_year_months
from ui import chrome, context
from ui.widgets import nothing_matches, page_header, welcome_if_empty

scope = context.scope()
page_header("Canaux & ROI", scope)
if welcome_if_empty(scope):
    st.stop()

company = context.roi(scope, by="company")
if no_action_in(company):
    nothing_matches()
    st.stop()

period = period_text(scope.as_of.replace(month=1), scope.as_of)
cards = headline_cards(company)
for column, card in zip(st.columns(len(cards)), cards):
    with column:
        st.metric(card.label, card.value, help=card.help, border=True)
        st.caption(card.caption)

by = st.segmented_control("Regrouper les actions", list(DIMENSIONS), format_func=DIMENSIONS.get, default="channel",
                          required=True, key="axe", bind="query-params")
frame = context.roi(scope, by=by)

left, right = st.columns([2, 1], gap="large")
with left:
    st.subheader(f"Coût et chiffre d'affaires {DIMENSIONS[by].lower()}")
    size = st.segmented_control("Taille des bulles", list(SIZES), format_func=SIZES.get, default="new_clients",
                                required=True, key="bulles")
    bubble_spec, ranking_spec = context.channel_specs(scope, by, size)
    st.vega_lite_chart(bubble_spec, width="stretch")
    st.caption(BREAK_EVEN_RULE)
with right:
    st.subheader("Classement par ROI")
    st.vega_lite_chart(ranking_spec, width="stretch")
    note = without_roi_note(frame, by)
    if note:
        st.caption(note)

st.subheader(f"Rentabilité {DIMENSIONS[by].lower()}, {period}")
chrome.table(roi_table(frame, by))
st.caption(f"{REVENUE_RULE} {RATIO_RULE}")

compared = last_year_table(frame, context.roi(scope, by=by, months=last_year_months(scope)), by)
if compared is not None:
    st.subheader(f"Comparaison avec {scope.as_of.year - 1}, mêmes mois")
    chrome.table(compared)

st.subheader(f"Par trimestre, {period}")
quarters = quarter_ranges(scope.as_of)
measure = st.segmented_control("Indicateur", list(QUARTER_MEASURES), format_func=QUARTER_MEASURES.get,
                               default="roi", required=True, key="indicateur_trimestre")
frames = [context.roi(scope, by=by, months=quarter.range) for quarter in quarters]
totals = [context.roi(scope, by="company", months=quarter.range) for quarter in quarters]
chrome.table(quarter_table(frames, totals, quarters, by, measure, order=group_order(frame, by)))
st.caption(QUARTER_RULE)
