"""Their labels → our values: which labels a mapping must translate, what each may become, and the
suggestion for each (from folded text, known words and the plan's actions)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from pac_core.catalogue import MetricLookup, all_metrics
from pac_core.io.values import is_blank
from pac_core.mapping.actions import KnownAction
from pac_core.mapping.model import IGNORE, NO_ACTION, Mapping
from pac_core.mapping.read import ForeignTable
from pac_core.mapping.vocabulary import CHANNEL_WORDS, STAGE_WORDS, STATUS_WORDS
from pac_core.tables import LOST_STAGE, OPPORTUNITY_STATUSES, PIPELINE_STAGES
from pac_core.text import fold

# Our fields whose values must be one of ours (the others are copied as they are).
CODED_FIELDS = ("action_id", "stage", "status", "metric")
FIELD_LABELS = {"action_id": "action", "stage": "étape", "status": "statut", "metric": "indicateur"}
_PLATFORM_PREFIX = re.compile(r"\s+[-–|]\s+")  # « Meta - Notoriété hiver », « LinkedIn | Webinaire »


@dataclass
class ValueChoice:
    """One distinct label of a coded column, for the page to show with a list of our values."""

    header: str  # their column
    field: str  # our field it feeds ("action_id", "stage", "status", "metric")
    label: str  # as first written in the file
    key: str  # folded label: the key in Mapping.value_maps[header]
    count: int  # rows carrying it
    first_row: int  # row number of the first of them
    value: str | None  # what the mapping says now (IGNORE: left out); None: not mapped yet
    suggestion: str | None  # the best guess, or None
    options: list[tuple[str, str]] = field(default_factory=list)  # (our value, what a person reads)


def coded_columns(mapping: Mapping) -> dict[str, str]:
    """Their header → our coded field, for every column whose labels need translating."""
    found = {}
    for part in mapping.tables:
        for name in CODED_FIELDS:
            if name in part.columns and not (name == "metric" and part.table in ("actions", "opportunities")):
                found.setdefault(part.columns[name], name)
    return found


def options_for(name: str, actions: list[KnownAction]) -> list[tuple[str, str]]:
    if name == "action_id":
        return [(a.action_id, f"{a.action_id} — {a.name}" + (f" ({a.channel})" if a.channel else ""))
                for a in actions]
    if name == "stage":
        return [(stage, stage) for stage in (*PIPELINE_STAGES, LOST_STAGE)]
    if name == "status":
        return [(status, status) for status in OPPORTUNITY_STATUSES]
    return [(metric.code, metric.label_fr) for metric in all_metrics()]


def distinct_labels(table: ForeignTable, header: str) -> list[tuple[str, str, int, int]]:
    """(label as first written, folded key, count, first row) of each distinct non-blank label."""
    seen: dict[str, list] = {}
    for cell, row in zip(table.column(header), table.rows):
        if is_blank(cell):
            continue
        label = _text(cell)
        key = fold(label)
        if key in seen:
            seen[key][2] += 1
        else:
            seen[key] = [label, key, 1, int(row)]
    return [tuple(entry) for entry in seen.values()]


def value_choices(table: ForeignTable, mapping: Mapping, actions: list[KnownAction]) -> list[ValueChoice]:
    """Every label the page must let the user translate, with the mapping's current value and a suggestion."""
    choices = []
    for header, name in coded_columns(mapping).items():
        current = mapping.value_maps.get(header, {})
        options = options_for(name, actions)
        for label, key, count, first_row in distinct_labels(table, header):
            suggestion = suggest_value(name, label, actions)
            choices.append(ValueChoice(header, name, label, key, count, first_row, current.get(key), suggestion,
                                       options))
    return choices


def fill_suggestions(table: ForeignTable, mapping: Mapping, actions: list[KnownAction]) -> None:
    """Write every suggestion into the mapping where it has no value yet (the user reviews them)."""
    for choice in value_choices(table, mapping, actions):
        if choice.value is None and choice.suggestion is not None:
            mapping.value_maps.setdefault(choice.header, {})[choice.key] = choice.suggestion


def borrow_choices(table: ForeignTable, mapping: Mapping, others: list[Mapping], actions: list[KnownAction]) -> int:
    """The user's own choices in other saved mappings (newest first) for the same labels of the same field
    (« Google Ads » → ignored, in the CSV and in the xlsx export of one platform), written over the guesses;
    a choice pointing at an action the plan no longer has is not borrowed. How many were borrowed."""
    valid = {"action_id": {a.action_id for a in actions} | {IGNORE, NO_ACTION},
             "stage": {*PIPELINE_STAGES, LOST_STAGE, IGNORE}, "status": {*OPPORTUNITY_STATUSES, IGNORE},
             "metric": {m.code for m in all_metrics()} | {IGNORE}}
    chosen: dict[tuple[str, str], str] = {}
    for other in others:
        for header, name in coded_columns(other).items():
            for key, value in other.value_maps.get(header, {}).items():
                if value in valid[name]:
                    chosen.setdefault((name, key), value)
    borrowed = 0
    for header, name in coded_columns(mapping).items():
        for _, key, _, _ in distinct_labels(table, header):
            value = chosen.get((name, key))
            if value is not None and mapping.value_maps.get(header, {}).get(key) != value:
                mapping.value_maps.setdefault(header, {})[key] = value
                borrowed += 1
    return borrowed


def translate(mapping: Mapping, header: str, name: str, raw, actions_by_id: dict) -> str | None:
    """Our value for one of their labels: the value map first, then a label already ours as it is.
    IGNORE when left out on purpose; None when it has no translation."""
    key = fold(_text(raw))
    mapped = mapping.value_maps.get(header, {}).get(key)
    if mapped is not None:
        return mapped
    text = _text(raw)
    if name == "action_id" and text in actions_by_id:
        return text
    if name == "stage" and text in (*PIPELINE_STAGES, LOST_STAGE):
        return text
    if name == "status" and text in OPPORTUNITY_STATUSES:
        return text
    if name == "metric":
        return MetricLookup().code_for(text)
    return None


def suggest_value(name: str, label: str, actions: list[KnownAction]) -> str | None:
    if name == "action_id":
        return suggest_action(label, actions)
    if name == "stage":
        return _from_words(label, STAGE_WORDS)
    if name == "status":
        return next((status for status, words in STATUS_WORDS.items() if fold(label) in words), None)
    return MetricLookup().code_for(label)


def channel_of(label: str) -> str | None:
    """Our channel for a platform or channel label (« META » → Réseaux sociaux), if any; a campaign named
    after its platform the usual way (« Meta - Notoriété hiver ») finds the platform's."""
    platform = _PLATFORM_PREFIX.split(str(label), maxsplit=1)[0]
    return _from_words(label, CHANNEL_WORDS) or (_from_words(platform, CHANNEL_WORDS) if platform != label else None)


def suggest_action(label: str, actions: list[KnownAction]) -> str | None:
    """The one action a label stands for: its ID, its name, its owner (a sales rep), a word of its name,
    or the channel it names when exactly one action runs on that channel. Never a guess between several."""
    key = fold(label)
    if not key:
        return None
    for test in (lambda a: fold(a.action_id) == key,
                 lambda a: fold(a.name) == key,
                 lambda a: bool(a.owner) and fold(a.owner) == key,
                 lambda a: f" {key} " in f" {fold(a.name)} "):
        hits = [a.action_id for a in actions if test(a)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    channel = channel_of(label)
    if channel is not None:
        hits = [a.action_id for a in actions if fold(a.channel) == fold(channel)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    names = {fold(a.name): a.action_id for a in actions if a.name}
    close = difflib.get_close_matches(key, list(names), n=2, cutoff=0.8)
    return names[close[0]] if len(close) == 1 else None


def _from_words(label: str, words: dict[str, tuple[str, ...]]) -> str | None:
    key = fold(label)
    for value, synonyms in words.items():
        if key == fold(value) or key in synonyms:
            return value
    everything = {synonym: value for value, synonyms in words.items() for synonym in (fold(value), *synonyms)}
    close = difflib.get_close_matches(key, list(everything), n=1, cutoff=0.8)
    return everything[close[0]] if close else None


def _text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return " ".join(str(raw).split())


__all__ = ["ValueChoice", "IGNORE", "value_choices", "fill_suggestions", "borrow_choices", "translate",
           "suggest_action",
           "channel_of", "coded_columns", "distinct_labels"]
