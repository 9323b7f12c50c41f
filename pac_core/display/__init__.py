"""What a person reads, formatted in French in one place: values by unit, statuses as text and icon.
Page-specific tables are in the modules of this package; pages only draw what these return."""

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
    """A figure in its unit: 1 234 567 € for euros, 12,5 % for a percentage, 1 234 (or 12,5) for a count."""
    if amount is None or amount != amount:
        return fmt.MISSING
    if unit == "€":
        return fmt.euros(amount)
    if unit == "%":
        return fmt.percent(amount)
    return fmt.number(amount, 0 if float(amount).is_integer() else 1)


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
    whole = counts & (np.floor(floats) == floats)  # false for NaN and inf
    for rows, write in ((euros, fmt.euro_amounts), (percents, fmt.percents),
                        (whole, lambda values: fmt.numbers(values, 0)),
                        (counts & ~whole, lambda values: fmt.numbers(values, 1))):
        if rows.any():
            texts[rows] = write(floats[rows]).to_pylist()
    return texts.tolist()


def unit_of(metric) -> str:
    metric_info = METRICS_BY_CODE.get(metric)
    return metric_info.unit if metric_info else "nombre"


def metric_label(metric: str) -> str:
    metric_info = METRICS_BY_CODE.get(metric)
    return metric_info.label_fr if metric_info else metric
