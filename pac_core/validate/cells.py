"""Parsing one column of raw cells into typed values, logging each bad cell with its row.

Columns repeat a few values over many rows (IDs, indicators, months): those are parsed once per
distinct value. Amounts are all different: those go through the vectorised number parser.
A cell holding an Excel error (« #N/A ») is refused in every column, never read as empty; names and IDs lose
their invisible characters (with a warning) and have a maximum length.
"""

import re
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pac_core.io.values import MSG_EXCEL_ERROR, BadValue, is_blank, is_excel_error, parse_numbers
from pac_core.text import (MAX_CELL, MAX_IDENTIFIER, MAX_NAME, clean_identifier, clean_name, hidden_characters,
                           shortened)


@dataclass
class ColumnContext:
    """Where a column sits, to pin its problems in messages."""

    source: str
    sheet: str
    label: str  # header and letter
    rows: np.ndarray  # row number in the file of each kept row


def factorize(column) -> tuple[np.ndarray, list]:
    """Codes per row and the distinct values, for a list or an Arrow array."""
    if isinstance(column, (pa.Array, pa.ChunkedArray)):
        encoded = pc.dictionary_encode(column)
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.combine_chunks()
        return encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary.to_pylist()
    codes, uniques = pd.factorize(np.asarray(column, dtype=object), use_na_sentinel=False)
    return codes, list(uniques)


def blank_mask(column) -> np.ndarray:
    if isinstance(column, (pa.Array, pa.ChunkedArray)):
        trimmed = pc.utf8_trim(column, " \t\r\n\u00a0\u202f\u2009")
        return pc.fill_null(pc.equal(trimmed, ""), True).to_numpy(zero_copy_only=False)
    return np.fromiter((value is None or value == "" or (type(value) is str and not value.strip())
                        or (type(value) is float and value != value) for value in column),
                       dtype=bool, count=len(column))


def take(column, keep: np.ndarray):
    """The kept rows of a column, whatever its container."""
    if isinstance(column, (pa.Array, pa.ChunkedArray)):
        return column.filter(pa.array(keep))
    return np.asarray(column, dtype=object)[keep]


@dataclass
class Coded:
    """A parsed column kept as codes into its distinct parsed values (None where blank or bad)."""

    codes: np.ndarray
    values: np.ndarray  # object array, one per distinct raw value

    def decoded(self) -> np.ndarray:
        return self.values[self.codes] if len(self.codes) else np.empty(0, dtype=object)

    def categorical(self) -> pd.Categorical:
        """The column as a pandas Categorical: a million IDs stay a few thousand strings and integer codes."""
        labels = list(dict.fromkeys(value for value in self.values if value is not None))
        position = {label: index for index, label in enumerate(labels)}
        remap = np.array([position.get(value, -1) if value is not None else -1 for value in self.values],
                         dtype=np.int64)
        codes = remap[self.codes] if len(self.codes) else np.empty(0, dtype=np.int64)
        return pd.Categorical.from_codes(codes, categories=pd.Index(labels, dtype=object))

    def map(self, function, dtype=object) -> np.ndarray:
        """function applied to each distinct value, spread to every row."""
        mapped = np.array([function(value) for value in self.values], dtype=dtype)
        return mapped[self.codes] if len(self.codes) else np.empty(0, dtype=dtype)


def parse_by_value(codes: np.ndarray, uniques: list, parse: Callable, where: ColumnContext, log,
                   required: bool, blank_message: str) -> Coded:
    """Parse each distinct value once; None where blank or bad, each bad cell logged with its row."""
    parsed = np.empty(len(uniques), dtype=object)
    bad: dict[int, str] = {}
    cleaned: dict[int, str] = {}
    for index, raw in enumerate(uniques):
        if is_blank(raw):
            parsed[index] = None
            if required:
                bad[index] = blank_message
            continue
        try:
            if is_excel_error(raw):
                raise BadValue(MSG_EXCEL_ERROR.format(raw=raw.strip()))
            value = parse(raw)
        except BadValue as exc:
            parsed[index] = None
            bad[index] = str(exc)
            continue
        if isinstance(value, Cleaned):
            value, cleaned[index] = value.text, value.note
        parsed[index] = value
    for index, note in cleaned.items():  # one warning per distinct value, at its first row
        positions = np.flatnonzero(codes == index)
        if len(positions):
            more = f" ({len(positions)} lignes)" if len(positions) > 1 else ""
            log.warning(where.source, where.sheet, int(where.rows[positions[0]]), where.label, uniques[index],
                        note + more, kind="hidden-characters")
    if bad:
        bad_codes = np.fromiter(bad, dtype=np.int64)
        for position in np.flatnonzero(np.isin(codes, bad_codes)):
            raw = uniques[codes[position]]
            message = bad[codes[position]]
            log.error(where.source, where.sheet, int(where.rows[position]), where.label,
                      None if is_blank(raw) else raw, message)
    return Coded(codes, parsed)


def parse_number_column(column: Sequence, where: ColumnContext, log, required: bool = False) -> np.ndarray:
    """Floats with NaN where blank; each bad cell logged."""
    if isinstance(column, np.ndarray) and column.dtype == object:
        column = column.tolist()
    values, errors = parse_numbers(column)
    for position, message in errors.items():
        raw = column[position]
        raw = raw.as_py() if hasattr(raw, "as_py") else raw
        log.error(where.source, where.sheet, int(where.rows[position]), where.label, raw, message)
    if required:
        for position in np.flatnonzero(np.isnan(values)):
            if position not in errors:
                log.error(where.source, where.sheet, int(where.rows[position]), where.label, None,
                          "Valeur manquante : indiquez un nombre.")
    return values


@dataclass(frozen=True)
class Cleaned:
    """A text that lost invisible characters on its way in: the text kept, and the warning that says so."""

    text: str
    note: str


MSG_TOO_LONG_FOR_EXCEL = ("Cellule de {length} caractères : Excel n'en accepte pas plus de 32 767 dans une "
                          "cellule. Ce n'est pas un nom ni un chiffre : vérifiez le fichier.")
MSG_TOO_LONG = ("{what} de {length} caractères : {limit} au plus. Raccourcissez-le (une note ou une description "
                "n'a pas sa place dans cette colonne).")
MSG_HIDDEN = ("Caractères invisibles retirés ({names}) : lu « {text} ». Ces caractères ne se voient pas mais "
              "feraient de « {text} » un autre nom.")
MSG_FOLDED = "« {raw} » est écrit avec des caractères de largeur spéciale : lu « {text} »."


def _cleaned(raw, clean, limit: int, what: str):
    """Text or ID from a cell: refused when too long, its invisible characters removed with a note."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    original = str(raw)
    if len(original) > MAX_CELL:
        raise BadValue(MSG_TOO_LONG_FOR_EXCEL.format(length=_count(len(original))))
    value = clean(original)
    if len(value) > limit:
        raise BadValue(MSG_TOO_LONG.format(what=what, length=_count(len(value)), limit=limit))
    hidden = hidden_characters(original)
    if hidden:
        return Cleaned(value, MSG_HIDDEN.format(names=", ".join(hidden[:5]), text=shortened(value)))
    if value != " ".join(original.split()):
        return Cleaned(value, MSG_FOLDED.format(raw=shortened(" ".join(original.split())), text=shortened(value)))
    return value


def _count(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def ident(raw) -> str | Cleaned:
    """An identifier as text: 12.0 → "12", leading zeros kept; a fullwidth or zero-width-spaced TEL reads TEL."""
    if isinstance(raw, bool):
        raise BadValue(f"« {raw} » n'est pas un identifiant valable.")
    return _cleaned(raw, clean_identifier, MAX_IDENTIFIER, "Identifiant")


def text(raw) -> str | Cleaned:
    """A name or label: invisible characters removed, accents composed, spaces single."""
    return _cleaned(raw, clean_name, MAX_NAME, "Texte")


def plain_value(value):
    """The text of a parse result, whether it was cleaned or not (for callers that do not warn)."""
    return value.text if isinstance(value, Cleaned) else value


# -- plausible figures ---------------------------------------------------------------------------------------

COUNT_UNIT, MONEY_UNIT = "nombre", "€"
_MONEY_SIGN = re.compile(r"[€$£]|(?<![a-z])(?:euros?|eur|usd|ht|ttc)(?![a-z])", re.IGNORECASE)
_ACCOUNTING_NEGATIVE = re.compile(r"^\s*\(.*\)\s*$", re.DOTALL)
_MARKED = r"[€$£%()]|(?i:eur|usd|ht|ttc)"  # what makes a cell worth a closer look (RE2, for Arrow)

MSG_SIGN_ON_COUNT = ("« {raw} » : {metric} se compte en nombre, sans {sign}. Écrivez le nombre seul "
                     "(par exemple 12).")
MSG_NOT_WHOLE = "« {raw} » : {metric} se compte en nombre entier. Écrivez un nombre entier (par exemple 12)."
MSG_NEGATIVE_COUNT = "« {raw} » : {metric} ne peut pas être négatif. Corrigez le chiffre."
MSG_BRACKETS_ON_COUNT = ("« {raw} » : les parenthèses des comptables (un montant négatif) n'ont pas de sens pour "
                         "{metric}, qui se compte en nombre. Écrivez le nombre seul.")
MSG_BRACKETS_READ = "« {raw} » : lu comme {value} (parenthèses des comptables : un montant négatif). Vérifiez-le."


def _metric_name(metric) -> str:
    return f"« {metric.label_fr} »"


def _marked_positions(raw_column, candidates: np.ndarray) -> list[int]:
    """Among `candidates`, the rows whose cell is text with a currency or percent sign or brackets."""
    if isinstance(raw_column, (pa.Array, pa.ChunkedArray)):
        if not len(candidates):
            return []
        subset = raw_column.take(pa.array(candidates))
        if not (pa.types.is_string(subset.type) or pa.types.is_large_string(subset.type)):
            return []
        marked = pc.fill_null(pc.match_substring_regex(subset, _MARKED), False).to_numpy(zero_copy_only=False)
        return candidates[marked].tolist()
    return [int(p) for p in candidates if type(raw_column[p]) is str]


def check_plausible_figures(raw_column, figures: np.ndarray, metric_codes, where: ColumnContext, log,
                            results: bool) -> None:
    """Each figure against its indicator's unit: a count (« nombre ») is written without a currency or percent
    sign, not in accountants' brackets, and (for results) whole and not negative; an amount in
    brackets is read as negative, with a warning. Errors make the figure NaN, so it is not imported."""
    from pac_core.catalogue import METRICS_BY_CODE

    codes = pd.Categorical(metric_codes)
    units = np.array([getattr(METRICS_BY_CODE.get(code), "unit", None) for code in codes.categories] + [None],
                     dtype=object)
    unit = units[codes.codes] if len(codes.codes) else np.empty(0, dtype=object)
    present = ~np.isnan(figures)
    count = present & (unit == COUNT_UNIT)
    money = present & (unit == MONEY_UNIT)
    if not (count.any() or money.any()):
        return
    refused: dict[int, tuple[str, str | None]] = {}  # row position → (message, the sign refused)
    for position in _marked_positions(raw_column, np.flatnonzero(count | money)):
        raw = raw_column[position]
        raw = raw.as_py() if hasattr(raw, "as_py") else raw
        metric = METRICS_BY_CODE[codes[position]]
        shown = shortened(" ".join(str(raw).split()))
        brackets = _ACCOUNTING_NEGATIVE.match(raw) is not None
        if count[position]:
            sign = "signe €" if _MONEY_SIGN.search(raw) else "signe %" if "%" in raw else None
            if sign:
                refused[position] = (MSG_SIGN_ON_COUNT, sign)
            elif brackets:
                refused[position] = (MSG_BRACKETS_ON_COUNT, None)
        elif brackets:
            value = _figure_text(figures[position]).replace("-", "−")
            log.warning(where.source, where.sheet, int(where.rows[position]), where.label, shown,
                        MSG_BRACKETS_READ.format(raw=shown, value=value), kind="brackets")
    if results:  # a target may be a fraction: 10 meetings a quarter spread over its months is 3,33 a month
        whole = np.zeros(len(figures), dtype=bool)
        whole[count] = np.equal(np.mod(figures[count], 1), 0)
        for position in np.flatnonzero(count & ~whole):
            refused.setdefault(int(position), (MSG_NOT_WHOLE, None))
        for position in np.flatnonzero(count & (figures < 0)):
            refused.setdefault(int(position), (MSG_NEGATIVE_COUNT, None))
    for position in sorted(refused):
        raw = raw_column[position]
        raw = raw.as_py() if hasattr(raw, "as_py") else raw
        shown = shortened(" ".join(str(raw).split())) if isinstance(raw, str) else _figure_text(figures[position])
        metric = METRICS_BY_CODE[codes[position]]
        template, sign = refused[position]
        message = template.format(raw=shown, metric=_metric_name(metric), sign=sign)
        log.error(where.source, where.sheet, int(where.rows[position]), where.label, shown, message,
                  kind="implausible")
        figures[position] = np.nan


def _figure_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value)).replace(".", ",")
