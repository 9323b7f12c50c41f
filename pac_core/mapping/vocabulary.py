"""The words foreign files use, read from vocabulary.toml: header words as `header_key` reads a header, the
words of stages, statuses and channels folded (pac_core.text.fold), each list checked against our values."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pac_core.catalogue import METRICS_BY_CODE
from pac_core.tables import CHANNELS, LOST_STAGE, OPPORTUNITY_STATUSES, PIPELINE_STAGES
from pac_core.text import fold

_DATA = tomllib.loads((Path(__file__).with_name("vocabulary.toml")).read_text(encoding="utf-8"))

UNIT_WORDS = frozenset(fold(word) for word in _DATA["unit_words"])
# « StageName » → « Stage Name », « HTMLTitle » → « HTML Title »: CamelCase API names split into words.
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# « Deal - Stage », « Organization - Name »: Pipedrive names each field after its record.
_RECORD_PREFIX = re.compile(r"^\s*(deal|organi[sz]ation|person|opportunity|lead|affaire)\s+-\s+", re.IGNORECASE)


def header_key(header: object) -> str:
    """A header's words, as the vocabulary lists them: « Montant dépensé (EUR) » → « montant depense »,
    « StageName » → « stage name », « Account.Name » → « account name », « Deal - Won time » → « won time »."""
    text = _RECORD_PREFIX.sub("", _CAMEL.sub(" ", str(header)))
    return " ".join(word for word in fold(text).split() if word not in UNIT_WORDS)


def _header_words(words: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(key for word in words if (key := header_key(word))))


def _folded(words: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold(word) for word in words))


def _checked(section: str, allowed, read) -> dict[str, tuple[str, ...]]:
    """One table of the file, each key one of our values (a typo in the file fails at import, not silently)."""
    unknown = set(_DATA[section]) - set(allowed)
    if unknown:
        raise ValueError(f"vocabulary.toml [{section}]: unknown {sorted(unknown)}")
    return {key: read(words) for key, words in _DATA[section].items()}


TARGET_HINTS = _folded(_DATA["target_hints"])
LINK_SOURCES = _header_words(_DATA["link_sources"])
LINK_PEOPLE = _header_words(_DATA["link_people"])
LINK_PRIORITY = LINK_SOURCES + tuple(word for word in LINK_PEOPLE if word not in LINK_SOURCES)

# Our field → header words that name it. "action_id" gathers every column a row's action can come from.
FIELD_HEADERS = {field: _header_words(words) for field, words in _DATA["field_headers"].items()}
# Header words → our metric, for the figures of results (actuals) and targets.
RESULT_MEASURES = _checked("result_measures", METRICS_BY_CODE, _header_words)
TARGET_MEASURES = _checked("target_measures", METRICS_BY_CODE, _header_words)
# Their stages, statuses and channels → ours.
STAGE_WORDS = _checked("stage_words", (*PIPELINE_STAGES, LOST_STAGE), _folded)
STATUS_WORDS = _checked("status_words", OPPORTUNITY_STATUSES, _folded)
CHANNEL_WORDS = _checked("channel_words", CHANNELS, _folded)
