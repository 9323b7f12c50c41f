"""Pipeline: the funnel with its stage-to-stage conversion, for every source channel or one; win rate, cycle
time, open and weighted pipeline, and the stage probabilities the weighting uses."""

import streamlit as st

from pac_core.display import figure_columns, right_aligned
from pac_core.charts.pipeline import funnel_chart
from pac_core.display.channels import no_action_in
from pac_core.display.pipeline import (ALL_CHANNELS, FUNNEL_RULE, NO_OPPORTUNITY, channel_options, channels_table,
                                       funnel_frame, funnel_table, of_channel, probabilities_sentence, summary_cards)
from ui import context
from ui.widgets import nothing_matches, page_header, plain_frame, welcome_if_empty


def figure_table(frame) -> None:
    """A table of texts from users' files, escaped as plain_table does, its figures right-aligned."""
    st.table(right_aligned(plain_frame(frame), figure_columns(frame)), hide_index=True, border="horizontal")


scope = context.scope()
page_header("Pipeline", scope)
if welcome_if_empty(scope):
    st.stop()
if no_action_in(context.roi(scope, by="company")):
    nothing_matches()
    st.stop()

summary = context.pipeline_summary(scope)
if summary.empty or not summary["opportunities"].iloc[0]:
    st.info(NO_OPPORTUNITY, icon=":material/filter_alt:")
    st.stop()

by_channel = context.pipeline_summary(scope, by="channel")
choice = st.segmented_control("Canal d'origine", channel_options(by_channel), default=ALL_CHANNELS, required=True,
                              key="origine", bind="query-params")
if choice == ALL_CHANNELS:
    chosen_summary, funnel = summary, context.funnel(scope)
else:
    chosen_summary, funnel = of_channel(by_channel, choice), of_channel(context.funnel(scope, by="channel"), choice)

cards = summary_cards(chosen_summary)
for column, card in zip(st.columns(len(cards)), cards):
    with column:
        st.metric(card.label, card.value, help=card.help, border=True)
        st.caption(card.caption)
st.caption(probabilities_sentence(context.stage_probabilities(scope)))

# One above the other: side by side at 1280 px the funnel had 400 px, and « 300 opportunités · 2 788 100 € » at the
# end of its longest bar was cut; the stage table wrapped its headers over four lines.
st.subheader(f"Entonnoir — {choice.lower() if choice == ALL_CHANNELS else choice}")
st.altair_chart(funnel_chart(funnel_frame(funnel), None if choice == ALL_CHANNELS else choice), width="stretch")
st.subheader("Étape par étape")
figure_table(funnel_table(funnel))
st.caption(FUNNEL_RULE)

st.subheader("Par canal d'origine")
figure_table(channels_table(by_channel))
