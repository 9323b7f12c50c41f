"""French formatting of what a person reads, as CLDR writes it: 1 234 567 €, 12,5 %, févr. 2026.

Thousands are separated by U+202F (narrow no-break space); the euro sign follows U+00A0; the percent
sign follows U+202F. A missing value or a ratio without denominator is shown as "—".

The rounding rules live here, once: counts are whole (`count`), money of 1 000 € and more has no cents (`euros`),
a negative takes the minus sign U+2212 (never a hyphen) and a value that rounds to zero has no sign, and a cost per
result is said in the unit that reads naturally (`cost_per_result`).
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
MINUS = "\u2212"  # « −30,0 % »: the typographers' minus, as wide as "+", never the hyphen
NO_CENTS_FROM = 1000  # euros: from 1 000 € a figure has no cents (1 234 €, not 1 234,56 €)
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
    text = f"{abs(exact):,.{decimals}f}".replace(",", NNBSP).replace(".", ",")
    return (MINUS + text) if exact < 0 else text  # -0,04 rounds to "0": a zero has no sign


def count(value) -> str:
    """A count of people, clients, accounts, meetings, contacts — or a forecast of one: a whole number (2,7 grands
    comptes forecast read as 3)."""
    return number(value, 0)


def euros(value, decimals: int = 0) -> str:
    """1234.5 → '1 235 €'; cents only when asked and below 1 000 € (0,70 €, but 1 235 €)."""
    if _missing(value):
        return MISSING
    if decimals and abs(float(value)) >= NO_CENTS_FROM - 0.5 * 10.0 ** -decimals:  # 999,996 shows as 1 000 €
        decimals = 0
    return f"{number(value, decimals)}{NBSP}€"


def unit_price(value) -> str:
    """What one thing costs: cents below 10 € (0,70 €), whole euros from 10 € (136 €)."""
    return MISSING if _missing(value) else euros(value, 2 if abs(float(value)) < 10 else 0)


def cost_per_result(cost, result_singular: str, result_plural: str | None = None, *, in_euros: bool = False) -> str:
    """What one result costs, in the unit that reads naturally: « 0,70 € par contact », « 136 € par rendez-vous »;
    a result in euros per 100 € of it, « 16 € de coût pour 100 € de chiffre d'affaires » (not « 0,16 € par euro »);
    below 0,10 € a result, per 1 000 of them, « 4 € pour 1 000 impressions »."""
    if _missing(cost):
        return MISSING
    cost = float(cost)
    if in_euros:  # whole euros per 100 € (6 €, not 6,00 €); cents only below 1 €
        per_hundred = cost * 100
        return f"{euros(per_hundred, 2 if abs(per_hundred) < 1 else 0)} de coût pour {euros(100)} de {result_singular}"
    if 0 < abs(cost) < 0.1:
        return f"{unit_price(cost * 1000)} pour {number(1000)} {result_plural or result_singular}"
    return f"{unit_price(cost)} par {result_singular}"


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
    negative = np.signbit(floats) & (units != 0)  # rounds to zero: no sign, as number()
    texts = pc.if_else(negative, pc.binary_join_element_wise(MINUS, texts, ""), texts)
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
    """`euros` of each value (see `numbers`): no cents from 1 000 €."""
    floats = as_floats(values)
    texts = numbers(floats, decimals)
    if decimals:
        with np.errstate(invalid="ignore"):
            big = np.abs(floats) >= NO_CENTS_FROM - 0.5 * 10.0 ** -decimals  # False for NaN
        if big.any():
            texts = pc.if_else(big, numbers(floats, 0), texts)
    return _suffixed(texts, NBSP + "€", floats)


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


def evolution(now, before) -> str:
    """The change from N−1 as a signed percent (« +18,5 % », « −3,0 % »); « — » when either is missing or N−1 is 0."""
    change = ratio(None if _missing(now) or _missing(before) else now - before, before)
    if change is None:
        return MISSING
    return ("+" if change > 0 else MINUS if change < 0 else "") + percent(abs(change))
