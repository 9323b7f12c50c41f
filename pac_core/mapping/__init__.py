"""Column mapping: files that are not in our format (ad platforms, CRMs, colleagues' sheets) read,
mapped to our tables step by step, and imported like our own files. No Streamlit here.

    tables = read_foreign(path)                  # 1. one raw table per sheet
    mapping = store.mapping_for(tables[0].signature) or suggest(tables[0], actions)   # 2. a first guess
    choices = value_choices(tables[0], mapping, actions)   # 3. labels to translate (page: one list each)
    validation = apply(tables[0], mapping, store.context(), actions)   # 4. checked, nothing written
    store.import_batch(validation.batch); store.save_mapping("Meta Ads", mapping)   # 5. import, remember
"""

from pac_core.mapping.actions import KnownAction, known_actions
from pac_core.mapping.apply import apply, mapping_problems
from pac_core.mapping.model import (ACTIONS, COUNT, IGNORE, KIND_LABELS, KINDS, NO_ACTION, OPPORTUNITIES, RESULTS, SUM,
                                    TARGETS, Mapping, Measure, TableMapping, signature)
from pac_core.mapping.read import ForeignTable, read_foreign
from pac_core.mapping.suggest import ColumnProfile, deal_results, guess_kind, month_headers, profiles, suggest
from pac_core.mapping.value_maps import ValueChoice, channel_of, suggest_action, value_choices

__all__ = ["ACTIONS", "COUNT", "IGNORE", "KIND_LABELS", "KINDS", "NO_ACTION", "OPPORTUNITIES", "RESULTS", "SUM",
           "TARGETS",
           "ColumnProfile", "ForeignTable", "KnownAction", "Mapping", "Measure", "TableMapping", "ValueChoice",
           "apply", "channel_of", "deal_results", "guess_kind", "known_actions", "mapping_problems",
           "month_headers", "profiles", "read_foreign", "signature", "suggest", "suggest_action", "value_choices"]
