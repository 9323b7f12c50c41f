"""The session's store and scope, and the KPI engine's answers cached per data version and scope.

Every cache is bounded (max_entries): a wall display left on for a month must not grow the server.
"""

import pandas as pd
import streamlit as st

from pac_core.kpi import alerts as kpi_alerts
from pac_core.kpi import budget as kpi_budget
from pac_core.kpi import compare as kpi_compare
from pac_core.kpi import funnel as kpi_funnel
from pac_core.kpi import headline as kpi_headline
from pac_core.kpi import objectives as kpi_objectives
from pac_core.kpi import roi as kpi_roi
from pac_core.kpi import series as kpi_series
from pac_core.kpi import strategic as kpi_strategic
from pac_core.kpi import year_end
from pac_core.kpi.scope import Scope
from pac_core.store import Store

ENTRIES = 32


def store() -> Store:
    return st.session_state["store"]


def scope() -> Scope:
    return st.session_state["scope"]


def _version() -> tuple:
    return store().data_version()


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _headline(version, scope):
    return kpi_headline.headline(store(), scope)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _last_year(version, scope):
    return kpi_headline.last_year(store(), scope)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _objectives(version, scope):
    return kpi_objectives.objectives(store(), scope)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _rollup(version, scope, by):
    return kpi_objectives.rollup(store(), scope, by=by)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _series(version, scope, metric):
    return kpi_series.series(store(), metric, scope)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _strategic(version, scope):
    return kpi_strategic.strategic_objectives(store(), scope)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _alerts(version, scope):
    return kpi_alerts.alerts(store(), scope)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _budget(version, scope, by):
    return kpi_budget.budget(store(), scope, by=by)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _roi(version, scope, by, months):
    return kpi_roi.channel_roi(store(), scope, by=by, months=months)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _funnel(version, scope, by):
    return kpi_funnel.funnel(store(), scope, by=by)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _pipeline_summary(version, scope, by):
    return kpi_funnel.pipeline_summary(store(), scope, by=by)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _month_vs_previous(version, scope):
    return kpi_compare.month_vs_previous(store(), scope)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _quarter_vs_plan(version, scope, quarter):
    return kpi_compare.quarter_vs_plan(store(), scope, quarter)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _monthly_actuals(version, scope, metric):
    return kpi_series.monthly_actuals(store(), metric, scope)


def monthly_actuals(scope: Scope, metric: str) -> list[float]:
    return _monthly_actuals(_version(), scope, metric)


def headline(scope: Scope):
    return _headline(_version(), scope)


def last_year(scope: Scope):
    """The headline figures at the same month of the year before (None: no history)."""
    return _last_year(_version(), scope)


def objectives(scope: Scope):
    return _objectives(_version(), scope)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _forecast_methods(version, scope, metric):
    return year_end.forecast_methods(store(), scope, metric)


def forecast_methods(scope: Scope, metric: str):
    """How the scope's forecasts of one indicator were made (kpi/year_end.py), for the overview's note."""
    return _forecast_methods(_version(), scope, metric)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _status_summary(version, scope):
    return kpi_objectives.status_summary(store(), scope)


def status_counts(scope: Scope) -> dict[str, int]:
    """How many actions are on track, to watch, off track — counted once per data version and scope."""
    return kpi_objectives.counts_of(_status_summary(_version(), scope))


def objective_count(scope: Scope) -> int:
    """How many objectives (action × indicator) the scope has."""
    return _status_summary(_version(), scope)["objectives"]


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _objective_tables(version, scope, limit):
    from pac_core.display.actions import action_choices, action_headings, families, objective_table

    frame = _objectives(version, scope)
    tables = [(title, caption, objective_table(rows.head(limit)), len(rows)) for title, caption, rows in families(frame)]
    return tables, action_choices(frame), action_headings(frame)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _bullet_specs(version, scope, action_ids):
    from pac_core.charts.actions import bullet_specs

    return bullet_specs(_objectives(version, scope), list(action_ids))


def bullet_specs(scope: Scope, action_ids: tuple[str, ...]) -> list[dict]:
    """The Actions page's bullet charts as Vega-Lite specs, built once per data version and scope (Altair's
    building and validation of a chart costs tens of milliseconds, on every rerun otherwise)."""
    return _bullet_specs(_version(), scope, tuple(action_ids))


def objective_tables(scope: Scope, limit: int):
    """The Actions page's text tables (at most `limit` rows per family, with each family's row count), its
    action picker and its headings: formatted once per data version and scope, not on every rerun."""
    return _objective_tables(_version(), scope, limit)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _owner_counts(version, scope):
    from pac_core.display.owners import owner_counts

    return owner_counts(_objectives(version, scope), _budget(version, scope, "owner"),
                        _budget(version, scope, "action_id"), _alerts(version, scope))


def owner_counts(scope: Scope):
    """The Responsables page's line per owner, computed once per data version and scope."""
    return _owner_counts(_version(), scope)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _owner_card(version, scope, chart_limit):
    from pac_core.charts.owners import pace_chart
    from pac_core.display.owners import FAMILY_TITLES, actions_table, objectives_table, pace_frame

    objectives, actions = _objectives(version, scope), _budget(version, scope, "action_id")
    paces = pace_frame(objectives)
    shown = paces if len(paces) <= chart_limit else pd.concat([paces.head(chart_limit // 2),
                                                               paces.tail(chart_limit - chart_limit // 2)])
    return {"actions": actions, "actions_table": actions_table(actions, objectives), "paces": len(paces),
            "pace_spec": pace_chart(shown).to_dict() if len(shown) else None,
            "families": {family: objectives_table(objectives, family) for family in FAMILY_TITLES}}


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _channel_specs(version, scope, by, size):
    from pac_core.charts.channels import bubble_chart, ranking_chart
    from pac_core.display.channels import SIZES, bubble_frame, ranking_frame

    frame = _roi(version, scope, by, None)
    return (bubble_chart(bubble_frame(frame, by, size), by, SIZES[size]).to_dict(),
            ranking_chart(ranking_frame(frame, by), by).to_dict())


def channel_specs(scope: Scope, by: str, size: str) -> tuple[dict, dict]:
    """The Canaux page's bubble chart (bubbles sized by `size`) and ROI ranking as Vega-Lite specs, built once
    per data version, scope and grouping rather than on every rerun."""
    return _channel_specs(_version(), scope, by, size)


def owner_card(scope: Scope, chart_limit: int) -> dict:
    """One owner's scorecard pieces (tables in French, the pace chart's spec with at most `chart_limit` bars:
    the furthest behind and the furthest ahead), built once per data version and owner."""
    return _owner_card(_version(), scope, chart_limit)


def rollup(scope: Scope, by: str = "company"):
    return _rollup(_version(), scope, by)


def series(scope: Scope, metric: str):
    return _series(_version(), scope, metric)


def strategic(scope: Scope):
    return _strategic(_version(), scope)


def alerts(scope: Scope):
    return _alerts(_version(), scope)


def budget(scope: Scope, by: str = "action_id"):
    return _budget(_version(), scope, by)


def roi(scope: Scope, by: str = "channel", months=None):
    return _roi(_version(), scope, by, months)


def funnel(scope: Scope, by: str | None = None):
    return _funnel(_version(), scope, by)


def pipeline_summary(scope: Scope, by: str | None = None):
    return _pipeline_summary(_version(), scope, by)


def month_vs_previous(scope: Scope):
    return _month_vs_previous(_version(), scope)


def quarter_vs_plan(scope: Scope, quarter=None):
    return _quarter_vs_plan(_version(), scope, quarter)


# -- Actions screen ----------------------------------------------------------------------------------------
def decisions(action_id: str):
    """One action's decisions. Not cached: decisions are recorded outside imports, so the data version
    does not see them, and reading one action's rows of a small table is cheap."""
    from pac_core.decisions import action_decisions

    return action_decisions(store(), action_id)


# -- Pipeline screen ---------------------------------------------------------------------------------------
@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _stage_probabilities(version, scope):
    return kpi_funnel.stage_probabilities(store(), scope)


def stage_probabilities(scope: Scope):
    return _stage_probabilities(_version(), scope)


# -- Monthly review and wall ---------------------------------------------------------------------------------
@st.cache_data(max_entries=8, show_spinner=False)
def _review_data(version, scope):
    from pac_core.review import review_data as gather

    return gather(store(), scope)


@st.cache_data(max_entries=8, show_spinner=False)
def _review_views(version, scope, previous_comment, comment):
    from pac_core.review import review_views as build

    return build(_review_data(version, scope), previous_comment, comment)


def review_views(scope: Scope, previous_comment, comment):
    """The review's views, from every figure of the review read once (cached per data version and scope), built
    once per comments too: their charts cost 0.2 s to build."""
    return _review_views(_version(), scope, previous_comment, comment)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _top_and_flop(version, scope, count):
    return kpi_compare.top_and_flop_by_pace(store(), scope, count=count)


def top_and_flop(scope: Scope, count: int = 3):
    return _top_and_flop(_version(), scope, count)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _late_actions(version, scope, count):
    return kpi_compare.late_actions(store(), scope, count=count)


def late_actions(scope: Scope, count: int):
    """The `count` actions furthest behind with their worst indicator, and how many are late in all."""
    return _late_actions(_version(), scope, count)


@st.cache_data(max_entries=4, show_spinner=False)
def _freshness(version, today):
    from pac_core.freshness import freshness as measure

    return measure(store(), today)


def freshness(today):
    """How current the data is against the last closed month (cached per data version and day)."""
    return _freshness(_version(), today)


def month_of_reference():
    """The wall's month of reference (the last closed month, or the newest with results), None without results."""
    from pac_core.kpi.options import available_months, default_month

    return default_month(available_months(store()))
