"""Vue d'ensemble: strategic objectives, headline figures, cumulative revenue against the plan with the
forecast, actions by status, alerts."""

import dataclasses

import streamlit as st

from pac_core.charts.overview import cumulative_chart
from pac_core.display import STATUS_TEXT
from pac_core.display.overview import (alert_lines, forecast_note, headline_cards, progress_html,
                                       strategic_cards)
from pac_core.formatting import previous_month
from ui import context
from ui.widgets import nothing_matches, page_header, plain, welcome_if_empty

scope = context.scope()
page_header("Vue d'ensemble", scope)
if welcome_if_empty(scope):
    st.stop()

strategic = context.strategic(scope)
if len(strategic):
    st.subheader("Objectifs stratégiques")
    for column, card in zip(st.columns(len(strategic)), strategic_cards(strategic)):
        with column.container(border=True):
            st.markdown(f"**{plain(card.label)}**")  # a strategic objective is named by its user
            st.metric(plain(card.label), card.current, label_visibility="collapsed")
            st.html(progress_html(card))  # in the status colour: st.progress is always the theme's blue
            st.caption(f"{card.forecast_text} · {card.status}")

if not context.objective_count(scope):
    nothing_matches()
    st.stop()

previous = dataclasses.replace(scope, as_of=previous_month(scope.as_of)) if scope.as_of.month > 1 else None
sparklines = {metric: context.monthly_actuals(scope, metric) for metric in ("ca", "contacts", "nouveaux_clients", "cout")}
st.subheader("Chiffres clés")
cards = headline_cards(context.headline(scope), context.headline(previous) if previous else None, sparklines, scope,
                       context.last_year(scope))
for column, card in zip(st.columns(len(cards)), cards):
    with column:
        st.metric(card.label, card.value, card.delta, help=card.help, border=True, delta_color=card.delta_color,
                  delta_arrow=card.delta_arrow,
                  chart_data=list(card.sparkline) or None, chart_type="area")
        st.caption(card.caption)
        if card.last_year:
            st.caption(card.last_year)

left, right = st.columns([2, 1])
with left:
    st.subheader("Chiffre d'affaires cumulé : réalisé, objectif et atterrissage")
    st.altair_chart(cumulative_chart(context.series(scope, "ca")), width="stretch")
    st.caption(forecast_note(context.forecast_methods(scope, "ca")))
with right:
    st.subheader("Actions par statut")
    counts = context.status_counts(scope)
    for status, count in counts.items():
        st.metric(STATUS_TEXT[status], count)

st.subheader("Alertes")
lines, hidden = alert_lines(context.alerts(scope))
if not lines:
    st.success("Aucune alerte : toutes les actions avancent comme prévu.", icon=":material/check_circle:")
for icon, message in lines:
    st.markdown(f"{icon} {plain(message)}")
if hidden:
    st.caption(f"… et {hidden} autres alertes.")
