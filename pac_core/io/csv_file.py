"""Reading CSV files as French Excel writes them (`;`, decimal comma, Windows-1252) or as UTF-8.

The text is decoded in Python (DuckDB has no cp1252 offline), the delimiter is the one under which
the expected headers appear, and the body is parsed by pyarrow, column by column, all as text.
"""

import csv
import io
import re
from pathlib import Path
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

from pac_core.io.sheet import RawSheet, UnreadableFile

DELIMITERS = (";", ",", "\t", "|")
PREVIEW_ROWS = 30
# "é" encoded in UTF-8 then read as Windows-1252 gives "Ã©": the sign of a file converted twice.
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]|â€")


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; refuse mojibake."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise UnreadableFile(
                    f"« {name} » n'est pas un texte lisible (ni UTF-8 ni Windows-1252) : "
                    "depuis Excel, enregistrez-le au format « CSV UTF-8 ».") from None
    found = _MOJIBAKE.search(text[:200_000])
    if found:
        raise UnreadableFile(
            f"« {name} » a été mal converti : on y lit « {found.group(0)} » à la place d'une lettre accentuée. "
            "Reprenez le fichier d'origine et enregistrez-le depuis Excel au format « CSV UTF-8 ».")
    return text


def read_csv(path: Path, header_score: Callable[[list], int]) -> RawSheet:
    """One CSV file as one raw sheet; `header_score` tells how many cells of a row are known headers."""
    raw = path.read_bytes()
    text = decode(raw, path.name)
    if not text.strip():
        raise UnreadableFile(f"« {path.name} » est vide : exportez à nouveau le fichier.")
    delimiter, preview = _sniff(text, header_score)
    sheet = RawSheet(source=path.name, name=path.name, preview=preview, is_csv=True)
    sheet._csv_loader = lambda header_row: _load_columns(text, delimiter, header_row, path.name)
    return sheet


def _sniff(text: str, header_score: Callable[[list], int]) -> tuple[str, list[list]]:
    """The delimiter under which a row reads as our headers (ties: the most regular row widths)."""
    sample = text[:65_536].splitlines()[:PREVIEW_ROWS]
    best = None
    for delimiter in DELIMITERS:
        rows = list(csv.reader(sample, delimiter=delimiter))
        score = max((header_score(row) for row in rows), default=0)
        widths = [len(row) for row in rows if any(cell.strip() for cell in row)]
        regular = max((widths.count(width) for width in set(widths)), default=0) if widths else 0
        width = max(widths, default=1)
        key = (score, width > 1, regular, width)
        if best is None or key > best[0]:
            best = (key, delimiter, rows)
    return best[1], best[2]


def _load_columns(text: str, delimiter: str, header_row: int, name: str):
    """The records below the header row, as pyarrow string columns, with their line numbers."""
    body_start = 0
    for _ in range(header_row + 1):  # titles above the header and the header itself are single lines
        body_start = text.index("\n", body_start) + 1 if "\n" in text[body_start:body_start + 65_536] else len(text)
    header = next(csv.reader([text[:body_start].splitlines()[header_row] if header_row >= 0 else ""],
                             delimiter=delimiter))
    body = text[body_start:].encode("utf-8")
    width = len(header)
    ragged: list[str] = []

    def on_invalid(row):
        line = header_row + 1 + row.number if row.number else "?"
        ragged.append(f"ligne {line} : {row.actual_columns} valeurs au lieu de {row.expected_columns}")
        return "skip"

    names = [f"c{i}" for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(body),
            read_options=pa_csv.ReadOptions(column_names=names, block_size=1 << 22),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=b'"' in body,
                                              invalid_row_handler=on_invalid),
            convert_options=pa_csv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
    except pa.ArrowInvalid as exc:
        raise UnreadableFile(f"« {name} » n'a pas pu être lu comme un CSV ({exc}).") from None
    if ragged:
        shown = " ; ".join(ragged[:5]) + (f" (et {len(ragged) - 5} autres)" if len(ragged) > 5 else "")
        raise UnreadableFile(
            f"« {name} » a des lignes dont le nombre de colonnes ne correspond pas à l'en-tête ({shown}) : "
            f"un « {delimiter} » en trop dans une valeur ? Mettez la valeur entre guillemets ou retirez-le.")
    columns = [table.column(i).combine_chunks() for i in range(width)]
    first = header_row + 2
    return columns, np.arange(first, first + table.num_rows, dtype=np.int64)
