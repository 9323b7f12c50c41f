"""Parsing one column of raw cells into typed values, logging each bad cell with its row.

Columns repeat a few values over many rows (IDs, indicators, months): those are parsed once per
distinct value. Amounts are all different: those go through the vectorised number parser.
"""

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pac_core.io.values import BadValue, is_blank, parse_numbers


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
    for index, raw in enumerate(uniques):
        if is_blank(raw):
            parsed[index] = None
            if required:
                bad[index] = blank_message
            continue
        try:
            parsed[index] = parse(raw)
        except BadValue as exc:
            parsed[index] = None
            bad[index] = str(exc)
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


def ident(raw) -> str:
    """An identifier as text: 12.0 → "12", leading zeros of text kept."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, bool):
        raise BadValue(f"« {raw} » n'est pas un identifiant valable.")
    return " ".join(str(raw).split())


def text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return " ".join(str(raw).split())
