"""Writes the hostile corpus: small files built to make a reader abort, hang or eat memory, and hostile names.

Every file is made by code in a fraction of a second, so the tests write them into a temporary folder rather
than keep them in git (`python tests/files/hostile/make_hostile.py FOLDER` writes them for a look by hand).
HOSTILE lists each one with the fragment of the French sentence it must be refused with.
"""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ZIP_TIME = (2026, 1, 15, 9, 0, 0)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Actions" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
HEADER_CELLS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>ID action</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>Action</t></is></c></row>')


def _sheet(body: str, dimension: str = "A1:B1") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}">'
            f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>').encode()


def _shared_strings(count: str = "1", unique: str = "1") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN}" count="{count}" '
            f'uniqueCount="{unique}"><si><t>SAL1</t></si></sst>').encode()


def workbook(sheet: bytes, shared: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .xlsx, deflated, with fixed timestamps: the same bytes at every run."""
    parts = {"[Content_Types].xml": CONTENT_TYPES.encode(), "_rels/.rels": ROOT_RELS.encode(),
             "xl/workbook.xml": WORKBOOK.encode(), "xl/_rels/workbook.xml.rels": WORKBOOK_RELS.encode(),
             "xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": shared or _shared_strings(),
             **(extra or {})}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED, 9)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------------------------
# The files


def cell_at_xfd1048576() -> bytes:
    """One cell at the last column and row Excel allows: calamine allocates the whole rectangle and aborts."""
    return workbook(_sheet(HEADER_CELLS + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))


def shared_strings_count_4e9() -> bytes:
    """A shared-string table that says it holds four billion strings (it holds one)."""
    return workbook(_sheet(HEADER_CELLS), _shared_strings("4000000000", "4000000000"))


def unclosed_formula_tags() -> bytes:
    """300 000 <f> tags never closed, in a 2.8 KB file: calamine reads the sheet, then the search for formulas
    saved without their result looks for each one's cell from end to end (257 s in issue 17)."""
    return workbook(_sheet(HEADER_CELLS + '<row r="2">' + "<f>" * 300_000 + "</row>"))


def formula_tags_after_the_cells() -> bytes:
    """The same tags after the sheet's data, where calamine does not look."""
    return workbook(_sheet(HEADER_CELLS).replace(b"</worksheet>", b"<f>" * 300_000 + b"</worksheet>"))


def dimension_lie() -> bytes:
    """A sheet that declares the whole grid as its extent while holding two cells."""
    return workbook(_sheet(HEADER_CELLS, dimension="A1:XFD1048576"))


def far_cell_without_dimension() -> bytes:
    """A small, honest-looking dimension, and a cell a million rows down and thousands of columns across."""
    return workbook(_sheet(HEADER_CELLS + '<row r="1000000"><c r="ZZ1000000"><v>1</v></c></row>'))


def wide_row() -> bytes:
    """20 000 columns in one row, in a few kilobytes."""
    cells = "".join(f'<c r="{_letters(i)}1"><v>1</v></c>' for i in range(20_000))
    return workbook(_sheet(f'<row r="1">{cells}</row>', dimension="A1:" + _letters(19_999) + "1"))


def empty_rows_bomb() -> bytes:
    """A million empty rows, declared one by one: compresses to nothing, reads as a million rows."""
    return workbook(_sheet(HEADER_CELLS + "".join(f'<row r="{r}"/>' for r in range(2, 1_000_002)),
                           dimension="A1:B1000001"))


def whitespace_bomb() -> bytes:
    """A sheet padded with 45 MB of spaces (under the gate's 50 MB threshold), about 45 KB compressed."""
    return workbook(_sheet(HEADER_CELLS + " " * (45 * 1024 * 1024)))


def many_members() -> bytes:
    """An archive of 10 001 tiny members."""
    extra = {f"xl/media/image{i}.xml": b"<a/>" for i in range(10_001)}
    return workbook(_sheet(HEADER_CELLS), extra=extra)


def truncated_central_directory() -> bytes:
    """A workbook cut inside its central directory, as an interrupted copy leaves it."""
    data = workbook(_sheet(HEADER_CELLS))
    return data[: data.rfind(b"PK\x01\x02") + 20]


def nul_filled() -> bytes:
    return bytes(64 * 1024)


def utf16_bom_odd_length() -> bytes:
    """UTF-16 with its byte-order mark, one byte short: the last character is cut in half."""
    return "ID action;Action\r\nSAL1;Salon\r\n".encode("utf-16") + b"A"


def utf16_without_bom() -> bytes:
    return "ID action;Action\r\nSAL1;Salon\r\n".encode("utf-16-le")


def million_separators() -> bytes:
    """A header, then one line of 1 000 000 « ; »: a million columns."""
    return b"ID action;Action\n" + b";" * 1_000_000 + b"\n"


def ten_megabyte_line() -> bytes:
    """A header, then one 10 MB line without a separator."""
    return b"ID action;Action\n" + b"A" * (10 * 1024 * 1024) + b"\n"


def _letters(index: int) -> str:
    letters, index = "", index + 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True)
class Hostile:
    name: str  # the file name as uploaded
    make: Callable[[], bytes]
    expected: str  # a fragment of the French sentence that refuses it


HOSTILE = [
    Hostile("xlsx-cell-at-xfd1048576.xlsx", cell_at_xfd1048576, "déclare une cellule en XFD1048576"),
    Hostile("xlsx-shared-strings-count-4e9.xlsx", shared_strings_count_4e9, "annonce 4 000 000 000 textes"),
    Hostile("xlsx-300000-unclosed-f-tags.xlsx", unclosed_formula_tags, "balises de formule"),
    Hostile("xlsx-f-tags-after-the-data.xlsx", formula_tags_after_the_cells, "balises de formule"),
    Hostile("xlsx-dimension-lie.xlsx", dimension_lie, "déclare une étendue de A1:XFD1048576"),
    Hostile("xlsx-far-cell.xlsx", far_cell_without_dimension, "déclare une cellule en ZZ1000000"),
    Hostile("xlsx-20000-columns.xlsx", wide_row, "au-delà de la dernière cellule qu'Excel permet"),
    Hostile("xlsx-million-empty-rows.xlsx", empty_rows_bomb, "Aucune ligne de données sous les en-têtes"),
    Hostile("xlsx-whitespace-bomb.xlsx", whitespace_bomb, "se décompresse en"),
    Hostile("xlsx-10001-members.xlsx", many_members, "contient 10007 parties"),
    Hostile("xlsx-truncated-central-directory.xlsx", truncated_central_directory, "archive endommagée"),
    Hostile("nul-filled.xlsx", nul_filled, "ni un classeur Excel (.xlsx) ni un fichier CSV"),
    Hostile("csv-utf16-bom-odd-length.csv", utf16_bom_odd_length, "texte UTF-16 dont le dernier caractère est coupé"),
    Hostile("csv-utf16-without-bom.csv", utf16_without_bom, "texte UTF-16 sans marque d'ordre des octets"),
    Hostile("csv-million-separators.csv", million_separators, "a 1 000 001 valeurs sur une ligne (ligne 2)"),
    Hostile("csv-10-mb-line.csv", ten_megabyte_line, "a une ligne de plus de 1 Mo (ligne 2)"),
]

# Names a browser may send; the file itself is an ordinary small CSV that is not in our format.
HOSTILE_NAMES = [
    "x" * 300 + ".csv",
    "\x1b[31mrouge\x1b[0m.csv",
    "\u202evsc.exe.csv",
    "deux\nlignes.csv",
]


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for hostile in HOSTILE:
        path = folder / hostile.name
        path.write_bytes(hostile.make())
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-files")):
        print(f"{written.stat().st_size:>10}  {written.name}")
