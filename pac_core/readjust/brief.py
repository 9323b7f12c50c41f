"""The quarter in brief, the first thing the review reads: which actions are on track and which are not (each
action by its worst indicator, as the suggestions rate it), and the money planned, spent and left."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pac_core.readjust.suggest import worst_status


@dataclass(frozen=True)
class Brief:
    on_track: list[tuple[str, str]]  # (action_id, name), by ID
    watch: list[tuple[str, str]]
    off_track: list[tuple[str, str]]
    unrated: list[tuple[str, str]]  # no target to date: nothing to judge yet
    planned: float  # the year's budget of every action in the version in force
    spent: float  # spent to the review's month
    left: float  # planned − spent: what the plan still has to spend this year
    overspent: list[tuple[str, float]]  # (action_id, spent beyond its budget): why some money left is already gone


def quarter_brief(figures: pd.DataFrame) -> Brief:
    """`figures` is review_figures(...) for the whole plan at the review's month."""
    actions = figures.drop_duplicates("action_id").sort_values("action_id")
    status = worst_status(figures)
    groups: dict[str | None, list[tuple[str, str]]] = {"on_track": [], "watch": [], "off_track": [], None: []}
    for action_id, name in zip(actions["action_id"], actions["name"]):
        groups[status.get(action_id)].append((action_id, name))
    planned = actions["planned"].astype(float).fillna(0.0)
    spent = actions["spent"].astype(float).fillna(0.0)
    return Brief(groups["on_track"], groups["watch"], groups["off_track"], groups[None],
                 float(planned.sum()), float(spent.sum()), float(planned.sum() - spent.sum()),
                 [(a, float(o)) for a, o in zip(actions["action_id"], spent - planned) if o > 0.005])
