"""Reading .xlsx workbooks with python-calamine (several times faster than openpyxl).

Two things calamine does not say are read from the sheets' XML beside it: formulas saved without their result,
and error cells (`<c t="e"><v>#N/A</v></c>`), which calamine reads as empty (or, for the errors it does not
know, such as #SPILL! or a French #VALEUR!, refuses the whole workbook). An error cell is given back as its
error text, so that every reader refuses it by name instead of taking it for an empty cell."""

import io
import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from pac_core.io.sheet import RawSheet, UnreadableFile
from pac_core.io.values import ERROR_WITHOUT_VALUE

PREVIEW_ROWS = 30

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_FORMULA = re.compile(rb"<f[\s>/]")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_CACHED_VALUE = re.compile(rb"<v>[^<]")
_ERROR_CELL = re.compile(rb'<c\b[^>]*?\bt="e"[^>]*>')  # the opening tag of an error cell
_ERROR_VALUE = re.compile(rb"<v>([^<]{0,64})</v>")
_ERROR_MARK = re.compile(rb't="e"')
_ERROR_CELL_BODY = re.compile(rb'(<c\b[^>/]*?\bt="e"[^>/]*>)(?:(?!</c>).){0,4096}?</c>', re.DOTALL)


def read_xlsx(path: Path) -> list[RawSheet]:
    """Every worksheet of the workbook, hidden ones flagged, cells as typed by Excel."""
    try:
        try:
            sheets = _read_sheets(CalamineWorkbook.from_path(str(path)), path.name)
        except Exception as exc:
            if "error value" not in str(exc):
                raise
            # An error calamine does not know (#SPILL!, #VALEUR!…): read a copy where each error is one it knows;
            # the true text is put back below.
            sheets = _read_sheets(CalamineWorkbook.from_filelike(_with_known_errors(path)), path.name)
        uncached, errors = _scan_sheets(path)
    except (UnreadableFile, MemoryError):  # out of memory is the bounded reader's to say, with its budget
        raise
    except Exception as exc:  # calamine raises its own errors for broken archives and XML
        raise UnreadableFile(
            f"« {path.name} » n'a pas pu être lu comme un classeur Excel ({type(exc).__name__}) : "
            "ouvrez-le dans Excel, vérifiez qu'il s'affiche bien, puis enregistrez-le à nouveau au format .xlsx.") from None
    for sheet in sheets:
        sheet.formulas_without_result = uncached.get(sheet.name, [])
        _put_errors_back(sheet, errors.get(sheet.name, []))
    return sheets


def _read_sheets(workbook, source: str) -> list[RawSheet]:
    sheets = []
    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        rows = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        sheets.append(RawSheet(source=source, name=meta.name, preview=rows[:PREVIEW_ROWS],
                               hidden=meta.visible != SheetVisibleEnum.Visible, _rows=rows))
    workbook.close()
    return sheets


def _put_errors_back(sheet: RawSheet, errors: list[tuple[int, int, str]]) -> None:
    """Each error cell holds its error text (« #N/A »), where calamine left an empty cell."""
    rows = sheet._rows
    for row, column, text in errors:
        while len(rows) <= row:
            rows.append([""] * (len(rows[0]) if rows else 0))
        cells = rows[row]
        if len(cells) <= column:
            cells.extend([""] * (column + 1 - len(cells)))
        cells[column] = text
    if errors:
        sheet.preview = rows[:PREVIEW_ROWS]


def _with_known_errors(path: Path) -> io.BytesIO:
    """A copy of the workbook in which every error cell holds #N/A (an error calamine reads, as empty)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        sheets = set(_sheet_parts(original).values())
        for member in original.infolist():
            data = original.read(member)
            if member.filename in sheets:
                data = _ERROR_CELL_BODY.sub(rb"\1<v>#N/A</v></c>", data)
            copy.writestr(member, data)
    buffer.seek(0)
    return buffer


def _scan_sheets(path: Path) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int, str]]]]:
    """Per sheet name: the (row, column), 0-based, of each formula cell whose result was not saved with it, and
    the (row, column, error text) of each error cell.

    Excel and LibreOffice save each formula's last result, which is what calamine reads; a program
    (openpyxl, many exports) may write the formula alone, and the cell then reads as empty."""
    uncached: dict[str, list[tuple[int, int]]] = {}
    errors: dict[str, list[tuple[int, int, str]]] = {}
    with zipfile.ZipFile(path) as archive:
        for name, part in _sheet_parts(archive).items():
            try:
                stream = archive.open(part)
            except KeyError:
                continue
            formulas, error_cells = [], []
            with stream:
                for rows in _whole_rows(stream):
                    if _FORMULA.search(rows):
                        formulas += [cell for cell in map(_uncached_cell, _formula_cells(rows)) if cell is not None]
                    if _ERROR_MARK.search(rows):
                        error_cells += _error_cells(rows)
            if formulas:
                uncached[name] = formulas
            if error_cells:
                errors[name] = error_cells
    return uncached, errors


def _error_cells(data: bytes) -> list[tuple[int, int, str]]:
    """(row, column, error text) of each error cell; « #ERREUR! » for one saved without its value."""
    found = []
    for match in _ERROR_CELL.finditer(data):
        position = _position(match.group(0))
        if position is None:
            continue
        value = None
        if not match.group(0).endswith(b"/>"):
            end = data.find(b"</c>", match.end(), match.end() + 4096)
            cached = _ERROR_VALUE.search(data, match.end(), end) if end >= 0 else None
            value = cached.group(1).decode("utf-8", "replace").strip() if cached else None
        found.append((*position, value or ERROR_WITHOUT_VALUE))
    return found


def _position(opening: bytes) -> tuple[int, int] | None:
    """The 0-based (row, column) of a cell from its r="B2" attribute."""
    reference = _CELL_REF.search(opening)
    if reference is None:
        return None
    letters, digits = reference.groups()
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return int(digits) - 1, column - 1


def _whole_rows(stream, chunk_size: int = 1 << 20):
    """The sheet XML in pieces that end after a </row>, so that no cell is cut in two."""
    pending = b""
    while chunk := stream.read(chunk_size):
        pending += chunk
        cut = pending.rfind(b"</row>")
        if cut >= 0:
            yield pending[:cut + 6]
            pending = pending[cut + 6:]
    if pending:
        yield pending


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part in the archive, from the workbook and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations.iter(f"{_RELATIONSHIPS}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_RELATIONSHIP_ID))
        if target:
            parts[sheet.get("name")] = (target.lstrip("/") if target.startswith("/")
                                        else posixpath.normpath(posixpath.join("xl", target)))
    return parts


def _formula_cells(data: bytes):
    """The text of each <c> element that holds a formula."""
    for match in _FORMULA.finditer(data):
        start = data.rfind(b"<c ", 0, match.start())
        end = data.find(b"</c>", match.end())
        if start >= 0 and end >= 0:
            yield data[start:end]


def _uncached_cell(cell: bytes) -> tuple[int, int] | None:
    opening = cell[:cell.find(b">") + 1]
    kind = _CELL_TYPE.search(opening)
    if _CACHED_VALUE.search(cell) or (kind is not None and kind.group(1) in (b"str", b"inlineStr", b"e")):
        return None  # a result was saved (for t="str", an empty text is a real result); an error is told apart
    return _position(opening)
