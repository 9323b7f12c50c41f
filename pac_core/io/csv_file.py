"""Reading CSV files as French Excel writes them (`;`, decimal comma, Windows-1252) or as UTF-8.

The encoding is found from the bytes (DuckDB has no cp1252 offline), the delimiter is the one under which
the expected headers appear, and the body is parsed by pyarrow, column by column, all as text.
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from pac_core.io.sheet import RawSheet, UnreadableFile

DELIMITERS = (";", ",", "\t", "|")
_DELIMITER_NAMES = {";": "« ; »", ",": "« , »", "\t": "caractère de tabulation", "|": "« | »"}
PREVIEW_ROWS = 30
_LONE_CR = re.compile(b"\r(?!\n)")
# "é" encoded in UTF-8 then read as Windows-1252 gives "Ã©": the sign of a file converted twice.
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]|â€")


_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


def detect_encoding(raw: bytes, name: str) -> tuple[bytes, str]:
    """The file's bytes in an encoding where « ; », quotes and line ends are plain ASCII bytes ("utf-8" or
    "cp1252"), without its byte-order mark. Only the start is decoded here: a large Windows-1252 file is
    never turned into one Python string (its columns are converted one by one, see _utf8_column)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16").encode("utf-8"), "utf-8"
        except UnicodeError:  # an odd length, a lone surrogate: a cut or damaged file
            raise UnreadableFile(
                f"« {name} » est un texte UTF-16 endommagé (un caractère coupé ou invalide) : exportez-le à nouveau, "
                "de préférence au format « CSV UTF-8 ».") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.isascii():
        return raw, "utf-8"
    try:
        raw.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        if any(byte in raw for byte in _CP1252_UNDEFINED):
            raise UnreadableFile(
                f"« {name} » n'est pas un texte lisible (ni UTF-8 ni Windows-1252) : "
                "depuis Excel, enregistrez-le au format « CSV UTF-8 ».") from None
        encoding = "cp1252"
    found = _MOJIBAKE.search(raw[:200_000].decode(encoding, errors="ignore"))
    if found:
        raise UnreadableFile(
            f"« {name} » a été mal converti : on y lit « {found.group(0)} » à la place d'une lettre accentuée. "
            "Reprenez le fichier d'origine et enregistrez-le depuis Excel au format « CSV UTF-8 ».")
    return raw, encoding


def read_csv(path: Path, header_score: Callable[[list], int], raw: bytes | None = None) -> RawSheet:
    """One CSV file as one raw sheet (its bytes, when already read); `header_score` tells how many cells of a
    row are known headers."""
    raw, encoding = detect_encoding(path.read_bytes() if raw is None else raw, path.name)
    raw = _one_kind_of_line_end(raw)
    if not raw.strip():
        raise UnreadableFile(f"« {path.name} » est vide : exportez à nouveau le fichier.")
    delimiter, preview = _sniff(raw[:65_536].decode(encoding, errors="ignore"), header_score)
    sheet = RawSheet(source=path.name, name=path.name, preview=preview, is_csv=True)
    sheet._csv_loader = CsvBody(raw, encoding, delimiter)
    return sheet


@dataclass(frozen=True)
class CsvBody:
    """How a CSV sheet reads its records, kept as data rather than a closure: a sheet read in the bounded child
    process (validate/bounded.py) is pickled back to the app, and a lambda cannot be."""
    raw: bytes
    encoding: str
    delimiter: str

    def __call__(self, header_row: int, sheet: RawSheet):
        return _load_columns(self.raw, self.encoding, self.delimiter, header_row, sheet)


# Below this size a body is parsed in the calling thread: threads gain nothing there, and the bounded reader's
# child (validate/bounded.py) then never needs Arrow's pool threads, whose creation under its memory ceiling
# aborted a child reading a 5-KB CSV twice in CI (exit -6).
THREADED_BYTES = 4 * 1024 ** 2


def _one_kind_of_line_end(raw: bytes) -> bytes:
    """Old Mac line ends (a lone CR) as LF, so that the header is found and lines are counted as an editor
    counts them. Windows' CR LF is left as it is (the parsers read it, and "\n" still counts the lines):
    replacing it would copy a large file for nothing. Only the start of the file is searched: pyarrow also
    ends a record at a lone CR, so a record's line number stays its position below the header."""
    if b"\r" in raw[:65_536] and _LONE_CR.search(raw, 0, 65_536):
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return raw


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


def _load_columns(raw: bytes, encoding: str, delimiter: str, header_row: int, sheet: RawSheet):
    """The records below the header row, as pyarrow string columns, with each one's line number in the file.

    pyarrow parses the body (a blank line comes as a row of empty values, skipped later as any blank row);
    Python's csv module takes over, with line numbers exact, when the body has records spread over several
    lines or rows whose width is not the header's."""
    body_start = _offset_after_lines(raw, header_row + 1)  # titles above the header and the header are single lines
    header_line = raw[:body_start].split(b"\n")[header_row].decode(encoding)
    header = next(csv.reader([header_line], delimiter=delimiter))
    width = len(header)
    first_line = header_row + 2  # line numbers as a text editor shows them
    body = raw[body_start:].rstrip(b"\r\n")
    if not body.strip():
        return [pa.array([], pa.string()) for _ in range(width)], np.empty(0, dtype=np.int64)
    multiline = b'"' in body  # a quoted value may hold line breaks: then records and lines may differ
    ragged = []

    def on_invalid(row):
        ragged.append(row)
        return "skip"

    names = [f"c{i}" for i in range(width)]
    kind = pa.string() if encoding == "utf-8" else pa.binary()  # Windows-1252 bytes are converted below
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(body),  # read in place: no block-sized buffer allocated per read
            read_options=pa_csv.ReadOptions(column_names=names, block_size=1 << 24,
                                            use_threads=len(body) >= THREADED_BYTES),
            # a blank line is kept as a one-value row: ragged under a wider header, so line numbers stay exact
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=multiline,
                                              ignore_empty_lines=False, invalid_row_handler=on_invalid),
            convert_options=pa_csv.ConvertOptions(
                column_types={n: kind for n in names}, strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
    except pa.ArrowInvalid as exc:
        raise UnreadableFile(f"« {sheet.source} » n'a pas pu être lu comme un CSV ({exc}).") from None
    if ragged or (multiline and table.num_rows != body.count(b"\n") + 1):
        return _load_with_python(body.decode(encoding), delimiter, width, first_line, sheet)
    columns = [table.column(i).combine_chunks() for i in range(width)]
    if encoding != "utf-8":
        columns = [_utf8_column(column, encoding) for column in columns]
    return columns, np.arange(first_line, first_line + table.num_rows, dtype=np.int64)


def _utf8_column(column: pa.Array, encoding: str) -> pa.Array:
    """A column of single-byte-encoded values as UTF-8 strings: its bytes decoded in one piece and its
    offsets moved by the bytes each character gains (é: one byte, two in UTF-8), in numpy."""
    offsets = np.frombuffer(column.buffers()[1], dtype=np.int32)[column.offset: column.offset + len(column) + 1]
    start, end = int(offsets[0]), int(offsets[-1])
    data = np.frombuffer(column.buffers()[2], dtype=np.uint8)[start:end] if end > start else np.zeros(0, np.uint8)
    high = np.flatnonzero(data >= 0x80)
    if not len(high):  # plain ASCII: already UTF-8
        return column.cast(pa.string())
    sample = column.slice(0, 1000)
    if len(column) > 2000 and len(pc.unique(sample)) < len(sample) // 4:  # few distinct values (months, labels)
        encoded = pc.dictionary_encode(column)
        labels = pa.array([value.decode(encoding) for value in encoded.dictionary.to_pylist()], pa.string())
        return labels.take(encoded.indices)
    text = data.tobytes().decode(encoding).encode("utf-8")
    gained = np.cumsum(_utf8_extra_bytes(encoding)[data[high]], dtype=np.int64)
    relative = (offsets - start).astype(np.int64)
    before = np.searchsorted(high, relative)  # high bytes before each value's start
    moved = relative + np.concatenate([[0], gained])[before]
    offset_type, string_type = (np.int32, pa.string()) if len(text) < 2**31 else (np.int64, pa.large_string())
    return pa.Array.from_buffers(string_type, len(column),  # no null: empty cells are read as ""
                                 [None, pa.py_buffer(moved.astype(offset_type)), pa.py_buffer(text)])


_EXTRA_BYTES: dict[str, np.ndarray] = {}


def _utf8_extra_bytes(encoding: str) -> np.ndarray:
    """For each byte value, how many more bytes its character takes in UTF-8 (undefined bytes: none)."""
    if encoding not in _EXTRA_BYTES:
        extra = np.zeros(256, dtype=np.int64)
        for byte in range(128, 256):
            try:
                extra[byte] = len(bytes([byte]).decode(encoding).encode("utf-8")) - 1
            except UnicodeDecodeError:
                pass
        _EXTRA_BYTES[encoding] = extra
    return _EXTRA_BYTES[encoding]


def _offset_after_lines(raw: bytes, count: int) -> int:
    offset = 0
    for _ in range(count):
        found = raw.find(b"\n", offset)
        if found < 0:
            return len(raw)
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
