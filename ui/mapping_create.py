"""The wizard's « + Nouvelle action… » and « + Nouvel indicateur… »: the few fields each needs, asked where the
label or the column is chosen. What the user types goes into the mapping (pac_core.mapping.create), so the
preview lists what will be created and next month's file creates nothing twice."""

from __future__ import annotations

import streamlit as st

from pac_core.catalogue import LAST, NEW_METRIC_FAMILIES, SUM, UNITS, code_for_label, new_metric
from pac_core.display import mapping as text
from pac_core.mapping import KnownAction, Mapping, ValueChoice
from pac_core.mapping.create import action_spec, defined_metrics, metric_spec, next_action_id, own_names
from ui.widgets import plain

NEW = "+"  # the option that opens the creation fields


def new_action(choice: ValueChoice, key: str, base: Mapping, mapping: Mapping, actions: list[KnownAction]) -> str:
    """The fields of a new action for one of their labels; its ID, written into `mapping.new_actions`."""
    action_id = base.value_maps.get(choice.header, {}).get(choice.key)
    if action_id not in base.new_actions:
        taken = [a.action_id for a in actions] + list(mapping.new_actions)
        action_id = next_action_id(choice.label, taken)
    spec = base.new_actions.get(action_id, action_spec(choice.label))
    channels = sorted({a.channel for a in actions if a.channel} | {spec.get("channel") or ""} - {""})
    owners = sorted({a.owner for a in actions if a.owner} | {spec.get("owner") or ""} - {""})
    with st.container(border=True):
        st.caption(plain(text.NEW_ACTION_TITLE.format(action_id=action_id)))
        name = st.text_input(text.NEW_ACTION_NAME, value=spec["name"], key=f"{key}-nom")
        channel = st.selectbox(text.NEW_ACTION_CHANNEL, channels, accept_new_options=True, help=text.NEW_CHOICE_HELP,
                               index=channels.index(spec["channel"]) if spec.get("channel") in channels else None,
                               placeholder=text.TO_CHOOSE, key=f"{key}-canal")
        owner = st.selectbox(text.NEW_ACTION_OWNER, owners, accept_new_options=True, help=text.NEW_CHOICE_HELP,
                             index=owners.index(spec["owner"]) if spec.get("owner") in owners else None,
                             placeholder=text.TO_CHOOSE, key=f"{key}-responsable")
    mapping.new_actions[action_id] = action_spec(name, channel or "", owner or "")
    return action_id


def new_indicator(header: str, key: str, current: str | None, base: Mapping, mapping: Mapping) -> str:
    """The fields of a new indicator for one of their columns (or labels); its code, written into
    `mapping.new_metrics`."""
    defined = defined_metrics(base)
    metric = defined.get(current) or new_metric(header)
    with st.container(border=True):
        st.caption(text.NEW_METRIC_TITLE)
        label = st.text_input(text.NEW_METRIC_NAME, value=metric.label_fr, key=f"{key}-nom")
        unit = st.selectbox(text.NEW_METRIC_UNIT, UNITS, index=UNITS.index(metric.unit), key=f"{key}-unite")
        family = st.radio(text.NEW_METRIC_FAMILY, NEW_METRIC_FAMILIES, format_func=text.FAMILY_OPTIONS.get,
                          index=NEW_METRIC_FAMILIES.index(metric.family), horizontal=True, key=f"{key}-famille")
        aggregation = st.radio(text.NEW_METRIC_AGGREGATION, (SUM, LAST), format_func=text.AGGREGATION_OPTIONS.get,
                               index=(SUM, LAST).index(metric.aggregation), key=f"{key}-cumul")
    created = new_metric(label, unit, family, aggregation, code=code_for_label(label) if label else metric.code,
                         aliases=own_names(header))
    mapping.new_metrics = [spec for spec in mapping.new_metrics if spec["code"] != created.code]
    mapping.new_metrics.append(metric_spec(created))
    return created.code

