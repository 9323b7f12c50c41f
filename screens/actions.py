"""Actions: objective vs actual for every action and indicator of the scope, by family (activité,
performance), a bullet chart per action, and one action in detail (month by month, cumulative, cost against
budget, decisions)."""

import dataclasses

import streamlit as st

from pac_core import formatting as fmt
from pac_core.charts import channel_color
from pac_core.charts.actions import cost_chart, cost_frame, cumulative_indicator_chart, monthly_chart
from pac_core.display.actions import (BAR_MARGIN, BAR_WIDTH, BULLET_LEGEND, FIGURE_COLUMNS, NO_ACTION_CHOSEN,
                                      NO_DECISION, PACE_BAR, action_facts, budget_cards, decision_table,
                                      indicator_cards, month_table, table_help)
from ui import chrome, context
from ui.widgets import nothing_matches, page_header, plain, welcome_if_empty

scope = context.scope()
page_header("Actions", scope)
if welcome_if_empty(scope):
    st.stop()

objectives = context.objectives(scope)
if objectives.empty:
    nothing_matches()
    st.stop()

MAX_TABLE_LINES = 2_000  # per family: nobody reads further, and formatting every line of a huge plan takes seconds
tables, choices, headings = context.objective_tables(scope, MAX_TABLE_LINES)
chosen = st.selectbox("Détail d'une action", list(choices), index=None, format_func=choices.get, key="action",
                      bind="query-params", placeholder="Choisissez une action…", width=520)

if chosen is None:
    st.caption(NO_ACTION_CHOSEN)
else:
    action_scope = dataclasses.replace(scope, filters=dataclasses.replace(scope.filters, action_id=(chosen,)))
    rows = objectives[objectives["action_id"] == chosen]
    budget_rows = context.budget(action_scope, by="action_id")
    budget_row = budget_rows.iloc[0].to_dict() if len(budget_rows) else None
    color = channel_color(rows.iloc[0]["channel"])
    with st.container(border=True):
        st.subheader(plain(choices[chosen]))
        st.caption(plain(action_facts(rows, budget_row)))
        cards = indicator_cards(rows)
        for column, card in zip(st.columns(max(len(cards), 4)), cards):
            with column:
                st.metric(card.label, card.value, help=card.help)
                st.caption(card.caption)

        st.markdown("#### Mois par mois et cumul")
        metrics = list(rows["metric"])
        for tab, metric in zip(st.tabs(list(rows["metric_label"])), metrics):
            with tab:
                series = context.series(action_scope, metric)
                left, right = st.columns(2)
                with left:
                    st.altair_chart(monthly_chart(series, metric, color), width="stretch")
                with right:
                    if series["target_cumulative"].notna().any():
                        st.altair_chart(cumulative_indicator_chart(series, metric, color), width="stretch")
                months = month_table(series, metric)
                st.dataframe(months, width="stretch", column_config={
                    month: st.column_config.TextColumn(alignment="right") for month in months.columns})

        st.markdown("#### Coût et budget")
        if budget_row is not None:
            for column, card in zip(st.columns(4), budget_cards(budget_row, scope.as_of)):
                with column:
                    st.metric(card.label, card.value, help=card.help)
                    st.caption(card.caption)
        cost_column, decision_column = st.columns([3, 2], gap="large")
        with cost_column:
            if budget_row is not None:
                costs = cost_frame(context.monthly_actuals(action_scope, "cout"), scope.as_of)
                st.altair_chart(cost_chart(costs, budget_row.get("planned"), color), width="stretch")
        with decision_column:
            st.markdown("#### Décisions")
            decisions = context.decisions(chosen)
            if decisions.empty:
                st.info(NO_DECISION, icon=":material/gavel:")
            else:
                st.dataframe(decision_table(decisions), hide_index=True, width="stretch", column_config={
                    "Nouveau budget": st.column_config.TextColumn(alignment="right")})

helps = table_help(scope.on_track, scope.watch)
# The bar is a picture in its status colour (pac_core.display.actions.pace_bar); "Rythme" beside it says the figure.
column_config = {PACE_BAR: st.column_config.ImageColumn(" ", help=helps[PACE_BAR], width=BAR_WIDTH + 2 * BAR_MARGIN)}
column_config.update({name: st.column_config.TextColumn(
    help=helps.get(name), alignment="right" if name in FIGURE_COLUMNS else None)
    for name in [*helps, *FIGURE_COLUMNS] if name != PACE_BAR})
# Long names and owners are cut to a width (the full text shows on hover), and the action stays in view when the
# table scrolls sideways to its last columns (the forecast and its method: off screen at 1920 px by 15 columns).
column_config.update({name: st.column_config.TextColumn(help=helps.get(name), width=width,
                                                        pinned=name in ("ID", "Action"))
                      for name, width in (("ID", None), ("Action", 230), ("Responsable", 150), ("Canal", 120))})
MAX_TABLE_ROWS = 40  # beyond, the table keeps a fixed height and scrolls
MAX_BULLET_ACTIONS = 24  # one chart per action: a plan of thousands of actions would never finish drawing
for title, caption, table, total in tables:
    st.subheader(title)
    st.caption(caption)
    if total > len(table):
        st.caption(f"Les {fmt.number(len(table))} premières lignes sur {fmt.number(total)} : choisissez un levier, "
                   "un canal ou un responsable dans la barre latérale pour voir les autres.")
    st.dataframe(table, hide_index=True, width="stretch", column_config=column_config,
                 height="content" if len(table) <= MAX_TABLE_ROWS else 640)  # a big plan scrolls in its table

st.subheader("Réalisé par rapport aux objectifs, action par action")
st.caption(BULLET_LEGEND)
if len(headings) > MAX_BULLET_ACTIONS:
    st.caption(f"Les {MAX_BULLET_ACTIONS} premières actions sur {len(headings)} : choisissez un levier, un canal ou un "
               "responsable dans la barre latérale pour voir les autres.")
    headings = headings[:MAX_BULLET_ACTIONS]
specs = context.bullet_specs(scope, tuple(heading.action_id for heading in headings))
with st.container(key=chrome.CARD_GRID_KEY):  # one card per row on a narrow screen (ui/chrome.py)
    for start in range(0, len(headings), 2):
        for column, heading, spec in zip(st.columns(2), headings[start:start + 2], specs[start:start + 2]):
            with column.container(border=True):
                st.markdown(f"**{plain(heading.title)}**")
                st.caption(plain(heading.caption))
                st.vega_lite_chart(spec, width="stretch")
