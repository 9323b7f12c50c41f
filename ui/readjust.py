"""The quarterly review's Streamlit side: cached reads of the review's figures, and the draft of decisions kept
in the session while they are edited (the page draws; pac_core computes)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pac_core.decisions import all_decisions
from pac_core.display.readjust import numeric_columns
from pac_core.kpi.roi import channel_roi
from pac_core.kpi.scope import Filters, Scope
from pac_core.kpi.strategic import strategic_objectives
from pac_core.readjust import figures as review
from pac_core.readjust.draft import DECISION_COLUMNS, MONTH_COLUMNS, NEW_ACTION_COLUMNS, Draft
from pac_core.readjust.versions import compare_versions, current_actions as actions_in_force, plan_versions
from ui import context

ENTRIES = 16
DRAFT_KEY = "revue_trimestrielle_brouillon"


def _version() -> tuple:
    return context.store().data_version()


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _quarter_figures(version, scope: Scope, first):
    return review.quarter_figures(context.store(), scope, first)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _plan_figures(version, scope: Scope):
    """The whole plan (no filter): decisions and their effect are about every action."""
    unfiltered = Scope(as_of=scope.as_of, plan_version=scope.plan_version, on_track=scope.on_track, watch=scope.watch)
    store = context.store()
    return (review.review_figures(store, unfiltered), strategic_objectives(store, unfiltered),
            review.remaining_targets(store, scope.plan_version, scope.as_of),
            channel_roi(store, unfiltered, by="action_id"), channel_roi(store, unfiltered, by="channel"))


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _comparison(version, first, second, scope: Scope):
    return compare_versions(context.store(), first, second, Scope(as_of=scope.as_of, filters=Filters()))


def quarter_figures(scope: Scope, first):
    return _quarter_figures(_version(), scope, first)


def plan_figures(scope: Scope):
    return _plan_figures(_version(), scope)


def comparison(first: int, second: int, scope: Scope):
    return _comparison(_version(), first, second, scope)


def versions() -> pd.DataFrame:
    return plan_versions(context.store())


def decisions_log() -> pd.DataFrame:
    return all_decisions(context.store())


def current_actions() -> pd.DataFrame:
    return actions_in_force(context.store())


# -- the draft being edited ------------------------------------------------------------------------------------
def draft(key: tuple, figures: pd.DataFrame) -> dict:
    """The session's draft for this review (quarter, version, data): decisions start at « maintenir », each
    action at its budget; a new review (another quarter, or data changed) starts a new draft."""
    state = st.session_state.get(DRAFT_KEY)
    if state is None or state["key"] != key:
        actions = figures.drop_duplicates("action_id").sort_values("action_id")
        decisions = pd.DataFrame({"action_id": actions["action_id"], "decision": "maintenir",
                                  "new_budget": actions["planned"].astype(float), "comment": "", "owner": ""})
        state = {"key": key, "decisions": decisions.reset_index(drop=True),
                 "new_actions": pd.DataFrame(columns=NEW_ACTION_COLUMNS),
                 "month_targets": pd.DataFrame(columns=MONTH_COLUMNS), "generation": 0}
        st.session_state[DRAFT_KEY] = state
    return state


def as_draft(state: dict, decisions: pd.DataFrame) -> Draft:
    return Draft(decisions=decisions[DECISION_COLUMNS], new_actions=state["new_actions"],
                 month_targets=state["month_targets"])


def restart_editors(state: dict) -> None:
    """Editors are keyed by a generation: a change made outside them (a suggestion taken, budget moved) shows."""
    state["generation"] += 1


def forget_draft() -> None:
    st.session_state.pop(DRAFT_KEY, None)


# -- drawing -----------------------------------------------------------------------------------------------------
def table(frame: pd.DataFrame, widths: dict | None = None, helps: dict | None = None, **options) -> None:
    """A review table: figures right-aligned, given columns a set width (no cell cut mid-word), helps shown."""
    widths, helps = widths or {}, helps or {}
    numeric = set(numeric_columns(frame))
    config = {name: st.column_config.TextColumn(name, width=widths.get(name), help=helps.get(name),
                                                alignment="right" if name in numeric else None)
              for name in frame.columns}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, **options)
