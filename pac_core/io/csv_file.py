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
_DELIMITER_NAMES = {";": "« ; »", ",": "« , »", "\t": "caractère de tabulation", "|": "« | »"}
PREVIEW_ROWS = 30
_LONE_CR = re.compile("\r(?!\n)")
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
    text = _one_kind_of_line_end(decode(raw, path.name))
    if not text or text.isspace():
        raise UnreadableFile(f"« {path.name} » est vide : exportez à nouveau le fichier.")
    delimiter, preview = _sniff(text, header_score)
    sheet = RawSheet(source=path.name, name=path.name, preview=preview, is_csv=True)
    sheet._csv_loader = lambda header_row: _load_columns(text, delimiter, header_row, sheet)
    return sheet


def _one_kind_of_line_end(text: str) -> str:
    """Old Mac line ends (a lone CR) as LF, so that the header is found and lines are counted as an editor
    counts them. Windows' CR LF is left as it is (the parsers read it, and "\n" still counts the lines):
    replacing it would copy a large file for nothing. Only the start of the file is searched: pyarrow also
    ends a record at a lone CR, so a record's line number stays its position below the header."""
    if "\r" in text[:65_536] and _LONE_CR.search(text, 0, 65_536):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _sniff(text: str, header_score: Callable[[list], int]) -> tuple[str, list[list]]:
    """The delimiter under which a row reads as our headers (ties: the most regular row widths)."""
    sample = text[:65_536].split("\n")[:PREVIEW_ROWS]
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


def _load_columns(text: str, delimiter: str, header_row: int, sheet: RawSheet):
    """The records below the header row, as pyarrow string columns, with each one's line number in the file.

    pyarrow parses the body (a blank line comes as a row of empty values, skipped later as any blank row);
    Python's csv module takes over, with line numbers exact, when the body has records spread over several
    lines or rows whose width is not the header's."""
    body_start = _offset_after_lines(text, header_row + 1)  # titles above the header and the header are single lines
    header = next(csv.reader([text[:body_start].split("\n")[header_row]], delimiter=delimiter))
    width = len(header)
    first_line = header_row + 2  # line numbers as a text editor shows them
    body = text[body_start:].encode("utf-8").rstrip(b"\r\n")
    if not body.strip():
        return [pa.array([], pa.string()) for _ in range(width)], np.empty(0, dtype=np.int64)
    multiline = b'"' in body  # a quoted value may hold line breaks: then records and lines may differ
    ragged = []

    def on_invalid(row):
        ragged.append(row)
        return "skip"

    names = [f"c{i}" for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(body),
            read_options=pa_csv.ReadOptions(column_names=names, block_size=1 << 22),
            # a blank line is kept as a one-value row: ragged under a wider header, so line numbers stay exact
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=multiline,
                                              ignore_empty_lines=False, invalid_row_handler=on_invalid),
            convert_options=pa_csv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
    except pa.ArrowInvalid as exc:
        raise UnreadableFile(f"« {sheet.source} » n'a pas pu être lu comme un CSV ({exc}).") from None
    if ragged or (multiline and table.num_rows != body.count(b"\n") + 1):
        return _load_with_python(body.decode("utf-8"), delimiter, width, first_line, sheet)
    columns = [table.column(i).combine_chunks() for i in range(width)]
    return columns, np.arange(first_line, first_line + table.num_rows, dtype=np.int64)


def _offset_after_lines(text: str, count: int) -> int:
    offset = 0
    for _ in range(count):
        found = text.find("\n", offset)
        if found < 0:
            return len(text)
        offset = found + 1
    return offset


def _load_with_python(body_text: str, delimiter: str, width: int, first_line: int, sheet: RawSheet):
    """The slow, exact path: each record with the line it starts on; blank lines skipped, missing trailing
    values taken as empty, and rows with more values than the header refused (their values would shift)."""
    columns: list[list[str]] = [[] for _ in range(width)]
    lines: list[int] = []
    reader = csv.reader(io.StringIO(body_text, newline=""), delimiter=delimiter)
    consumed = 0
    try:
        for record in reader:
            line, consumed = first_line + consumed, reader.line_num
            if not record:
                continue
            while len(record) > width and not record[-1].strip():
                record.pop()  # « ;; » at the end of a row: nothing shifts
            if len(record) > width:
                shown = _DELIMITER_NAMES.get(delimiter, f"« {delimiter} »")
                sheet.bad_rows.append((line, delimiter.join(record), (
                    f"Cette ligne a {len(record)} valeurs alors que l'en-tête a {width} colonnes : un {shown} en "
                    f"trop dans une valeur décale les suivantes. Mettez cette valeur entre guillemets ou retirez "
                    f"le {shown}.")))
                continue
            record.extend([""] * (width - len(record)))
            for column, value in zip(columns, record):
                column.append(value)
            lines.append(line)
    except csv.Error as exc:
        raise UnreadableFile(f"« {sheet.source} » n'a pas pu être lu comme un CSV (ligne {first_line + consumed} : "
                             f"{exc}).") from None
    return [pa.array(column, pa.string()) for column in columns], np.array(lines, dtype=np.int64)
