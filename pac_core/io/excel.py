"""Reading .xlsx workbooks with python-calamine (several times faster than openpyxl)."""

import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from pac_core.io.sheet import RawSheet, UnreadableFile

PREVIEW_ROWS = 30

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_FORMULA = re.compile(rb"<f[\s>/]")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_CACHED_VALUE = re.compile(rb"<v>[^<]")


def read_xlsx(path: Path) -> list[RawSheet]:
    """Every worksheet of the workbook, hidden ones flagged, cells as typed by Excel."""
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            rows = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheets.append(RawSheet(
                source=path.name, name=meta.name, preview=rows[:PREVIEW_ROWS],
                hidden=meta.visible != SheetVisibleEnum.Visible, _rows=rows))
        workbook.close()
        uncached = _formulas_without_results(path)
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine raises its own errors for broken archives and XML
        raise UnreadableFile(
            f"« {path.name} » n'a pas pu être lu comme un classeur Excel ({type(exc).__name__}) : "
            "ouvrez-le dans Excel, vérifiez qu'il s'affiche bien, puis enregistrez-le à nouveau au format .xlsx.") from None
    for sheet in sheets:
        sheet.formulas_without_result = uncached.get(sheet.name, [])
    return sheets


def _formulas_without_results(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Sheet name → (row, column), 0-based, of each formula cell whose result was not saved with it.

    Excel and LibreOffice save each formula's last result, which is what calamine reads; a program
    (openpyxl, many exports) may write the formula alone, and the cell then reads as empty."""
    found: dict[str, list[tuple[int, int]]] = {}
    with zipfile.ZipFile(path) as archive:
        for name, part in _sheet_parts(archive).items():
            try:
                stream = archive.open(part)
            except KeyError:
                continue
            with stream:
                cells = [cell for rows in _whole_rows(stream) if _FORMULA.search(rows)
                         for cell in map(_uncached_cell, _formula_cells(rows)) if cell is not None]
            if cells:
                found[name] = cells
    return found


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
    if _CACHED_VALUE.search(cell) or (kind is not None and kind.group(1) in (b"str", b"inlineStr")):
        return None  # a result was saved (for t="str", an empty text is a real result)
    reference = _CELL_REF.search(opening)
    if reference is None:
        return None
    letters, digits = reference.groups()
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return int(digits) - 1, column - 1
