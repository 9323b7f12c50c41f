"""Reading the values a French manager types in a cell: numbers, dates and periods.

French conventions come first: decimal comma, spaces (also U+00A0, U+202F) between thousands,
"€" and "%", day-first dates, French month names, quarters written "T1 2026". A value that cannot
be read raises BadValue, whose text is a short French sentence naming the value and saying what to
write instead. The parse_* functions in the plural read a whole column and collect those messages
by row index instead of raising.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import numbers
import operator
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import compress

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pac_core import clock
from pac_core.threads import map_in_threads

__all__ = [
    "BadValue",
    "Period",
    "is_blank",
    "is_excel_error",
    "parse_date",
    "parse_dates",
    "parse_month_header",
    "parse_number",
    "parse_numbers",
    "parse_period",
    "parse_periods",
]

# ---------------------------------------------------------------------------------------------
# What the user reads (French). Kept together so it can be read and translated in one place.
# ---------------------------------------------------------------------------------------------

MSG_NOT_A_NUMBER = "« {raw} » n'est pas un nombre : écrivez un nombre comme 1 250,40."
MSG_BAD_GROUPS = (
    "« {raw} » n'est pas un nombre lisible : les milliers se séparent par groupes de trois "
    "chiffres ; écrivez par exemple 1 250 ou 1250."
)
MSG_AMBIGUOUS = (
    "« {raw} » est ambigu ({thousands} ou {decimal} ?) : écrivez {thousands} pour un nombre "
    "entier ou {decimal} avec une virgule pour un nombre décimal."
)
MSG_TOO_BIG = "« {raw} » est trop grand pour être un montant : vérifiez la cellule."
MSG_IMPLAUSIBLE = (
    "« {raw} » dépasse mille milliards (10^12), ce qu'aucun chiffre d'un plan commercial n'atteint : "
    "vérifiez la cellule (une formule, une unité ou des zéros en trop ?)."
)
MSG_EXCEL_ERROR = (
    "« {raw} » est une erreur de formule Excel : corrigez la formule dans le fichier source "
    "ou tapez le chiffre à la place (une cellule en erreur n'est jamais lue comme vide)."
)
MSG_INFINITE = (
    "« {raw} » n'est pas un nombre fini (sans doute une erreur de formule Excel comme #DIV/0!) : "
    "corrigez la cellule dans le fichier source."
)
MSG_NOT_A_DATE = "« {raw} » n'est pas une date : écrivez-la au format JJ/MM/AAAA, par exemple 03/02/2026."
MSG_NO_SUCH_DATE = (
    "« {raw} » : cette date n'existe pas ; écrivez une date réelle au format JJ/MM/AAAA, "
    "par exemple 28/02/2026."
)
MSG_DAY_FIRST = (
    "« {raw} » : cette date n'existe pas (le jour s'écrit en premier, au format JJ/MM/AAAA) ; "
    "vouliez-vous dire {swapped} ?"
)
MSG_NO_SUCH_MONTH = "« {raw} » : le mois {month} n'existe pas ; écrivez un mois de 1 à 12, par exemple 02/2026."
MSG_BAD_YEAR = "« {raw} » : l'année {year} semble fausse ; écrivez l'année sur quatre chiffres, par exemple 2026."
MSG_NO_YEAR = "« {raw} » : ajoutez l'année, par exemple « {raw} {year} »."
MSG_NOT_A_PERIOD = (
    "« {raw} » n'est pas une période : écrivez un mois (févr. 2026 ou 02/2026), "
    "un trimestre (T1 2026), un semestre (S1 2026) ou une année (2026)."
)

# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------


class BadValue(Exception):
    """A cell that cannot be read; str(exc) is a short French sentence saying what is wrong and what to do."""


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"  # zero-width characters and BOM, not str.isspace()
# Every space a spreadsheet may put between thousands (plain, no-break, narrow no-break, thin...).
_SPACE_CHARS = " \t\u00a0\u202f\u2009\u2007\u2008\u200a\u2006\u2005\u2004"
_SPACE = "[" + _SPACE_CHARS + "]"
_DASHES = {"-", "--", "–", "—", "−", "―"}  # "nothing here" in a French table
# Excel's error values as each language's Excel shows them (English, French, German, Spanish, Italian,
# Portuguese, Dutch, Swedish), LibreOffice's « Err:502 », and « #ERREUR! », which the xlsx reader writes for an
# error cell saved without its value. A CSV holds them as text; a workbook as t="e" cells (pac_core.io.excel).
_EXCEL_ERROR = re.compile(
    r"#(?:DIV/0!|N/A|N/D|N/B|NA|NV|NAME\?|NOM\?|NULL!|NUL!|NUM!|NOMBRE!|REF!|VALUE!|VALEUR!|SPILL!|"
    r"PROPAGATION!|EPARPILLER!|CALC!|GETTING_DATA|CHARGEMENT_DONNEES|CONNECT!|BLOCKED!|FIELD!|UNKNOWN!|BUSY!|"
    r"PYTHON!|EXTERNAL!|ERREUR!|WERT!|BEZUG!|ZAHL!|ÜBERLAUF!|¡DIV/0!|¡VALOR!|¡REF!|¿NOMBRE\?|¡NUM!|¡NULO!|"
    r"¡DESBORDAMIENTO!|¡CALC!|VALORE!|RIF!|NOME\?|NULLO!|ESPANSIONE!|VALOR!|NÚM!|NULO!|LEEG!|DEEL/0!|"
    r"WAARDE!|VERW!|NAAM\?|GETAL!|SKÄRNING!|DIVISION/0!|VÄRDEFEL!|REFERENS!|NAMN\?|OGILTIGT!|SAKNAS!)"
    r"|Err:[0-9]{3}",
    re.IGNORECASE,
)
MAX_MAGNITUDE = 1e12  # a thousand billion: beyond any figure of a company's commercial plan, far below overflow
ERROR_WITHOUT_VALUE = "#ERREUR!"
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MIN_SERIAL, _MAX_SERIAL = 20000, 80000  # 1954-10-03 .. 2119-01-10: plausible Excel dates


def _strip(text: str) -> str:
    return text.strip().strip(_INVISIBLE).strip()


def is_blank(raw) -> bool:
    """True for an empty cell: None, NaN, NaT, pd.NA, or text made only of (no-break) spaces."""
    if raw is None or raw is pd.NA or raw is pd.NaT:
        return True
    if isinstance(raw, str):
        return not _strip(raw)
    if isinstance(raw, float | np.floating):
        return bool(np.isnan(raw))
    if isinstance(raw, np.datetime64 | np.timedelta64):
        return bool(np.isnat(raw))
    return False


def _is_dash(text: str) -> bool:
    return text in _DASHES


def _show(raw) -> str:
    """The raw value as the user saw it, for a message."""
    if isinstance(raw, bool | np.bool_):
        return "VRAI" if raw else "FAUX"
    if isinstance(raw, str):
        text = " ".join(_strip(raw).split())
        return text if len(text) <= 60 else text[:57] + "…"
    if isinstance(raw, float | np.floating):
        if math.isinf(raw):
            return "∞" if raw > 0 else "-∞"
        if float(raw).is_integer() and abs(raw) < 1e15:
            return str(int(raw))
        return repr(float(raw)).replace(".", ",")
    text = str(raw)
    return text if len(text) <= 60 else text[:57] + "…"


def _excel_error(text: str) -> bool:
    return _EXCEL_ERROR.fullmatch(text) is not None


def is_excel_error(raw) -> bool:
    """A cell holding one of Excel's error values (« #N/A », « #VALEUR! »…), in any language, as text."""
    return isinstance(raw, str) and len(raw) < 40 and _excel_error(_strip(raw))


def _full_year(digits: str) -> int:
    """A year written with 2 or 4 digits; 2 digits follow Excel (00–29 → 2000s, 30–99 → 1900s)."""
    year = int(digits)
    if len(digits) == 2:
        return 2000 + year if year < 30 else 1900 + year
    return year


def _check_year(year: int, raw) -> int:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise BadValue(MSG_BAD_YEAR.format(raw=_show(raw), year=year))
    return year


def _is_real_number(raw) -> bool:
    return isinstance(raw, numbers.Real | Decimal) and not isinstance(raw, bool | np.bool_)


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

# "€", "EUR", "euros", and the tax mention that often follows an amount ("15 000 € HT", "1 500 €TTC").
_CURRENCY = re.compile(r"€|(?<![a-z])(?:euros?|eur|ht|ttc)(?![a-z])", re.IGNORECASE)
_NUMBER_CHARS = re.compile(r"[0-9.," + _SPACE_CHARS + "]+")
_EXPONENT_FORM = re.compile(r"([0-9]+(?:[.,][0-9]+)?)[eE]([+-]?[0-9]+)")
_DIGITS = re.compile(r"[0-9]+")
_SPACE_GROUPED = re.compile(r"[0-9]{1,3}(?:" + _SPACE + r"[0-9]{3})+")
_AMBIGUOUS_INTEGER = re.compile(r"[1-9][0-9]{0,2}")  # what may stand before a thousands dot
_SIGNS = {"-": -1.0, "−": -1.0, "–": -1.0, "+": 1.0}


def _integer_digits(part: str, raw, separator: str | None = None) -> str:
    """The digits of an integer part, checking that thousands are grouped by three."""
    if separator is not None:  # "1.234.567" or "1,234,567": only that separator, groups of 3
        if re.fullmatch(r"[0-9]{1,3}(?:" + re.escape(separator) + r"[0-9]{3})+", part):
            return part.replace(separator, "")
        raise BadValue(MSG_BAD_GROUPS.format(raw=_show(raw)))
    if part == "" or _DIGITS.fullmatch(part):
        return part
    if _SPACE_GROUPED.fullmatch(part):
        return re.sub(_SPACE, "", part)
    if re.fullmatch(r"[0-9" + _SPACE_CHARS + "]+", part):
        raise BadValue(MSG_BAD_GROUPS.format(raw=_show(raw)))
    raise BadValue(MSG_NOT_A_NUMBER.format(raw=_show(raw)))


def _unsigned_number(body: str, raw, minus: str = "") -> float:
    """An unsigned French or English number written with digits, spaces, commas and dots."""
    if not body or not _NUMBER_CHARS.fullmatch(body) or not re.search(r"[0-9]", body):
        raise BadValue(MSG_NOT_A_NUMBER.format(raw=_show(raw)))
    commas, dots = body.count(","), body.count(".")
    if commas and dots:  # "1.234,50" or "1,234.50": the last one is the decimal separator
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        int_part, _, frac = body.rpartition(decimal)
        if decimal in int_part:
            raise BadValue(MSG_NOT_A_NUMBER.format(raw=_show(raw)))
        int_digits = _integer_digits(int_part, raw, thousands)
    elif commas > 1:
        int_digits, frac = _integer_digits(body, raw, ","), ""
    elif dots > 1:
        int_digits, frac = _integer_digits(body, raw, "."), ""
    elif commas == 1:
        int_part, frac = body.split(",")
        int_digits = _integer_digits(int_part, raw)
    elif dots == 1:
        int_part, frac = body.split(".")
        if len(frac) == 3 and _AMBIGUOUS_INTEGER.fullmatch(int_part):
            raise BadValue(MSG_AMBIGUOUS.format(
                raw=_show(raw), thousands=f"{minus}{int_part}{frac}", decimal=f"{minus}{int_part},{frac}"))
        int_digits = _integer_digits(int_part, raw)
    else:
        int_digits, frac = _integer_digits(body, raw), ""
    if (frac and not _DIGITS.fullmatch(frac)) or (not int_digits and not frac):
        raise BadValue(MSG_NOT_A_NUMBER.format(raw=_show(raw)))
    return float(f"{int_digits or '0'}.{frac or '0'}")


def _number_from_text(raw: str) -> float | None:
    text = _strip(raw)
    if not text or _is_dash(text):
        return None
    if _excel_error(text):
        raise BadValue(MSG_EXCEL_ERROR.format(raw=_show(raw)))
    body = _strip(_CURRENCY.sub(" ", text))
    percent = body.endswith("%")
    if percent:
        body = _strip(body[:-1])
    sign = 1.0
    if body[:1] in _SIGNS:
        sign, body = _SIGNS[body[0]], _strip(body[1:])
    elif body.startswith("(") and body.endswith(")"):  # accounting's negative: "(1 500)"
        sign, body = -1.0, _strip(body[1:-1])
    exponent_form = _EXPONENT_FORM.fullmatch(body)
    if exponent_form:
        mantissa, exponent = exponent_form.groups()
        value = float(f"{mantissa.replace(',', '.')}e{exponent}")
    else:
        value = _unsigned_number(body, raw, "-" if sign < 0 else "")
    if not math.isfinite(value):
        raise BadValue(MSG_TOO_BIG.format(raw=_show(raw)))
    value = sign * value
    value = value / 100 if percent else value
    if abs(value) > MAX_MAGNITUDE:
        raise BadValue(MSG_IMPLAUSIBLE.format(raw=_show(raw)))
    return value


def parse_number(raw) -> float | None:
    """A cell as a float: None when blank; BadValue when it is not a number."""
    if isinstance(raw, str):
        return _number_from_text(raw)
    if is_blank(raw):
        return None
    if _is_real_number(raw):
        value = float(raw)
        if not math.isfinite(value):
            raise BadValue(MSG_INFINITE.format(raw=_show(raw)))
        if abs(value) > MAX_MAGNITUDE:
            raise BadValue(MSG_IMPLAUSIBLE.format(raw=_show(raw)))
        return value
    raise BadValue(MSG_NOT_A_NUMBER.format(raw=_show(raw)))


# The plain forms that a column of a million values nearly always uses, checked by RE2 (pyarrow):
# optional minus, digits grouped by spaces or not, then a decimal comma, or a decimal point
# followed by anything but exactly three digits (that one is ambiguous), then "€" or "%".
# At most 15 digits each side, so that the cast below never overflows; longer goes the slow way.
_FAST_SPACE = "[" + "".join(f"\\x{{{ord(ch):x}}}" for ch in _SPACE_CHARS) + "]"
_FAST_NUMBER = (
    f"^{_FAST_SPACE}*-?(?:[0-9]{{1,3}}(?:{_FAST_SPACE}[0-9]{{3}}){{1,4}}|[0-9]{{1,15}})"
    r"(?:,[0-9]{1,15}|\.[0-9]{1,2}|\.[0-9]{4,15})?"
    f"{_FAST_SPACE}*(?:€|%)?{_FAST_SPACE}*$"
)


def _plain_numbers(strings: pa.Array, plain: np.ndarray) -> np.ndarray:
    """Floats for the strings flagged plain (NaN elsewhere), made by dropping every byte but
    digits, '-', ',' and '.' straight from the Arrow buffers, then letting Arrow cast the result."""
    offset_type = np.int64 if pa.types.is_large_string(strings.type) else np.int32
    _, offsets_buffer, data_buffer = strings.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=offset_type)[
        strings.offset: strings.offset + len(strings) + 1
    ]
    start, end = int(offsets[0]), int(offsets[-1])
    data = np.frombuffer(data_buffer, dtype=np.uint8)[start:end] if end > start else np.zeros(0, np.uint8)
    # bytes 44..57 but 47 are , - . and the digits; every byte of a multi-byte character is >= 128
    keep = ((data - np.uint8(44)) <= np.uint8(13)) & (data != np.uint8(47))
    kept = data[keep]
    np.bitwise_or(kept, (kept == np.uint8(44)).view(np.uint8) << 1, out=kept)  # 44 "," -> 46 "."
    relative = offsets - start if start else offsets
    dropped = np.flatnonzero(~keep)
    new_offsets = (relative - np.searchsorted(dropped, relative)).astype(offset_type)
    validity = pa.array(plain, type=pa.bool_()).buffers()[1]
    cleaned = pa.Array.from_buffers(
        pa.large_string() if offset_type is np.int64 else pa.string(),
        len(strings),
        [validity, pa.py_buffer(new_offsets), pa.py_buffer(kept)],
        null_count=int(len(plain) - np.count_nonzero(plain)),
    )
    values = pc.cast(cleaned, pa.float64()).to_numpy(zero_copy_only=False)
    if not values.flags.writeable:  # zero-copy when no row was null: ours to write into
        values = values.copy()
    if (data == np.uint8(37)).any():  # some "%"
        percent = pc.match_substring(strings, "%").fill_null(False).to_numpy(zero_copy_only=False)
        values = np.where(percent, values / 100, values)
    return values


_HALVES_FROM = 200_000  # rows from which a column is parsed in two halves, one per core


def _parse_string_array(strings: pa.Array) -> tuple[np.ndarray, dict[int, str]]:
    if pa.types.is_string_view(strings.type):
        strings = strings.cast(pa.large_string())
    if len(strings) < _HALVES_FROM:
        return _parse_strings(strings)
    # Arrow's regex and cast and numpy's byte work release the GIL: two threads use both cores.
    middle = len(strings) // 2
    (first, first_errors), (second, second_errors) = map_in_threads(
        _parse_strings, [strings.slice(0, middle), strings.slice(middle)])
    errors = first_errors | {middle + index: message for index, message in second_errors.items()}
    return np.concatenate([first, second]), errors


def _parse_strings(strings: pa.Array) -> tuple[np.ndarray, dict[int, str]]:
    plain = pc.match_substring_regex(strings, _FAST_NUMBER).fill_null(False).to_numpy(zero_copy_only=False)
    if plain.any():
        values = _plain_numbers(strings, plain)
        with np.errstate(invalid="ignore"):
            plain = plain & np.isfinite(values) & ~(np.abs(values) > MAX_MAGNITUDE)  # let the slow path explain
    else:
        values = np.full(len(strings), np.nan)
    present = strings.is_valid().to_numpy(zero_copy_only=False)
    others = np.flatnonzero(present & ~plain)
    errors: dict[int, str] = {}
    if len(others):
        outcomes: dict[str, tuple[float, str | None]] = {}
        for index, text in zip(others.tolist(), strings.take(pa.array(others)).to_pylist()):
            outcome = outcomes.get(text)
            if outcome is None:
                try:
                    number = _number_from_text(text)
                    outcome = (np.nan if number is None else number, None)
                except BadValue as exc:
                    outcome = (np.nan, str(exc))
                outcomes[text] = outcome
            values[index] = outcome[0]
            if outcome[1] is not None:
                errors[index] = outcome[1]
    return values, errors


def _parse_float_array(values: np.ndarray) -> tuple[np.ndarray, dict[int, str]]:
    values = np.array(values, dtype=np.float64)  # a copy: never a view of the caller's data
    infinite = np.flatnonzero(np.isinf(values))
    errors = {index: MSG_INFINITE.format(raw=_show(values[index])) for index in infinite.tolist()}
    values[infinite] = np.nan
    huge = np.flatnonzero(np.abs(values) > MAX_MAGNITUDE)
    errors.update((index, MSG_IMPLAUSIBLE.format(raw=_show(values[index]))) for index in huge.tolist())
    values[huge] = np.nan
    return values, dict(sorted(errors.items())) if len(huge) else errors


_NOT_PLAIN_NUMBERS = (bool, np.bool_, Decimal)


def _as_arrow(cells: list) -> pa.Array | None:
    """The cells as one Arrow array when they are all text or all numbers (or blank), else None."""
    try:
        arrow = pa.array(cells, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError,
            OverflowError):
        return None
    kind = arrow.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind):
        return arrow
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        # pyarrow quietly reads True as 1 among numbers: such a column goes the slow way
        kinds = set(map(type, cells))
        return None if any(issubclass(k, _NOT_PLAIN_NUMBERS) for k in kinds) else arrow
    return None


def _parse_one_by_one(cells: list) -> tuple[np.ndarray, dict[int, str]]:
    values = np.full(len(cells), np.nan)
    errors: dict[int, str] = {}
    for index, cell in enumerate(cells):
        try:
            number = parse_number(cell)
        except BadValue as exc:
            errors[index] = str(exc)
        else:
            if number is not None:
                values[index] = number
    return values, errors


def _parse_object_list(cells: list) -> tuple[np.ndarray, dict[int, str]]:
    arrow = _as_arrow(cells)
    if arrow is not None:
        return _parse_arrow(arrow)
    # Mixed cells (Excel gives floats for numbers and str for text): parse the text cells and
    # the other cells as two columns, then put the results back in place.
    is_text = [type(cell) is str for cell in cells]
    text_mask = np.array(is_text, dtype=bool)
    values = np.full(len(cells), np.nan)
    errors: dict[int, str] = {}
    parts = (
        (np.flatnonzero(text_mask), list(compress(cells, is_text))),
        (np.flatnonzero(~text_mask), list(compress(cells, map(operator.not_, is_text)))),
    )
    for positions, part in parts:
        if not part:
            continue
        part_arrow = _as_arrow(part)
        part_values, part_errors = _parse_arrow(part_arrow) if part_arrow is not None else _parse_one_by_one(part)
        values[positions] = part_values
        errors.update((int(positions[index]), message) for index, message in part_errors.items())
    return values, dict(sorted(errors.items()))


def _parse_arrow(arrow: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, dict[int, str]]:
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks() if arrow.num_chunks else pa.array([], arrow.type)
    kind = arrow.type
    if pa.types.is_dictionary(kind):
        return _parse_arrow(arrow.dictionary_decode())
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        return _parse_string_array(arrow)
    if pa.types.is_null(kind):
        return np.full(len(arrow), np.nan), {}
    if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        return _parse_float_array(pc.cast(arrow, pa.float64()).to_numpy(zero_copy_only=False))
    return _parse_object_list(arrow.to_pylist())


def parse_numbers(values: Sequence) -> tuple[np.ndarray, dict[int, str]]:
    """A column as float64 (NaN for blank) and a French message per unreadable row index.

    Fast on big columns: numeric input is taken as is, and plain French text ("1 250,40") is
    converted by pyarrow; only unusual text goes through parse_number one distinct value at a time.
    """
    if isinstance(values, pa.Array | pa.ChunkedArray):
        return _parse_arrow(values)
    if isinstance(values, pd.Series | pd.Index | pd.api.extensions.ExtensionArray):
        dtype = values.dtype
        if pd.api.types.is_bool_dtype(dtype):
            return _parse_object_list(list(np.asarray(values, dtype=object)))
        if pd.api.types.is_numeric_dtype(dtype):
            return _parse_float_array(values.to_numpy(dtype=np.float64, na_value=np.nan))
        if pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype):
            return _parse_arrow(pa.array(values, from_pandas=True))
        return _parse_object_list(list(np.asarray(values, dtype=object)))
    if isinstance(values, np.ndarray):
        if values.dtype.kind in "iuf":
            return _parse_float_array(values.ravel())
        if values.dtype.kind in "US":
            return _parse_arrow(pa.array(values.astype(str).ravel().tolist(), pa.string()))
        return _parse_object_list(values.ravel().tolist())
    return _parse_object_list(list(values))


# ---------------------------------------------------------------------------------------------
# Months, periods and dates
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A run of whole months: a month (1), a quarter (3), a semester (6) or a year (12)."""

    first_month: dt.date  # always day 1
    months: int

    def __post_init__(self):
        if self.first_month.day != 1 or self.months < 1:
            raise ValueError(f"invalid period {self.first_month} + {self.months} months")

    def month_starts(self) -> list[dt.date]:
        """The first day of each month of the period."""
        index = self.first_month.year * 12 + self.first_month.month - 1
        return [dt.date((index + k) // 12, (index + k) % 12 + 1, 1) for k in range(self.months)]

    @property
    def last_day(self) -> dt.date:
        last = self.month_starts()[-1]
        return last.replace(day=calendar.monthrange(last.year, last.month)[1])

    def __str__(self) -> str:
        year, month = self.first_month.year, self.first_month.month
        if self.months == 12 and month == 1:
            return str(year)
        if self.months == 6 and month in (1, 7):
            return f"S{1 if month == 1 else 2} {year}"
        if self.months == 3 and month in (1, 4, 7, 10):
            return f"T{(month - 1) // 3 + 1} {year}"
        if self.months == 1:
            return f"{_MONTH_LABELS[month - 1]} {year}"
        return f"{self.first_month:%m/%Y} (+{self.months} mois)"


_MONTH_LABELS = ("janv.", "févr.", "mars", "avr.", "mai", "juin",
                 "juil.", "août", "sept.", "oct.", "nov.", "déc.")
_MONTH_NAMES = {  # folded (lower-case, accent-free), without the dot
    1: ("janvier", "janv", "jan", "january"),
    2: ("fevrier", "fevr", "fev", "feb", "february"),
    3: ("mars", "mar", "march"),
    4: ("avril", "avr", "apr", "april"),
    5: ("mai", "may"),
    6: ("juin", "jun", "june"),
    7: ("juillet", "juil", "jul", "july"),
    8: ("aout", "aou", "aug", "august"),
    9: ("septembre", "sept", "sep", "september"),
    10: ("octobre", "oct", "october"),
    11: ("novembre", "nov", "november"),
    12: ("decembre", "dec", "december"),
}
_MONTH_BY_NAME = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_ORDINALS = {"1": 1, "2": 2, "3": 3, "4": 4, "premier": 1, "deuxieme": 2, "second": 2,
             "troisieme": 3, "quatrieme": 4}

_SEP = r"[\s\-/.']*"
_YEAR = r"(\d{4}|\d{2})"
_WEEKDAY = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim)\.?,?\s+)?"
_TIME = r"(?:[\st]+\d{1,2}[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_YEAR_FIRST_DATE = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})" + _TIME)
_DAY_FIRST_DATE = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)
_NAMED_DATE = re.compile(_WEEKDAY + r"(\d{1,2})(?:er)?" + _SEP + r"([a-z]+)\.?" + _SEP + _YEAR)
# « Feb 15, 2026 », « Jan 10, 2026 09:15 AM »: English month first, as Zoho or Salesforce in English write dates.
_MONTH_FIRST_NAMED_DATE = re.compile(r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?([a-z]+)\.?\s+(\d{1,2})"
                                     r"(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?)?")
_SERIAL_TEXT = re.compile(r"(\d{5})(?:[.,]\d+)?")

_YEAR_ALONE = re.compile(r"(?:annee|an|year)?\s*(\d{4})")
_NAMED_MONTH = re.compile(r"([a-z]+)\.?(?:" + _SEP + _YEAR + r")?")
_YEAR_NAMED_MONTH = re.compile(r"(\d{4})" + _SEP + r"([a-z]+)\.?")
_YEAR_MONTH = re.compile(r"(\d{4})[\-/.](\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[\-/.](\d{4})")
_SHORT_QUARTER = re.compile(r"[tq]\s*([1-4])(?:" + _SEP + _YEAR + r")?")
_YEAR_QUARTER = re.compile(r"(\d{4})" + _SEP + r"[tq]\s*([1-4])")
_LONG_QUARTER = re.compile(
    r"([1-4]|premier|deuxieme|second|troisieme|quatrieme)\s*(?:er|ere|e|eme|nd|nde)?\s*"
    r"(?:trimestre|trim\.?)(?:" + _SEP + _YEAR + r")?")
_QUARTER_NUMBER = re.compile(r"(?:trimestre|trim\.?)\s*([1-4])(?:" + _SEP + _YEAR + r")?")
_PLAN_MONTH = re.compile(r"m\s?(\d{1,2})")  # a month header « M01 »…« M12 »
_SHORT_SEMESTER = re.compile(r"[sh]\s*([12])(?:" + _SEP + _YEAR + r")?")
_YEAR_SEMESTER = re.compile(r"(\d{4})" + _SEP + r"[sh]\s*([12])")
_LONG_SEMESTER = re.compile(
    r"([12]|premier|deuxieme|second)\s*(?:er|ere|e|eme|nd|nde)?\s*"
    r"(?:semestre|sem\.?)(?:" + _SEP + _YEAR + r")?")

# An ISO week: « 2026-W12 », « 2026W12 », « W12 2026 », « Semaine 12 », « sem. 12 - 2026 », « week 12 ». Never « S12 »,
# which a French reader may take for a semester.
_WEEK = re.compile(r"(\d{4})\s*-?\s*w\s*(\d{1,2})|(?:w|wk|week|semaine|sem\.?)\s*(\d{1,2})(?:" + _SEP + r"(\d{4}))?")


def parse_week(raw, *, default_year: int | None = None) -> dt.date | None:
    """The Monday of the ISO week a cell names, or None when it names no week; BadValue for a week that does
    not exist (« semaine 54 ») or has no year to go with it."""
    if not isinstance(raw, str):
        return None
    match = _WEEK.fullmatch(_fold_date_text(raw))
    if match is None:
        return None
    week = int(match.group(2) or match.group(3))
    year = int(match.group(1) or match.group(4) or 0) or default_year
    if year is None:
        raise BadValue(f"« {_show(raw)} » : semaine sans année, et l'année du plan est inconnue. Écrivez l'année "
                       f"(par exemple « 2026-W{week:02d} ») ou importez d'abord le plan.")
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise BadValue(f"La semaine {week} n'existe pas en {year} (« {_show(raw)} ») : une année compte 52 ou 53 "
                       "semaines.") from None


def week_months(monday: dt.date) -> list[dt.date]:
    """The month of each of the week's seven days: a figure spread evenly over them falls into each month by its
    days (DESIGN.md: a week across two months is split by its days). A week belongs to its ISO year: the days of
    2026-W01 that fall in December 2025 count in January 2026, so that a year's weekly report stays in its year."""
    year = monday.isocalendar().year
    months = [(monday + dt.timedelta(days=day)).replace(day=1) for day in range(7)]
    return [dt.date(year, 1, 1) if month.year < year else dt.date(year, 12, 1) if month.year > year else month
            for month in months]


def _fold_date_text(text: str) -> str:
    """Lower-case, accent-free, single-spaced text (keeping . / - : which dates need)."""
    text = unicodedata.normalize("NFKD", _strip(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def _make_date(year: int, month: int, day: int, raw) -> dt.date:
    _check_year(year, raw)
    try:
        return dt.date(year, month, day)
    except ValueError:
        if month > 12 and 1 <= day <= 12:
            swapped = f"{month:02d}/{day:02d}/{year}"
            raise BadValue(MSG_DAY_FIRST.format(raw=_show(raw), swapped=swapped)) from None
        raise BadValue(MSG_NO_SUCH_DATE.format(raw=_show(raw))) from None


def _serial_date(serial: float) -> dt.date | None:
    if _MIN_SERIAL <= serial <= _MAX_SERIAL:
        return _EXCEL_EPOCH + dt.timedelta(days=math.floor(serial))
    return None


def _day_from_text(text: str, raw) -> dt.date | None:
    """A date written down to the day, or None when the text is not shaped like one."""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
        return _make_date(int(year), int(month), int(day), raw)
    if match := _YEAR_FIRST_DATE.fullmatch(text):
        year, _, month, day = match.groups()
        return _make_date(int(year), int(month), int(day), raw)
    if match := _DAY_FIRST_DATE.fullmatch(text):
        day, _, month, year = match.groups()
        return _make_date(_full_year(year), int(month), int(day), raw)
    if (match := _NAMED_DATE.fullmatch(text)) and match.group(2) in _MONTH_BY_NAME:
        day, name, year = match.groups()
        return _make_date(_full_year(year), _MONTH_BY_NAME[name], int(day), raw)
    if (match := _MONTH_FIRST_NAMED_DATE.fullmatch(text)) and match.group(1) in _MONTH_BY_NAME:
        name, day, year = match.groups()
        return _make_date(int(year), _MONTH_BY_NAME[name], int(day), raw)
    if match := _SERIAL_TEXT.fullmatch(text):
        return _serial_date(float(match.group(0).replace(",", ".")))
    return None


def _year_or_default(digits: str | None, default_year: int | None, raw) -> int:
    if digits is not None:
        return _check_year(_full_year(digits), raw)
    if default_year is None:
        raise BadValue(MSG_NO_YEAR.format(raw=_show(raw), year=clock.today().year))
    return default_year


def _month_period(year: int, month: int, raw) -> Period:
    if not 1 <= month <= 12:
        raise BadValue(MSG_NO_SUCH_MONTH.format(raw=_show(raw), month=month))
    return Period(dt.date(_check_year(year, raw), month, 1), 1)


def _span(year: int, number: int, months: int) -> Period:
    return Period(dt.date(year, (number - 1) * months + 1, 1), months)


def _period_from_text(text: str, raw, default_year: int | None) -> Period | None:
    """A month, quarter, semester or year written as text, or None when not shaped like one."""
    if match := _YEAR_ALONE.fullmatch(text):
        return Period(dt.date(_check_year(int(match.group(1)), raw), 1, 1), 12)
    if match := _YEAR_MONTH.fullmatch(text):
        return _month_period(int(match.group(1)), int(match.group(2)), raw)
    if match := _MONTH_YEAR.fullmatch(text):
        return _month_period(int(match.group(2)), int(match.group(1)), raw)
    if match := _SHORT_QUARTER.fullmatch(text):
        return _span(_year_or_default(match.group(2), default_year, raw), int(match.group(1)), 3)
    if match := _YEAR_QUARTER.fullmatch(text):
        return _span(_check_year(int(match.group(1)), raw), int(match.group(2)), 3)
    if match := _LONG_QUARTER.fullmatch(text) or _QUARTER_NUMBER.fullmatch(text):
        number = _ORDINALS[match.group(1)]
        return _span(_year_or_default(match.group(2), default_year, raw), number, 3)
    if match := _SHORT_SEMESTER.fullmatch(text):
        return _span(_year_or_default(match.group(2), default_year, raw), int(match.group(1)), 6)
    if match := _YEAR_SEMESTER.fullmatch(text):
        return _span(_check_year(int(match.group(1)), raw), int(match.group(2)), 6)
    if match := _LONG_SEMESTER.fullmatch(text):
        number = _ORDINALS[match.group(1)]
        return _span(_year_or_default(match.group(2), default_year, raw), number, 6)
    if (match := _NAMED_MONTH.fullmatch(text)) and match.group(1) in _MONTH_BY_NAME:
        year = _year_or_default(match.group(2), default_year, raw)
        return _month_period(year, _MONTH_BY_NAME[match.group(1)], raw)
    if (match := _YEAR_NAMED_MONTH.fullmatch(text)) and match.group(2) in _MONTH_BY_NAME:
        return _month_period(int(match.group(1)), _MONTH_BY_NAME[match.group(2)], raw)
    return None


def _date_of_cell(raw) -> dt.date | None:
    """A real date cell (date, datetime, Timestamp, numpy datetime64) as a date, else None."""
    if isinstance(raw, dt.datetime):  # includes pandas Timestamp
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, np.datetime64):
        return pd.Timestamp(raw).date()
    return None


def _text_cell(raw) -> str | None:
    """The folded text of a text cell; None when blank or a dash."""
    text = _fold_date_text(raw)
    return None if not text or _is_dash(text) else text


def parse_date(raw, *, end_of_period: bool = False) -> dt.date | None:
    """A cell as a date (day first); a month, quarter or year gives its first day, or its last
    day with end_of_period=True. None when blank; BadValue when not a date."""
    if is_blank(raw):
        return None
    if (day := _date_of_cell(raw)) is not None:
        return day
    if _is_real_number(raw):
        serial = float(raw)
        if not math.isfinite(serial):
            raise BadValue(MSG_INFINITE.format(raw=_show(raw)))
        if (day := _serial_date(serial)) is not None:
            return day
        if serial.is_integer() and _MIN_YEAR <= serial <= _MAX_YEAR:  # a year typed as a number
            period = Period(dt.date(int(serial), 1, 1), 12)
            return period.last_day if end_of_period else period.first_month
        raise BadValue(MSG_NOT_A_DATE.format(raw=_show(raw)))
    if not isinstance(raw, str):
        raise BadValue(MSG_NOT_A_DATE.format(raw=_show(raw)))
    text = _text_cell(raw)
    if text is None:
        return None
    if _excel_error(text.upper()):
        raise BadValue(MSG_EXCEL_ERROR.format(raw=_show(raw)))
    if (day := _day_from_text(text, raw)) is not None:
        return day
    if (period := _period_from_text(text, raw, None)) is not None:
        return period.last_day if end_of_period else period.first_month
    raise BadValue(MSG_NOT_A_DATE.format(raw=_show(raw)))


def parse_period(raw, *, default_year: int | None = None) -> Period | None:
    """A cell as a Period: a date or a month (any French or English spelling) gives its month;
    "T1 2026" a quarter, "S1 2026" a semester, "2026" a year. None when blank; BadValue otherwise."""
    if isinstance(raw, Period):
        return raw
    if is_blank(raw):
        return None
    if (day := _date_of_cell(raw)) is not None:
        return Period(day.replace(day=1), 1)
    if _is_real_number(raw):
        number = float(raw)
        if not math.isfinite(number):
            raise BadValue(MSG_INFINITE.format(raw=_show(raw)))
        if number.is_integer() and _MIN_YEAR <= number <= _MAX_YEAR:
            return Period(dt.date(int(number), 1, 1), 12)
        if (day := _serial_date(number)) is not None:
            return Period(day.replace(day=1), 1)
        raise BadValue(MSG_NOT_A_PERIOD.format(raw=_show(raw)))
    if not isinstance(raw, str):
        raise BadValue(MSG_NOT_A_PERIOD.format(raw=_show(raw)))
    text = _text_cell(raw)
    if text is None:
        return None
    if _excel_error(text.upper()):
        raise BadValue(MSG_EXCEL_ERROR.format(raw=_show(raw)))
    if (day := _day_from_text(text, raw)) is not None:
        return Period(day.replace(day=1), 1)
    if (period := _period_from_text(text, raw, default_year)) is not None:
        return period
    raise BadValue(MSG_NOT_A_PERIOD.format(raw=_show(raw)))


def parse_month_header(raw, *, default_year: int | None = None) -> dt.date | None:
    """The first day of the month a column header names ("févr. 2026", "M01", a date cell...), else
    None: quarters, years, "Total" and anything unreadable are not months. Never raises."""
    if isinstance(raw, bool | np.bool_):
        return None
    if isinstance(raw, str) and (match := _PLAN_MONTH.fullmatch(_fold_date_text(raw))):
        number = int(match.group(1))  # « M01 »: the plan year's first month, yearless like « janv. »
        return dt.date(default_year, number, 1) if default_year is not None and 1 <= number <= 12 else None
    try:
        period = parse_period(raw, default_year=default_year)
    except (BadValue, ValueError, TypeError, OverflowError):
        return None
    return period.first_month if period is not None and period.months == 1 else None


# ---------------------------------------------------------------------------------------------
# Whole columns of dates and periods
# ---------------------------------------------------------------------------------------------

_MISSING = object()


def _cells(values) -> list:
    if isinstance(values, pa.ChunkedArray | pa.Array):
        return values.to_pylist()
    if isinstance(values, pd.Series | pd.Index | pd.api.extensions.ExtensionArray):
        return list(np.asarray(values, dtype=object))
    if isinstance(values, np.ndarray):
        return values.ravel().tolist() if values.dtype.kind != "M" else list(values.ravel())
    return list(values)


def _datetime64_days(values) -> np.ndarray | None:
    """A tz-naive datetime64 column as datetime64[D], else None."""
    if isinstance(values, pd.Series | pd.Index) and isinstance(values.dtype, np.dtype) and values.dtype.kind == "M":
        return values.to_numpy().astype("datetime64[D]")
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        return values.ravel().astype("datetime64[D]")
    return None


def _parse_each(cells: list, parse_one: Callable) -> tuple[list, dict[int, str]]:
    """parse_one applied once per distinct cell value of the column."""
    results: list = [None] * len(cells)
    errors: dict[int, str] = {}
    outcomes: dict = {}
    for index, cell in enumerate(cells):
        if cell is None or (isinstance(cell, float) and cell != cell):
            continue
        try:
            key = (type(cell), cell)
            outcome = outcomes.get(key, _MISSING)
        except TypeError:  # unhashable: parse it without the cache
            key, outcome = None, _MISSING
        if outcome is _MISSING:
            try:
                outcome = (parse_one(cell), None)
            except BadValue as exc:
                outcome = (None, str(exc))
            if key is not None:
                outcomes[key] = outcome
        results[index], message = outcome
        if message is not None:
            errors[index] = message
    return results, errors


def parse_dates(values, *, end_of_period: bool = False) -> tuple[list[dt.date | None], dict[int, str]]:
    """A column as dates (None for blank) and a French message per unreadable row index."""
    days = _datetime64_days(values)
    if days is not None:  # real date cells: no parsing needed
        return days.tolist(), {}
    return _parse_each(_cells(values), lambda cell: parse_date(cell, end_of_period=end_of_period))


def parse_periods(values, *, default_year: int | None = None) -> tuple[list[Period | None], dict[int, str]]:
    """A column as Periods (None for blank) and a French message per unreadable row index."""
    days = _datetime64_days(values)
    if days is not None:
        months = days.astype("datetime64[M]").astype("datetime64[D]").tolist()
        return _parse_each(months, lambda day: Period(day, 1))
    return _parse_each(_cells(values), lambda cell: parse_period(cell, default_year=default_year))
