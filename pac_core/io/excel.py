"""Reading .xlsx workbooks with python-calamine (several times faster than openpyxl)."""

from pathlib import Path

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from pac_core.io.sheet import RawSheet, UnreadableFile

PREVIEW_ROWS = 30


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
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine raises its own errors for broken archives and XML
        raise UnreadableFile(
            f"« {path.name} » n'a pas pu être lu comme un classeur Excel ({type(exc).__name__}) : "
            "ouvrez-le dans Excel, vérifiez qu'il s'affiche bien, puis enregistrez-le à nouveau au format .xlsx.") from None
    return sheets
