"""Cheap checks of a file's shape, run in the server's own process before any parser sees the file.

The upload gate (pac_core.io.sniff.detect_format: magic bytes, zip directory, ratios, DOCTYPE, macros) says what
the file is; these checks then read what a parser would trust blindly — a workbook's declared extent, its cell
references, its shared-string counts, its formula tags; a CSV's line lengths and values per line — with a byte
budget and no XML parser, and refuse an absurd shape in one French sentence. What passes gets its Shape, from
which the bounded child's memory ceiling and deadline are sized (validate/bounded.py).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pac_core import formatting as fmt
from pac_core.io.sheet import UnreadableFile, column_letter
from pac_core.io.sniff import CSV, XLSX, detect_format

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384  # XFD
MIN_GRID_CELLS = 4_000_000  # a sheet's extent (rows × columns) always allowed: 128 MB in calamine at most
GRID_CELLS_PER_XML_BYTE = 0.25  # beyond, the extent is mostly empty cells that the XML does not hold
SCAN_BYTES = 400 * 1024 * 1024  # XML read per workbook; past it the child's bounds alone guard the parse
TOLERATED_UNCLOSED = 100  # tags a chunk cut may miscount; a broken file has thousands
MAX_LINE_BYTES = 1024 * 1024  # a CSV line: a row of text cells, never a megabyte
MAX_VALUES_PER_LINE = EXCEL_COLUMNS
_CHUNK = 8 * 1024 * 1024

_CELL_ROW = re.compile(rb'<c r="[A-Z]+([0-9]+)"')  # Excel writes the reference first: others pay in the child
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]+)[0-9]')
_SELF_CLOSED_FORMULA = re.compile(rb"<f\b[^<>]*/>")
_DIMENSION = re.compile(rb'<dimension\b[^>]*?\bref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')
_SST_COUNT = re.compile(rb'\bcount="([0-9]+)"')
_SST_UNIQUE = re.compile(rb'\buniqueCount="([0-9]+)"')
_REFUSED = "ce n'est pas un classeur ordinaire, il est refusé"
_SAVE_AGAIN = "ouvrez-le dans Excel et enregistrez-le à nouveau (Fichier › Enregistrer sous › Classeur Excel .xlsx)"


@dataclass(frozen=True)
class Shape:
    """What the bounds are sized from: the file's kind, its size, the XML a parser will read, the cells of the
    sheets' extents."""

    name: str
    kind: str  # XLSX or CSV
    size: int  # bytes on disk
    inflated: int  # bytes the parser reads: the uncompressed parts of a workbook, the CSV itself
    grid_cells: int = 0  # sum over the sheets of rows × columns of their extent (calamine allocates them all)


def precheck(path: Path | str) -> Shape:
    """The file's Shape, or UnreadableFile with one French sentence naming it and what to do."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8192)
    except OSError:
        raise UnreadableFile(f"« {path.name} » est introuvable ou illisible : déposez-le à nouveau.") from None
    kind = detect_format(path, head)  # the gate: what the file is, zip bombs, DOCTYPE, macros
    if kind == XLSX:
        return _workbook_shape(path, size)
    return _text_shape(path, size, head)


# --------------------------------------------------------------------------------------------------------------
# Workbooks


@dataclass
class _Part:
    """What one sheet's XML holds, counted without parsing it."""

    max_row: int = 0
    max_column: int = 0
    cells: int = 0
    cell_ends: int = 0
    formulas: int = 0
    formula_ends: int = 0
    declared: tuple[int, int] | None = None  # the <dimension ref>'s last row and column
    scanned: int = 0


def _workbook_shape(path: Path, size: int) -> Shape:
    name = path.name
    with zipfile.ZipFile(path) as archive:  # the gate opened it already: it is a sound archive
        members = {member.filename: member for member in archive.infolist()}
        sheets = [m for n, m in members.items() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        sheet_bytes = sum(member.file_size for member in sheets)
        shared = members.get("xl/sharedStrings.xml")
        if shared is not None:
            _check_shared_strings(name, size, archive, shared, sheet_bytes)
        budget, grid = SCAN_BYTES, 0
        for member in sheets:
            part = _scan_sheet(archive, member, budget)
            budget -= part.scanned
            grid += _check_sheet(name, size, member, part)
            if budget <= 0:
                break
    inflated = sum(member.file_size for member in members.values())
    return Shape(name, XLSX, size, inflated, grid)


def _check_shared_strings(name: str, size: int, archive: zipfile.ZipFile, member: zipfile.ZipInfo, sheet_bytes: int) -> None:
    """calamine reserves room for `uniqueCount` strings before reading one: four billion of them abort it."""
    with archive.open(member) as stream:
        head = stream.read(65_536)
    root = head[:head.find(b">", head.find(b"<sst")) + 1] if b"<sst" in head else b""
    unique = _SST_UNIQUE.search(root)
    count = _SST_COUNT.search(root)
    # each string takes at least « <si/> » (5 bytes) in its part, each use at least « <c t="s"><v>0</v></c> »
    for found, room in ((unique, member.file_size // 5 + 16), (count, sheet_bytes // 8 + 1000)):
        if found is not None and int(found.group(1)) > room:
            raise UnreadableFile(
                f"« {name} » annonce {fmt.number(int(found.group(1)))} textes dans un fichier de {_size(size)} "
                f"(« {member.filename} ») : {_REFUSED} ; {_SAVE_AGAIN}.")


def _scan_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int) -> _Part:
    """Counts over one sheet's XML, read in chunks cut after a « > » so that no tag is split."""
    part, pending = _Part(), b""
    with archive.open(member) as stream:
        while part.scanned < budget:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            data = pending + chunk
            cut = data.rfind(b">") + 1
            data, pending = data[:cut], data[cut:]
            if len(pending) > _CHUNK:  # no « > » in 8 MB: not XML a spreadsheet program writes
                data, pending = pending, b""
            if part.scanned == 0:
                declared = _DIMENSION.search(data)
                if declared is not None:
                    last = declared.groups()[2:] if declared.group(3) else declared.groups()[:2]
                    part.declared = (int(last[1]), _column_number(last[0]))
            part.scanned += len(chunk)
            _count(data, part)
    return part


def _count(data: bytes, part: _Part) -> None:
    part.cells += data.count(b"<c")  # « <col », « <cfRule »… too: an upper bound is enough here
    part.cell_ends += data.count(b"</c>")
    part.formulas += data.count(b"<f>") + data.count(b"<f ")
    part.formula_ends += data.count(b"</f>") + len(_SELF_CLOSED_FORMULA.findall(data))
    rows = _CELL_ROW.findall(data)
    if rows:
        longest = len(max(rows, key=len))
        part.max_row = max(part.max_row, int(max(row for row in rows if len(row) == longest)))
        part.max_column = max(part.max_column, *map(_column_number, set(_CELL_COLUMN.findall(data))))


def _check_sheet(name: str, size: int, member: zipfile.ZipInfo, part: _Part) -> int:
    """The sheet's extent in cells, or UnreadableFile when its shape is absurd."""
    where = f"(« {member.filename} »)"
    if part.declared is not None:
        _check_extent(name, size, member, *part.declared, f"déclare une étendue de A1:{{cell}} {where}")
    _check_extent(name, size, member, part.max_row, part.max_column, f"déclare une cellule en {{cell}} {where}")
    # each formula sits in a cell, closed by </c>; the formula scan (io/excel.py) looks for both around each <f>
    if (part.formulas - part.formula_ends > TOLERATED_UNCLOSED
            or part.formulas > min(part.cells, part.cell_ends) + TOLERATED_UNCLOSED):
        raise UnreadableFile(
            f"« {name} » contient {fmt.number(part.formulas)} balises de formule pour {fmt.number(part.cell_ends)} "
            f"cellules {where}, la plupart jamais fermées : {_REFUSED} ; {_SAVE_AGAIN}.")
    return part.max_row * part.max_column


def _check_extent(name: str, size: int, member: zipfile.ZipInfo, rows: int, columns: int, what: str) -> None:
    cell = f"{column_letter(columns - 1)}{rows}" if rows and columns else "A1"
    if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS:
        raise UnreadableFile(
            f"« {name} » {what.format(cell=cell)}, au-delà de la dernière cellule qu'Excel permet (XFD1048576) : "
            f"{_REFUSED} ; {_SAVE_AGAIN}.")
    room = max(MIN_GRID_CELLS, int(member.file_size * GRID_CELLS_PER_XML_BYTE))
    if rows * columns > room:
        raise UnreadableFile(
            f"« {name} » {what.format(cell=cell)}, soit une grille de {fmt.number(rows * columns)} cellules dans "
            f"un fichier de {_size(size)} : {_REFUSED}. Dans Excel, supprimez les lignes et colonnes vides après "
            "vos données (Ctrl+Fin montre la dernière cellule), puis enregistrez-le à nouveau.")


def _column_number(letters: bytes | str) -> int:
    """XFD → 16384 (1-based); absurd lengths are capped so that the number stays small."""
    number = 0
    for letter in (letters.decode() if isinstance(letters, bytes) else letters)[:8]:
        number = number * 26 + ord(letter) - 64
    return number


# --------------------------------------------------------------------------------------------------------------
# Text files


def _text_shape(path: Path, size: int, head: bytes) -> Shape:
    name = path.name
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and size % 2:
        raise UnreadableFile(
            f"« {name} » est un texte UTF-16 dont le dernier caractère est coupé (nombre d'octets impair) : le "
            "fichier est tronqué. Exportez-le à nouveau, de préférence au format « CSV UTF-8 ».")
    widest, widest_line = 0, 0
    line_number, pending = 1, b""
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            data = pending + chunk
            cut = data.rfind(b"\n") + 1
            data, pending = data[:cut], data[cut:]
            if len(pending) > MAX_LINE_BYTES:
                _line_too_long(name, line_number + data.count(b"\n"))
            if data:
                lines = _lines(data)
                if lines.max() > MAX_LINE_BYTES:
                    _line_too_long(name, line_number + int(lines.argmax()))
                values, at = _values_per_line(data)
                if values > widest:
                    widest, widest_line = values, line_number + at
                line_number += len(lines)
    if pending:
        values, _ = _values_per_line(pending)
        if values > widest:
            widest, widest_line = values, line_number
    if widest > MAX_VALUES_PER_LINE:
        raise UnreadableFile(
            f"« {name} » a {fmt.number(widest)} valeurs sur une ligne (ligne {widest_line}) alors qu'Excel n'en "
            f"permet que {fmt.number(EXCEL_COLUMNS)} : ce n'est pas un tableau ordinaire, il est refusé. Vérifiez "
            "le séparateur, ou exportez-le à nouveau depuis Excel au format « CSV UTF-8 ».")
    return Shape(name, CSV, size, size)


def _line_too_long(name: str, line: int):
    raise UnreadableFile(
        f"« {name} » a une ligne de plus de {_size(MAX_LINE_BYTES)} (ligne {line}) : ce n'est pas un tableau ordinaire, il "
        "est refusé. Vérifiez que c'est bien le bon fichier, ou exportez-le à nouveau depuis Excel au format "
        "« CSV UTF-8 ».")


def _lines(data: bytes) -> np.ndarray:
    """The length of each line of `data` (which ends with a line end)."""
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    return np.diff(ends, prepend=-1)


def _values_per_line(data: bytes) -> tuple[int, int]:
    """The most values a line holds under any of the usual separators (an upper bound: quotes are not read),
    and that line's position in `data` (0-based)."""
    array = np.frombuffer(data, dtype=np.uint8)
    ends = np.append(np.flatnonzero(array == 10), len(array))
    best, at = 0, 0
    for separator in b";,\t|":
        positions = np.flatnonzero(array == separator)
        if len(positions) + 1 <= best:
            continue
        per_line = np.diff(np.searchsorted(positions, ends), prepend=0)
        line = int(per_line.argmax())
        if per_line[line] + 1 > best:
            best, at = int(per_line[line]) + 1, line
    return best, at


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{fmt.number(count / 1024 ** 2)} Mo"
    return f"{fmt.number(max(count, 1) / 1024, 1)} Ko"
