"""Recognising what a file really is before any parser touches it."""

import io
import zipfile

import pytest

from pac_core.io.sheet import UnreadableFile
from pac_core.io.sniff import MAX_PROLOG_BYTES, XLSX, detect_format
from tests.builders import workbook

SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'


def with_part(tmp_path, name: str, data: bytes):
    """A real workbook with one XML part replaced or added."""
    source = workbook(tmp_path / "source.xlsx", {"Actions": [["ID action", "Action"], ["A1", "Salon"]]})
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in original.namelist():
            if member != name:
                copy.writestr(member, original.read(member))
        copy.writestr(name, data)
    path = tmp_path / "book.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def sniff(path):
    return detect_format(path, path.read_bytes()[:8192])


def test_an_ordinary_workbook_is_xlsx(tmp_path):
    assert sniff(with_part(tmp_path, "xl/worksheets/sheet1.xml", b'<?xml version="1.0"?>\n' + SHEET)) == XLSX


@pytest.mark.parametrize("prolog", [
    b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaa">]>',
    b'<?xml version="1.0"?><!-- a comment first --><!doctype worksheet SYSTEM "http://example.org/x.dtd">',
    b'<?xml version="1.0"?>' + b" " * 10_000 + b'<!DOCTYPE worksheet [<!ENTITY a "a">]>',
])
def test_a_doctype_in_a_sheet_is_refused_before_parsing(tmp_path, prolog):
    path = with_part(tmp_path, "xl/worksheets/sheet1.xml", prolog + SHEET)
    with pytest.raises(UnreadableFile, match="déclaration DOCTYPE ou ENTITY .*xl/worksheets/sheet1.xml"):
        sniff(path)


def test_a_doctype_in_a_utf16_part_or_a_rels_part_is_refused(tmp_path):
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "a">]>'.encode("utf-16")
             + SHEET.decode().encode("utf-16-le"))
    with pytest.raises(UnreadableFile, match="DOCTYPE"):
        sniff(with_part(tmp_path, "xl/worksheets/sheet1.xml", utf16))
    rels = b'<!DOCTYPE r [<!ENTITY a "a">]><Relationships xmlns="x"/>'
    with pytest.raises(UnreadableFile, match="_rels/.rels"):
        sniff(with_part(tmp_path, "_rels/.rels", rels))


def test_the_word_doctype_inside_the_data_is_not_a_doctype(tmp_path):
    data = SHEET.replace(b"<sheetData/>", b"<sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>&lt;!DOCTYPE&gt;"
                         b"</t></is></c></row></sheetData>")
    assert sniff(with_part(tmp_path, "xl/worksheets/sheet1.xml", data)) == XLSX


def test_a_prolog_too_long_to_be_excel_is_refused(tmp_path):
    data = b'<?xml version="1.0"?><!--' + b"x" * (2 * MAX_PROLOG_BYTES) + b"-->" + SHEET
    with pytest.raises(UnreadableFile, match="DOCTYPE ou ENTITY"):
        sniff(with_part(tmp_path, "xl/worksheets/sheet1.xml", data))


def test_excel_2003_xml_is_named_as_such_not_as_a_web_page(tmp_path):
    path = tmp_path / "export.xls"
    path.write_bytes(b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                     b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>')
    with pytest.raises(UnreadableFile, match="Feuille de calcul XML 2003"):
        sniff(path)
    path.write_bytes(b'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><table></table></html>')
    with pytest.raises(UnreadableFile, match="page web"):
        sniff(path)
