"""How a column writes its numbers and dates, decided from all its values, never cell by cell.

« 9,265 » clicks is nine thousand in an English export and nine in a French one: read alone, a cell
cannot say. A column can: « 2,472,851 » a few rows below only reads the English way. So each column
of figures gets one number format (French `1 234,5`, English `1,234.5`) and each column of dates one
order (day first, month first), from the evidence of every value; a column where both readings fit
and differ, or where the values disagree, is asked about (`Question`), never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pac_core.io.values import BadValue, is_blank, parse_number

FRENCH, ENGLISH = "fr", "en"
NUMBER_FORMATS = {FRENCH: "français : 1 234,5 (virgule décimale)", ENGLISH: "anglais : 1,234.5 (point décimal)"}
DAY_FIRST, MONTH_FIRST = "dmy", "mdy"
DATE_ORDERS = {DAY_FIRST: "jour/mois/année (03/02/2026 = 3 février)",
               MONTH_FIRST: "mois/jour/année (02/03/2026 = 3 février)"}

_SPACES = " \u00a0\u202f\u2009\u2007"
_NUMBER = re.compile(r"^(?P<before>[^0-9]*?)(?P<body>[0-9][0-9.," + _SPACES + r"]*[0-9]|[0-9])(?P<after>[^0-9]*)$")
_SLASH_DATE = re.compile(r"^\s*(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?P<time>[\sT].*)?$")
_FOREIGN_CURRENCY = re.compile(r"\$|£|¥|\b(?:USD|GBP|CHF|CAD|AUD|JPY)\b", re.IGNORECASE)
_CURRENCY_NAMES = {"$": "dollars", "usd": "dollars américains", "cad": "dollars canadiens", "aud": "dollars australiens",
                   "£": "livres sterling", "gbp": "livres sterling", "chf": "francs suisses", "¥": "yens", "jpy": "yens"}


@dataclass(frozen=True)
class Question:
    """A column whose format the user must choose: what the values say, to show beside the choice."""

    header: str
    kind: str  # "number" or "date"
    examples: tuple[str, ...]  # values read differently by the two formats (or that disagree)
    mixed: bool  # some values only read one way, others only the other way

    @property
    def options(self) -> dict[str, str]:
        return NUMBER_FORMATS if self.kind == "number" else DATE_ORDERS

    def sentence(self) -> str:
        shown = ", ".join(f"« {example} »" for example in self.examples)
        if self.mixed:
            return (f"La colonne « {self.header} » mélange deux écritures ({shown}) : choisissez son format ; "
                    "les cellules écrites autrement seront signalées.")
        if self.kind == "number":
            return (f"La colonne « {self.header} » contient {shown}, qui se lit de deux façons (milliers à "
                    "l'anglaise ou décimales à la française) : choisissez son format.")
        return (f"La colonne « {self.header} » contient {shown}, où le jour et le mois peuvent être inversés : "
                "choisissez l'ordre de ses dates.")


# -- numbers -------------------------------------------------------------------------------------

def french_text(text: str, number_format: str) -> str | None:
    """The text rewritten so that our (French) reader reads it as `number_format` means it, or None when
    it cannot be written that way (« 99,50 » is not English, « 2,472,851 » is not French)."""
    found = _NUMBER.match(text.strip())
    if not found:
        return text  # not a number at all: left for the reader to refuse
    body = found["body"]
    if number_format == ENGLISH:
        if any(space in body for space in _SPACES):
            return None
        whole, _, fraction = body.partition(".")
        if "." in fraction or ("," in whole and not re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", whole)):
            return None
        digits = whole.replace(",", "")
    else:
        compact = re.sub(f"[{_SPACES}]", "", body)
        if "," in compact:
            whole, _, fraction = compact.rpartition(",")
            if "," in whole or ("." in whole and not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", whole)):
                return None
            digits = whole.replace(".", "")
        elif re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", compact):
            digits, fraction = compact.replace(".", ""), ""
        elif compact.count(".") <= 1:  # « 12.5 »: a decimal point is read as one in a French file too
            digits, _, fraction = compact.partition(".")
        else:
            return None
    if fraction and not fraction.isdigit():
        return None
    number = digits + ("," + fraction if fraction else "")
    return f"{found['before']}{number}{found['after']}"


def _number_reading(text: str, number_format: str) -> float | None:
    rewritten = french_text(text, number_format)
    if rewritten is None:
        return None
    try:
        return parse_number(_FOREIGN_CURRENCY.sub("", rewritten))
    except BadValue:
        return None


def number_evidence(cells) -> tuple[list[str], list[str], list[str]]:
    """Text cells that only French reads, only English reads, and both read differently."""
    french, english, both = [], [], []
    for text in dict.fromkeys(cell.strip() for cell in cells if isinstance(cell, str) and cell.strip()):
        as_french, as_english = _number_reading(text, FRENCH), _number_reading(text, ENGLISH)
        if as_french is not None and as_english is None:
            french.append(text)
        elif as_english is not None and as_french is None:
            english.append(text)
        elif as_french is not None and as_french != as_english:
            both.append(text)
    return french, english, both


def number_format(cells) -> str | Question | None:
    """FRENCH or ENGLISH when the values say it, None when every reading agrees (plain numbers), a
    Question (header left empty) when they cannot decide."""
    return _verdict("number", (FRENCH, ENGLISH), *number_evidence(cells))


def _verdict(kind: str, names: tuple[str, str], one: list[str], other: list[str], both: list[str]):
    """One reading when only it is evidenced, a Question when both are or when only ambiguous values are."""
    if one and other:
        return Question("", kind, (one[0], other[0]), mixed=True)
    if one or other:
        return names[0] if one else names[1]
    if both:
        return Question("", kind, tuple(both[:2]), mixed=False)
    return None


def read_numbers(cells: list, chosen: str) -> tuple[list, dict[int, str]]:
    """The column with its text numbers read in the chosen format (as floats, which need no further
    guessing), and the French message of each cell that is not written that way."""
    out, bad = list(cells), {}
    for index, cell in enumerate(cells):
        if not isinstance(cell, str) or is_blank(cell):
            continue
        rewritten = french_text(cell, chosen)
        if rewritten is None:
            example = "1,234.5" if chosen == ENGLISH else "1 234,5"
            bad[index] = (f"« {cell.strip()} » n'est pas écrit au format choisi pour cette colonne ({example}) : "
                          "corrigez la cellule, ou changez le format de la colonne.")
            out[index] = None
        else:
            out[index] = rewritten
    return out, bad


def foreign_currency(cells) -> str | None:
    """The name of a currency other than the euro written in the column's cells (« dollars »), if any."""
    for cell in cells:
        if isinstance(cell, str) and (found := _FOREIGN_CURRENCY.search(cell)):
            return _CURRENCY_NAMES.get(found.group(0).lower(), found.group(0))
    return None


def without_currency(cells: list) -> list:
    return [_FOREIGN_CURRENCY.sub("", cell) if isinstance(cell, str) else cell for cell in cells]


# -- dates ---------------------------------------------------------------------------------------

def date_order(cells) -> str | Question | None:
    """DAY_FIRST or MONTH_FIRST when the text dates say it, None when no text date is ambiguous
    (real date cells, ISO dates, 05/05/2026), a Question when they cannot decide."""
    day_first, month_first, both = [], [], []
    real = [cell.date() if isinstance(cell, dt.datetime) else cell for cell in cells if isinstance(cell, dt.date)]
    for text in dict.fromkeys(cell.strip() for cell in cells if isinstance(cell, str) and cell.strip()):
        found = _SLASH_DATE.match(text)
        if not found:
            continue
        first, second = int(found[1]), int(found[3])
        if first > 12 >= second:
            day_first.append(text)
        elif second > 12 >= first:
            month_first.append(text)
        elif first != second and first <= 12 and second <= 12:
            {DAY_FIRST: day_first, MONTH_FIRST: month_first}.get(_among(found, real), both).append(text)
    return _verdict("date", (DAY_FIRST, MONTH_FIRST), day_first, month_first, both)


def _among(found: re.Match, real: list[dt.date]) -> str | None:
    """The one reading of an ambiguous text date that falls among the column's real date cells (a date typed
    as text in a workbook whose other dates are real ones), else None."""
    if not real:
        return None
    year = int(found[4]) + (2000 if len(found[4]) == 2 else 0)
    first, last = min(real), max(real)
    fits = [order for order, (month, day) in ((DAY_FIRST, (int(found[3]), int(found[1]))),
                                              (MONTH_FIRST, (int(found[1]), int(found[3]))))
            if first <= _day(year, month, day) <= last]
    return fits[0] if len(fits) == 1 else None


def _day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date.min


def read_dates(cells: list, chosen: str) -> tuple[list, dict[int, str]]:
    """Month-first text dates turned into dates (day-first ones are what our reader expects already)."""
    if chosen != MONTH_FIRST:
        return list(cells), {}
    out, bad = list(cells), {}
    for index, cell in enumerate(cells):
        found = _SLASH_DATE.match(cell) if isinstance(cell, str) else None
        if not found:
            continue
        month, day, year = int(found[1]), int(found[3]), int(found[4])
        year += 2000 if year < 100 else 0
        try:
            out[index] = dt.date(year, month, day)
        except ValueError:
            bad[index] = (f"« {cell.strip()} » n'est pas une date mois/jour/année, l'ordre choisi pour cette colonne : "
                          "corrigez la cellule, ou changez l'ordre des dates de la colonne.")
            out[index] = None
    return out, bad


def as_numbers(cells: list) -> list:
    """The cells read in the number format they decide, if any (to tell a column of figures at a glance)."""
    cells = without_currency(cells)
    decided = number_format(cells)
    return read_numbers(cells, decided)[0] if isinstance(decided, str) else cells


def as_dates(cells: list) -> list:
    """The cells read in the date order they decide, if any."""
    decided = date_order(cells)
    return read_dates(cells, decided)[0] if isinstance(decided, str) else cells
