"""The shared filters, drawn once in the sidebar by app.py and kept in the URL (bind="query-params"),
so that a link reproduces a view on any page."""

import datetime

import streamlit as st

from pac_core import formatting as fmt
from pac_core.kpi.options import FILTER_KEYS, available_months, default_month, filter_options
from pac_core.kpi.scope import Filters, Scope
from pac_core.readjust.versions import plan_versions
from pac_core.store import Store

FILTER_LABELS = {"levier": "Levier", "canal": "Canal", "responsable": "Responsable", "type": "Type d'action",
                 "cible": "Cible"}
# Every filter a Scope can carry, by its column, in the sidebar's order: the sidebar's own and those a screen sets.
COLUMN_LABELS = {**{FILTER_KEYS[key]: label for key, label in FILTER_LABELS.items()},
                 "status": "Statut de l'action", "action_id": "Action"}


def active_filters(filters: Filters) -> list[tuple[str, tuple[str, ...]]]:
    """(label, values) of each filter that is set, in the sidebar's order: what the header's chips name, so that
    a filtered figure is never read as the whole company's."""
    return [(label, tuple(str(value) for value in getattr(filters, column)))
            for column, label in COLUMN_LABELS.items() if getattr(filters, column, ())]


def clear_filters() -> None:
    """The header's « Effacer les filtres »: a callback (it runs before the next run draws the sidebar), so the
    bound multiselects may still be set through the session state, and the URL follows them."""
    for key in FILTER_LABELS:
        if key in st.session_state:
            st.session_state[key] = []


def sidebar_scope(store: Store) -> Scope:
    """Draw the filters in the sidebar and return the scope they describe."""
    months, options = available_months(store), filter_options(store)  # a few milliseconds: not cached
    with st.sidebar:
        if not months:
            return Scope()
        codes = [month.strftime("%Y-%m") for month in months]
        chosen = st.selectbox("Mois de référence", codes, index=months.index(default_month(months)), key="mois", bind="query-params",
                              format_func=lambda code: fmt.month(datetime.date.fromisoformat(code + "-01"), long=True),
                              help="Les chiffres sont arrêtés à la fin de ce mois.")
        plan_version = _plan_version(store)
        values = {}
        for key, label in FILTER_LABELS.items():
            if options.get(key):
                values[FILTER_KEYS[key]] = tuple(st.multiselect(
                    label, options[key], key=key, bind="query-params", placeholder="Tous"))
    as_of = datetime.date.fromisoformat(chosen + "-01") if chosen else default_month(months)
    return Scope(as_of=as_of, plan_version=plan_version, filters=Filters(**values))


def _plan_version(store: Store) -> int | None:
    """Once the plan has been re-adjusted, which version's targets every KPI is measured against: the one in
    force (None), or an earlier one — « vs plan initial » is version 1."""
    versions = plan_versions(store).sort_values("version", ascending=False)
    if len(versions) < 2:
        return None
    current = int(versions["version"].iloc[0])
    labels = {(f"Version {int(v)} · {label} (en vigueur)" if int(v) == current else f"Version {int(v)} · {label}"): int(v)
              for v, label in zip(versions["version"], versions["label"])}
    chosen = st.selectbox("Objectifs de référence", list(labels), index=0, key="plan", bind="query-params",
                          help="Les objectifs, le rythme, le statut et l'atterrissage se mesurent sur cette version "
                               "du plan. La version 1 est le plan tel qu'adopté en début d'année.")
    version = labels.get(chosen, current)
    return None if version == current else version
