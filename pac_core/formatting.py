"""French formatting of what a person reads, as CLDR writes it: 1 234 567 €, 12,5 %, févr. 2026.

Thousands are separated by U+202F (narrow no-break space); the euro sign follows U+00A0; the percent
sign follows U+202F. A missing value or a ratio without denominator is shown as "—".
"""

import datetime
import math
from decimal import ROUND_HALF_UP, Context, Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pac_core import clock

NNBSP = "\u202f"
NBSP = "\u00a0"
MISSING = "—"
_EVERY_DIGIT = Context(prec=400)  # a double has at most 309 digits before the point: quantize never gives up
MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
MONTHS_LONG = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
               "novembre", "décembre")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value)))


def number(value, decimals: int = 0) -> str:
    """1234567.5 → '1 234 568' (decimals=0) or '1 234 567,5' (decimals=1). Halves round up, as Excel
    and people do (88,25 → 88,3), not to the even digit."""
    if _missing(value):
        return MISSING
    exact = Decimal(repr(round(float(value), 9))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP,
                                                            context=_EVERY_DIGIT)
    text = f"{exact:,.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def euros(value, decimals: int = 0) -> str:
    return MISSING if _missing(value) else f"{number(value, decimals)}{NBSP}€"


def percent(ratio, decimals: int = 1) -> str:
    """A ratio (0.125) as '12,5 %'."""
    return MISSING if _missing(ratio) else f"{number(float(ratio) * 100, decimals)}{NNBSP}%"


def numbers(values, decimals: int = 0) -> pa.StringArray:
    """`number` of each value, for a whole column (ten thousand alerts): the same strings, written by Arrow's
    string kernels, ready to be joined into sentences. Where the float surely decides the rounding — farther
    from a half than round(value, 9) and the float's own error could move it — it is done here; near a half,
    for huge values and for missing ones, `number` decides."""
    floats = as_floats(values)
    with np.errstate(invalid="ignore", over="ignore"):  # beyond 2**50 (inf included), number() decides
        scaled = np.abs(floats) * 10.0 ** decimals
        whole = np.floor(scaled)
        margin = 10.0 ** (decimals - 8) + scaled * 1e-14
        sure = (scaled < 2 ** 50) & (np.abs(scaled - whole - 0.5) > margin)  # False for NaN and inf
        units = np.where(sure, whole + (scaled - whole > 0.5), 0.0).astype(np.int64)  # exact: below 2**50
    texts = _thousands(units // 10 ** decimals)
    if decimals:
        fraction = pc.utf8_lpad(pc.cast(pa.array(units % 10 ** decimals), pa.string()), decimals, "0")
        texts = pc.binary_join_element_wise(texts, fraction, ",")
    texts = pc.if_else(np.signbit(floats), pc.binary_join_element_wise("-", texts, ""), texts)  # "-0" as number()
    if sure.all():
        return texts
    unsure = np.flatnonzero(~sure).tolist()
    return pc.replace_with_mask(texts, ~sure, pa.array([number(float(floats[i]), decimals) for i in unsure],
                                                       pa.string()))


def as_floats(values) -> np.ndarray:
    """A column of numbers (a list, an array, a frame's column) as floats, NaN where a value is missing (None,
    NaN, pd.NA)."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        return values
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    return series.to_numpy(dtype=float, na_value=np.nan)


def _thousands(integers: np.ndarray) -> pa.StringArray:
    """Non-negative integers with their thousands separated: each group of three digits zero-padded and
    joined, then the leading zeros and separators trimmed ('000 001 234' → '1 234'; zero stays '0')."""
    groups = [integers % 1000]
    while (rest := integers // 1000 ** len(groups)).any():
        groups.insert(0, rest % 1000)
    padded = [pc.utf8_lpad(pc.cast(pa.array(group), pa.string()), 3, "0") for group in groups]
    texts = pc.utf8_ltrim(pc.binary_join_element_wise(*padded, NNBSP), characters="0" + NNBSP)
    return pc.if_else(integers == 0, "0", texts)


def euro_amounts(values, decimals: int = 0) -> pa.StringArray:
    """`euros` of each value (see `numbers`)."""
    floats = as_floats(values)
    return _suffixed(numbers(floats, decimals), NBSP + "€", floats)


def percents(ratios, decimals: int = 1) -> pa.StringArray:
    """`percent` of each ratio (see `numbers`)."""
    floats = as_floats(ratios)
    with np.errstate(over="ignore"):
        texts = numbers(floats * 100, decimals)  # as float(ratio) * 100 does, value by value
    return _suffixed(texts, NNBSP + "%", floats)


def figures(values, in_euros) -> pa.StringArray:
    """Each value as `euros` where in_euros is true, as `number` elsewhere: a column mixing indicators."""
    floats = as_floats(values)
    texts = numbers(floats)
    return pc.if_else(np.asarray(in_euros, dtype=bool), _suffixed(texts, NBSP + "€", floats), texts)


def _suffixed(texts: pa.StringArray, suffix: str, floats: np.ndarray) -> pa.StringArray:
    """Each text followed by its unit, or "—" where the value is missing."""
    return pc.if_else(np.isfinite(floats), pc.binary_join_element_wise(texts, suffix, ""), MISSING)


def month(value: datetime.date | None, long: bool = False) -> str:
    """'févr. 2026' (or 'février 2026')."""
    if value is None:
        return MISSING
    names = MONTHS_LONG if long else MONTHS_SHORT
    return f"{names[value.month - 1]} {value.year}"


def date(value: datetime.date | None) -> str:
    return MISSING if value is None else value.strftime("%d/%m/%Y")


def local_time(stamp, *, at: str = " à ") -> str:
    """A stored (UTC) timestamp as the company's local date and time: '04/12/2026 à 15:32'; '—' when missing."""
    if stamp is None or stamp != stamp:  # None, NaT
        return MISSING
    shown = clock.local(pd.Timestamp(stamp).to_pydatetime())
    return f"{shown:%d/%m/%Y}{at}{shown:%H:%M}"


def local_date(stamp) -> str:
    """A stored (UTC) timestamp as the company's local date: '04/12/2026'."""
    if stamp is None or stamp != stamp:
        return MISSING
    return f"{clock.local(pd.Timestamp(stamp).to_pydatetime()):%d/%m/%Y}"


def ratio(numerator, denominator):
    """numerator / denominator, or None when the denominator is zero or missing (shown as '—')."""
    if _missing(numerator) or _missing(denominator) or denominator == 0:
        return None
    return numerator / denominator


def previous_month(value: datetime.date) -> datetime.date:
    """The first day of the month before."""
    return (value.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
