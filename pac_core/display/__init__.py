"""What a person reads, formatted in French in one place: values by unit, statuses as text and icon.
Page-specific tables are in the modules of this package; pages only draw what these return."""

import re

import numpy as np
import pandas as pd

from pac_core import formatting as fmt
from pac_core.catalogue import METRICS_BY_CODE

STATUS_TEXT = {"on_track": "✔ En bonne voie", "watch": "⚠ À surveiller", "off_track": "✖ En retard"}
NO_STATUS = "— Sans objectif à date"


def missing(value) -> bool:
    """None, NaN or pd.NA: what a frame holds where there is no value."""
    return value is None or value is pd.NA or value != value


def columns(frame, *names: str) -> list[list]:
    """Columns of a frame as Python lists, a missing value as None: formatting thousands of rows reads lists
    much faster than a frame's rows."""
    return [[None if missing(value) else value for value in frame[name].tolist()] for name in names]


def status_text(status) -> str:
    """The status written out with its icon: never told by colour alone."""
    return STATUS_TEXT.get(status, NO_STATUS) if isinstance(status, str) else NO_STATUS


def value(amount, unit: str = "nombre") -> str:
    """A figure in its unit: 1 234 567 € for euros, 12,5 % for a percentage, a whole number for a count (every
    « nombre » indicator counts people, clients, meetings, contacts…: a target or forecast of 2,7 reads 3)."""
    if amount is None or amount != amount:
        return fmt.MISSING
    if unit == "€":
        return fmt.euros(amount)
    if unit == "%":
        return fmt.percent(amount)
    return fmt.count(amount)


def metric_value(amount, metric: str) -> str:
    metric_info = METRICS_BY_CODE.get(metric)
    return value(amount, metric_info.unit if metric_info else "nombre")


def metric_values(amounts, metrics) -> list[str]:
    """`metric_value` of each amount, for a whole column (an owner's thousands of objectives): the same strings,
    written a unit at a time by the column formatters (formatting.numbers)."""
    floats = fmt.as_floats(amounts)
    units = np.array([unit_of(metric) for metric in metrics], dtype=object)
    texts = np.full(len(floats), fmt.MISSING, dtype=object)
    euros, percents = units == "€", units == "%"
    counts = ~(euros | percents)
    for rows, write in ((euros, fmt.euro_amounts), (percents, fmt.percents),
                        (counts, lambda values: fmt.numbers(values, 0))):
        if rows.any():
            texts[rows] = write(floats[rows]).to_pylist()
    return texts.tolist()


def unit_of(metric) -> str:
    metric_info = METRICS_BY_CODE.get(metric)
    return metric_info.unit if metric_info else "nombre"


def metric_label(metric: str) -> str:
    metric_info = METRICS_BY_CODE.get(metric)
    return metric_info.label_fr if metric_info else metric


# A cell that reads as a figure: « 1 234 », « −30,0 % », « 0,70 € », « +2 », or « — » where it has no value.
_FIGURE = re.compile(r"^[+\u2212]?\d{1,3}(\u202f\d{3})*(,\d+)?(\u00a0€|\u202f%)?")


def figure_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of a French text table that hold figures (every cell a figure, « — », or a figure then its
    flag, « 108,0 % ✖ dépassé »; at least one bare figure): they are right-aligned, so units line up."""
    found = []
    for name in frame.columns:
        shown = [str(cell) for cell in frame[name].tolist() if not missing(cell) and cell != fmt.MISSING]
        starts = [_FIGURE.match(cell) for cell in shown]
        if (shown and all(start and (start.end() == len(cell) or cell[start.end()] == " ")
                          for start, cell in zip(starts, shown))
                and any(start.end() == len(cell) for start, cell in zip(starts, shown))):
            found.append(name)
    return found


def right_aligned(shown: pd.DataFrame, figures: list[str]):
    """`shown` (the table as drawn, e.g. escaped for Markdown) as a pandas Styler whose `figures` columns, cells
    and headers, are right-aligned: st.table has no column alignment of its own, and writes an inline
    « text-align: left » on every text cell, which only « !important » overrides."""
    styler = shown.style.hide(axis="index")
    if figures:
        styler = styler.set_properties(subset=figures, **{"text-align": "right !important"}).set_table_styles(
            {name: [{"selector": "th", "props": "text-align: right !important"}] for name in figures}, overwrite=False)
    return styler
