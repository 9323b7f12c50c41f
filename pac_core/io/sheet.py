"""What every reader returns: raw sheets of cells, before any interpretation."""

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np


class UnreadableFile(Exception):
    """A file that cannot be read at all; str(exc) is one French sentence for the user."""


@dataclass
class RawSheet:
    """The cells of one sheet (or one CSV file), as the file holds them.

    `columns(header_row)` gives the cells below a header row column by column, so that a CSV of a
    million lines need not become a million Python lists.
    """

    source: str  # file name, for messages
    name: str  # sheet name, or the file name for a CSV
    preview: list[list]  # the first rows, for finding the header row
    is_csv: bool = False
    hidden: bool = False
    formulas_without_result: list[tuple[int, int]] = field(default_factory=list)  # (row, column), 0-based
    bad_rows: list[tuple[int, str, str]] = field(default_factory=list)  # CSV rows refused: line, text, French reason
    _rows: list[list] | None = field(default=None, repr=False)
    _csv_loader: object = field(default=None, repr=False)  # loader(header_row, sheet); picklable (bounded reads)

    def header(self, header_row: int) -> list:
        return list(self.preview[header_row])

    def columns(self, header_row: int) -> tuple[list[Sequence], list[int]]:
        """Data cells below `header_row` (0-based), column by column, with each row's number in the file."""
        if self._csv_loader is not None:
            return self._csv_loader(header_row, self)
        rows = self._rows[header_row + 1:]
        width = len(self.preview[header_row]) if self.preview else 0
        width = max([width] + [len(row) for row in rows[:1]])
        columns = [list(col) for col in zip(*rows)] if rows else [[] for _ in range(width)]
        first_number = header_row + 2  # Excel counts from 1, and data starts below the header
        return columns, np.arange(first_number, first_number + len(rows), dtype=np.int64)


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
