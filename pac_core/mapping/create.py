"""What a foreign file may add to the plan from the wizard: a new action (« Google Ads », for a platform the plan
did not name) or a new indicator (« Sessions », for a figure the catalogue lacks).

They are plain data in the mapping (`Mapping.new_actions`, `Mapping.new_metrics`), so that next month's file
creates nothing twice: an action or an indicator already in the database is simply used. The import that
creates them brings them (`Batch.tables["actions"]`, `Batch.new_metrics`) and undoing it takes them away.
"""

from __future__ import annotations

import datetime
import re

import pandas as pd

from pac_core import clock
from pac_core.catalogue import METRICS_BY_CODE, Metric, MetricLookup, metric_problems, new_metric
from pac_core.mapping.actions import KnownAction
from pac_core.mapping.model import Mapping
from pac_core.text import fold

NEW_ACTION_STATUS = "En cours"
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def action_spec(name: str, channel: str = "", owner: str = "") -> dict:
    """A new action as the mapping keeps it."""
    return {"name": " ".join(str(name).split()), "channel": " ".join(str(channel or "").split()),
            "owner": " ".join(str(owner or "").split())}


def metric_spec(metric: Metric) -> dict:
    """A new indicator as the mapping keeps it."""
    return {"code": metric.code, "label_fr": metric.label_fr, "unit": metric.unit, "family": metric.family,
            "aggregation": metric.aggregation, "aliases": list(metric.aliases)}


def own_names(*names: str) -> tuple[str, ...]:
    """The names (a column's header) a new indicator may keep as aliases, so that next month's file finds it
    by itself: those no indicator of the catalogue answers to already."""
    lookup = MetricLookup()
    return tuple(name for name in names if name and lookup.code_for(name) is None)


def defined_metrics(mapping: Mapping) -> dict[str, Metric]:
    """The indicators the mapping defines, by code."""
    return {spec["code"]: new_metric(spec["label_fr"], spec.get("unit", "nombre"), spec.get("family", "activité"),
                                     spec.get("aggregation", "sum"), spec["code"], tuple(spec.get("aliases", ())))
            for spec in mapping.new_metrics}


def metrics_of(mapping: Mapping) -> dict[str, Metric]:
    """The catalogue as this mapping sees it: the company's indicators, then those it creates."""
    return {**METRICS_BY_CODE, **defined_metrics(mapping)}


def new_actions(mapping: Mapping) -> list[KnownAction]:
    """The actions the mapping creates, as labels may point to them."""
    return [KnownAction(action_id, spec["name"], spec.get("channel", ""), spec.get("owner", ""))
            for action_id, spec in mapping.new_actions.items()]


def next_action_id(label: str, taken) -> str:
    """An ID in the plan's own style: when most IDs are numbered (A01…A12), the next number (A13); otherwise the
    label's words (« LINKEDIN-ADS »), as in a plan whose IDs are SAL1, SAL2, WEB, RS."""
    taken = {str(identifier) for identifier in taken}
    series: dict[str, list] = {}
    for match in filter(None, map(_NUMBERED.match, taken)):
        series.setdefault(match.group(1), []).append(match.group(2))
    prefix, numbers = max(series.items(), key=lambda item: len(item[1]), default=("", []))
    if numbers and 2 * len(numbers) >= len(taken):
        width = len(max(numbers, key=int))
        number = max(map(int, numbers)) + 1
        while f"{prefix}{number:0{width}d}" in taken:
            number += 1
        return f"{prefix}{number:0{width}d}"
    base = re.sub(r"[^A-Z0-9]+", "-", fold(label).upper()).strip("-")[:20] or "ACTION"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def creation_problems(mapping: Mapping, known: dict[str, KnownAction]) -> list[str]:
    """What is wrong with the actions and indicators the mapping creates, in French."""
    problems = []
    for action_id, spec in mapping.new_actions.items():
        if not spec.get("name"):
            problems.append(f"Nouvelle action {action_id} : donnez-lui un nom.")
        existing = known.get(action_id)
        if existing is not None and existing.name and fold(existing.name) != fold(spec.get("name", "")):
            problems.append(f"Nouvelle action : l'ID {action_id} est déjà celui de l'action « {existing.name} ».")
    created = list(defined_metrics(mapping).values())
    for position, metric in enumerate(created):
        if metric.code in METRICS_BY_CODE:
            continue  # created by an earlier import of this file: used as it is
        others = [m for m in METRICS_BY_CODE.values()] + created[:position]
        problems += [f"Nouvel indicateur « {metric.label_fr} » : {problem}"
                     for problem in metric_problems(metric, others)]
    return problems


def actions_to_create(mapping: Mapping, used: set, known_ids: set, plan_year: int | None) -> pd.DataFrame | None:
    """The rows of `actions` for the new actions some kept row points to and the database lacks; they run
    over the plan's year."""
    wanted = [action_id for action_id in mapping.new_actions if action_id in used and action_id not in known_ids]
    if not wanted:
        return None
    year = plan_year or clock.today().year
    rows = [{"action_id": action_id, "lever": None, "name": mapping.new_actions[action_id]["name"],
             "channel": mapping.new_actions[action_id].get("channel") or None, "kind": None, "segment": None,
             "owner": mapping.new_actions[action_id].get("owner") or None,
             "start_date": datetime.date(year, 1, 1), "end_date": datetime.date(year, 12, 31), "budget": float("nan"),
             "status": NEW_ACTION_STATUS, "objective_ids": None} for action_id in wanted]
    return pd.DataFrame(rows)


def metrics_to_create(mapping: Mapping, used: set) -> tuple[Metric, ...]:
    """The new indicators some figure uses and the catalogue lacks."""
    return tuple(metric for code, metric in defined_metrics(mapping).items()
                 if code in used and code not in METRICS_BY_CODE)
