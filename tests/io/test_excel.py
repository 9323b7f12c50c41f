"""Reading workbooks: formulas saved without their result are found, so that no figure silently reads as empty."""

import io
import zipfile

from pac_core.io.excel import read_xlsx
from tests.builders import workbook


def patched(path, replace: dict[bytes, bytes]):
    """The workbook with some bytes of its sheets replaced (to write what Excel writes and openpyxl does not)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in original.namelist():
            data = original.read(member)
            if member.startswith("xl/worksheets/"):
                for old, new in replace.items():
                    data = data.replace(old, new)
            copy.writestr(member, data)
    path.write_bytes(buffer.getvalue())
    return path


def sheets_by_name(path):
    return {sheet.name: sheet for sheet in read_xlsx(path)}


def test_formulas_written_by_openpyxl_have_no_result_and_are_located(tmp_path):
    path = workbook(tmp_path / "f.xlsx", {
        "Notes": [["rien"]],
        "Réalisé": [["ID action", "Indicateur", "janv. 2026", "févr. 2026"],
                    ["A1", "CA", 100, "=C2*2"], ["A2", "CA", "=C2", 5]]})
    sheets = sheets_by_name(path)
    assert sheets["Réalisé"].formulas_without_result == [(1, 3), (2, 2)]  # D2 and C3, 0-based
    assert sheets["Réalisé"].preview[1][3] == ""  # what calamine reads in their place
    assert sheets["Notes"].formulas_without_result == []


def test_formulas_saved_with_their_result_read_as_that_result(tmp_path):
    path = workbook(tmp_path / "f.xlsx", {"Réalisé": [["ID action", "CA", "Total", "Note"],
                                                      ["A1", 100, "=B2*2", '=IF(B2>0,"","bas")']]})
    patched(path, {b"<f>B2*2</f><v />": b"<f>B2*2</f><v>200</v>",
                   b"<c r=\"D2\"><f>": b"<c r=\"D2\" t=\"str\"><f>"})  # Excel's empty text result: t="str", <v />
    sheet = sheets_by_name(path)["Réalisé"]
    assert sheet.formulas_without_result == []
    assert sheet.preview[1][2] == 200


def test_sheets_are_found_through_relative_relationship_targets(tmp_path):
    path = workbook(tmp_path / "f.xlsx", {"Réalisé": [["a", "b"], [1, "=A2"]]})
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(buffer, "w") as copy:
        for member in original.namelist():
            data = original.read(member)
            if member == "xl/_rels/workbook.xml.rels":
                data = data.replace(b'Target="/xl/worksheets/', b'Target="worksheets/')
            copy.writestr(member, data)
    path.write_bytes(buffer.getvalue())
    assert sheets_by_name(path)["Réalisé"].formulas_without_result == [(1, 1)]


# What Excel writes for an error: t="e", the error's text as the cached value, with or without the formula. The
# XML always holds the English text (#N/A, #DIV/0!); a foreign tool may write a localised one (#VALEUR!).
ERROR_CELLS = {
    b'<c r="B2" t="n"><v>1</v></c>': b'<c r="B2" t="e"><f>NA()</f><v>#N/A</v></c>',
    b'<c r="C2" t="n"><v>2</v></c>': b'<c r="C2" t="e"><v>#DIV/0!</v></c>',
    b'<c r="D2" t="n"><v>3</v></c>': b'<c r="D2" t="e"><f>1/0</f></c>',
    b'<c r="E2" t="n"><v>4</v></c>': b'<c r="E2" t="e"/>',
}


def test_error_cells_read_as_their_error_text_never_as_empty(tmp_path):
    """calamine reads #N/A or #DIV/0! as an empty cell: the reader gives the error back, so it can be refused."""
    path = patched(workbook(tmp_path / "e.xlsx", {"Réalisé": [["a", "b", "c", "d", "e"], ["x", 1, 2, 3, 4]]}),
                   ERROR_CELLS)
    sheet = sheets_by_name(path)["Réalisé"]
    assert sheet.preview[1] == ["x", "#N/A", "#DIV/0!", "#ERREUR!", "#ERREUR!"]
    assert sheet.formulas_without_result == []  # D2 is an error, said once, as an error


def test_errors_calamine_does_not_know_no_longer_make_the_whole_workbook_unreadable(tmp_path):
    """#SPILL!, #CALC!, #GETTING_DATA or a localised #VALEUR! make calamine refuse the whole file; each is read."""
    path = patched(workbook(tmp_path / "e.xlsx", {"Réalisé": [["a", "b", "c", "d", "e"], ["x", 1, 2, 3, 4]]}), {
        b'<c r="B2" t="n"><v>1</v></c>': b'<c r="B2" t="e"><f>SEQUENCE(3)</f><v>#SPILL!</v></c>',
        b'<c r="C2" t="n"><v>2</v></c>': b'<c r="C2" t="e"><v>#VALEUR!</v></c>',
        b'<c r="D2" t="n"><v>3</v></c>': b'<c r="D2" t="e"><v>#GETTING_DATA</v></c>',
        b'<c r="E2" t="n"><v>4</v></c>': b'<c r="E2" t="e"><v>#CALC!</v></c>'})
    assert sheets_by_name(path)["Réalisé"].preview[1] == ["x", "#SPILL!", "#VALEUR!", "#GETTING_DATA", "#CALC!"]
