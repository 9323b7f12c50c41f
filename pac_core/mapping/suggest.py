"""A first mapping for a foreign file, from its headers' words and its values' shapes; the user
reviews and adjusts it. Nothing here is sure: the page shows every choice."""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass

from pac_core.catalogue import MetricLookup
from pac_core.io.values import BadValue, is_blank, parse_date, parse_number
from pac_core.mapping import cell_formats
from pac_core.mapping.actions import KnownAction
from pac_core.mapping.layout import block_names, blocks, month_of, suggest_layout
from pac_core.mapping.model import (ACTIONS, OPPORTUNITIES, RESULTS, TARGETS, Mapping, Measure, SUM, COUNT,
                                    TableMapping)
from pac_core.mapping.read import ForeignTable, cell_text
from pac_core.mapping.value_maps import distinct_labels, fill_suggestions, suggest_action
from pac_core.mapping.vocabulary import (FIELD_HEADERS, LINK_PEOPLE, LINK_PRIORITY, LINK_SOURCES, RESULT_MEASURES,
                                         TARGET_HINTS, TARGET_MEASURES, header_key)
from pac_core.tables import OPPORTUNITY_STATUSES, PIPELINE_STAGES
from pac_core.text import fold

DATE, NUMBER, LABEL, TEXT, EMPTY = "date", "number", "label", "text", "empty"
SHAPE_LABELS = {DATE: "dates", NUMBER: "nombres", LABEL: "libellés", TEXT: "texte", EMPTY: "vide"}


@dataclass(frozen=True)
class ColumnProfile:
    """What a column holds, to show next to it and to guess its use."""

    header: str
    shape: str  # DATE, NUMBER, LABEL (few distinct texts), TEXT or EMPTY
    distinct: int
    examples: tuple[str, ...]


def profile(table: ForeignTable, header: str) -> ColumnProfile:
    cells = [cell for cell in table.column(header) if not is_blank(cell)]
    examples = tuple(dict.fromkeys(cell_text(cell) for cell in cells[:50]))[:3]
    if not cells:
        return ColumnProfile(header, EMPTY, 0, ())
    sample = cells[:200]
    dates = sum(_is_day(cell) for cell in cell_formats.as_dates(sample))
    numbers = sum(_is_number(cell) for cell in cell_formats.as_numbers(sample))
    distinct = len({fold(cell_text(cell)) for cell in cells})
    if dates >= 0.8 * len(sample):
        shape = DATE
    elif numbers >= 0.6 * len(sample):  # a few « n/a » or « à confirmer » do not make figures a label
        shape = NUMBER
    elif distinct <= max(12, len(cells) // 3):
        shape = LABEL
    else:
        shape = TEXT
    return ColumnProfile(header, shape, distinct, examples)


def profiles(table: ForeignTable) -> dict[str, ColumnProfile]:
    return {header: profile(table, header) for header in table.names}


def month_headers(table: ForeignTable) -> list[str]:
    """Headers that name a month (« janv. », « M01 », « févr. 2026 », a date, a second « Jan » under
    another year): months as columns."""
    months = [header for header in table.names if month_of(table, header) is not None
              and not _header_words(header) & {"date", "jour", "day"}]
    return months if len(months) >= 2 else []


def guess_kind(table: ForeignTable) -> str:
    """Results, targets or opportunities, from the headers and the words around the table."""
    words = {header_key(header) for header in table.names}
    if words & set(FIELD_HEADERS["stage"]) and words & set(FIELD_HEADERS["amount"] + FIELD_HEADERS["created_on"]
                                                            + FIELD_HEADERS["closed_on"]):
        return OPPORTUNITIES
    context = " ".join([table.source, table.sheet_name, *_title_lines(table)])
    hinted = bool(set(fold(context).split()) & set(TARGET_HINTS))
    results_measures = [h for h in table.names if _measure(h, RESULT_MEASURES)]
    target_measures = [h for h in table.names if _measure(h, TARGET_MEASURES, exact_only=True)]
    if month_headers(table):
        return TARGETS if hinted or not results_measures else RESULTS
    if target_measures and not results_measures:
        return TARGETS
    return RESULTS


def suggest(table: ForeignTable, actions: list[KnownAction] = (), kind: str | None = None) -> Mapping:
    """A mapping to review: the kind of data, each of our fields from one of their columns, the figures
    as indicators, and their labels translated where the guess is safe."""
    actions = list(actions)
    kind = kind or guess_kind(table)
    shapes = profiles(table)
    if kind == OPPORTUNITIES:
        parts = [_pipeline(table, shapes, actions)]
    elif kind == ACTIONS:
        parts = [_actions(table, shapes)]
    else:
        parts = _figures(table, shapes, kind, actions)
    suggest_layout(table, parts)
    mapping = Mapping(parts, signature=table.signature)
    fill_suggestions(table, mapping, actions)
    return mapping


def deal_results(mapping: Mapping, won_labels: list[str] | None = None) -> TableMapping | None:
    """Monthly results from a CRM export: won deals counted as new clients and their amounts summed as
    revenue, per month of closing and per source action. Add it to `mapping.tables` to import both.
    `won_labels`: their labels of a won deal, in the status column when the mapping has one, else the stage's."""
    pipeline = mapping.table(OPPORTUNITIES)
    if pipeline is None or "stage" not in pipeline.columns:
        return None
    # A won deal is one whose status says so (Pipedrive keeps the stage it was won from), else its stage.
    won_header, won_value = pipeline.columns["stage"], PIPELINE_STAGES[-1]
    if "status" in pipeline.columns and OPPORTUNITY_STATUSES[1] in mapping.value_maps.get(pipeline.columns["status"],
                                                                                          {}).values():
        won_header, won_value = pipeline.columns["status"], OPPORTUNITY_STATUSES[1]
    if won_labels is None:
        won_labels = [key for key, value in mapping.value_maps.get(won_header, {}).items() if value == won_value]
    columns = {"period": pipeline.columns.get("closed_on") or pipeline.columns.get("created_on")}
    if "action_id" in pipeline.columns:
        columns["action_id"] = pipeline.columns["action_id"]
    measures = [Measure("nouveaux_clients", None, COUNT)]
    if "amount" in pipeline.columns:
        measures.append(Measure("ca", pipeline.columns["amount"], SUM))
    return TableMapping(RESULTS, {k: v for k, v in columns.items() if v}, measures,
                        action_id=pipeline.action_id, row_filter={won_header: [fold(label) for label in won_labels]})


def _figures(table: ForeignTable, shapes, kind: str, actions) -> list[TableMapping]:
    months = month_headers(table)
    labels = [h for h in table.names if shapes[h].shape in (LABEL, TEXT) and h not in months]
    link = _link_column(table, labels, actions)
    if months:
        metric_column = _by_words([h for h in labels if h != link], FIELD_HEADERS["metric"])
        split = None if metric_column else _month_blocks(table, months)
        if split:  # « Budget prévu » over three months, « Dépensé » over the next three: never added together
            parts = [TableMapping(block_kind, {"action_id": link} if link else {}, month_columns=headers, metric=metric)
                     for block_kind, metric, headers in split]
            return sorted(parts, key=lambda part: part.table != kind)
        part = TableMapping(kind, month_columns=months)
        if link:
            part.columns["action_id"] = link
        if metric_column:
            part.columns["metric"] = metric_column
        else:
            part.metric = _metric_from_context(table)
        return [part]
    dates = [h for h in table.names if shapes[h].shape == DATE]
    period = _by_words(dates, FIELD_HEADERS["period"]) or (dates[0] if dates else None)
    if period is None:
        period = _by_words([h for h in table.names if shapes[h].shape == LABEL], FIELD_HEADERS["period"])
    end = _by_words([h for h in dates if h != period], FIELD_HEADERS["period_end"])
    start = _by_words(dates, FIELD_HEADERS["period_start"])
    if end and start:
        period = start
    numbers = [h for h in table.names if shapes[h].shape == NUMBER]
    parts = []
    for part_kind, words in ((RESULTS, RESULT_MEASURES), (TARGETS, TARGET_MEASURES)):
        exact_only = part_kind != kind  # the other kind only for headers that say it plainly
        measures, used = [], set()
        for header in numbers:
            metric = _measure(header, words, exact_only=exact_only)
            if metric and metric not in used and not (part_kind == RESULTS and _measure(header, TARGET_MEASURES,
                                                                                        exact_only=True)):
                measures.append(Measure(metric, header, SUM))
                used.add(metric)
        if not measures and part_kind != kind:
            continue
        part = TableMapping(part_kind, measures=measures)
        for name, header in (("period", period), ("period_end", end if end and start else None), ("action_id", link)):
            if header:
                part.columns[name] = header
        parts.append(part)
    parts.sort(key=lambda part: part.table != kind)
    return parts


def _month_blocks(table: ForeignTable, months: list[str]) -> list[tuple[str, str, list[str]]] | None:
    """(kind, indicator, month headers) of each block of month columns when what is written above each block
    names a figure plainly (« Budget prévu »: cost targets, « Dépensé »: cost results); None when there is one
    block, or a block whose words say neither."""
    found = blocks(table, months)
    if len(found) < 2:
        return None
    names = block_names(list(found))
    split = []
    for label, headers in found.items():
        target = _measure(names[label], TARGET_MEASURES, exact_only=True)
        result = _measure(names[label], RESULT_MEASURES, exact_only=True)
        if (target is None) == (result is None):
            return None
        split.append((TARGETS, target, headers) if target else (RESULTS, result, headers))
    return split


def _pipeline(table: ForeignTable, shapes, actions) -> TableMapping:
    part = TableMapping(OPPORTUNITIES)
    taken = set()
    wanted = {"created_on": (DATE,), "closed_on": (DATE,), "amount": (NUMBER,), "stage": (LABEL, TEXT),
              "status": (LABEL,), "account": (LABEL, TEXT), "opportunity_id": (LABEL, TEXT, NUMBER)}
    for name, allowed in wanted.items():
        header = _by_words([h for h in table.names if shapes[h].shape in allowed and h not in taken],
                           FIELD_HEADERS[name])
        if header:
            part.columns[name] = header
            taken.add(header)
    labels = [h for h in table.names if shapes[h].shape in (LABEL, TEXT) and h not in taken]
    # Where a deal comes from is its source; its owner only when no column says the source.
    link = (_link_column(table, labels, actions, LINK_SOURCES)
            or _link_column(table, labels, actions, LINK_PEOPLE))
    if link:
        part.columns["action_id"] = link
        if header_key(link) in FIELD_HEADERS["channel"]:
            part.columns["channel"] = link
    return part


def _actions(table: ForeignTable, shapes) -> TableMapping:
    part = TableMapping(ACTIONS)
    taken = set()
    for name in ("action_id", "name", "lever", "channel", "kind", "segment", "owner", "start_date", "end_date",
                 "budget", "status", "objective_ids"):
        words = ("id action", "code action", "id", "code", "reference") if name == "action_id" else FIELD_HEADERS[name]
        header = _by_words([h for h in table.names if h not in taken], words)
        if header:
            part.columns[name] = header
            taken.add(header)
    return part


def _link_column(table: ForeignTable, candidates: list[str], actions: list[KnownAction],
                 priority: tuple[str, ...] = LINK_PRIORITY) -> str | None:
    """The column whose labels find the most actions (« META » finds the one action on social networks,
    a campaign name often none); ties go to the header that says it best (ID action, campaign, channel…)."""
    ranked = []
    for header in candidates:
        if header_key(header) not in priority:
            continue
        labels = distinct_labels(table, header)
        found = sum(suggest_action(label, actions) is not None for label, *_ in labels) / max(len(labels), 1)
        ranked.append((-found, priority.index(header_key(header)), header))
    return min(ranked)[2] if ranked else None


def _by_words(candidates: list[str], words) -> str | None:
    """The candidate whose cleaned header is the earliest of `words`."""
    ranked = [(list(words).index(header_key(header)), header) for header in candidates if header_key(header) in words]
    return min(ranked)[1] if ranked else None


def _measure(header: str, measures: dict[str, tuple[str, ...]], exact_only: bool = False) -> str | None:
    """The indicator a figure's header names: exact words (units left out), our catalogue's names, then
    a close spelling. « Coût par clic » is not a cost: only whole headers count."""
    key = header_key(header)
    for code, words in measures.items():
        if key in words:
            return code
    if exact_only:
        return None
    code = MetricLookup().code_for(key)  # any indicator of the catalogue, by its code, label or alias
    if code is not None:
        return code
    every = {word: code for code, words in measures.items() for word in words}
    close = difflib.get_close_matches(key, list(every), n=1, cutoff=0.88)
    return every[close[0]] if close else None


def _metric_from_context(table: ForeignTable) -> str | None:
    """The indicator a wide sheet is about, when its title or name says it (« Objectifs CA 2026 »)."""
    lookup = MetricLookup()
    for text in (*_title_lines(table), table.sheet_name, table.source):
        words = fold(text).split()
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                code = lookup.code_for(" ".join(words[start:start + size]))
                if code:
                    return code
    return None


def _title_lines(table: ForeignTable) -> list[str]:
    return [" ".join(str(cell) for cell in row if not is_blank(cell)) for row in table.sheet.preview[:table.header_row]]


def _header_words(header: str) -> set[str]:
    return set(fold(header).split())


def _is_day(cell) -> bool:
    if isinstance(cell, (datetime.date, datetime.datetime)):
        return True
    if not isinstance(cell, str) or _is_number(cell):
        return False
    try:
        return parse_date(cell) is not None
    except BadValue:
        return False


def _is_number(cell) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        return True
    try:
        return parse_number(cell) is not None
    except BadValue:
        return False


__all__ = ["ColumnProfile", "profile", "profiles", "month_headers", "guess_kind", "suggest", "deal_results",
           "distinct_labels"]
