"""Writes the corpus of messy input files checked by tests/test_corpus.py (tests/files/expected.py says what
each one must produce). Run from anywhere: `python tests/files/make_corpus.py`.

The files are committed; this script is kept to show how each was made and to make them again. The output is
the same bytes at every run (fixed zip timestamps, document dates and encryption salts). Two files need
generator-only tools, never needed by the tests: xlwt (the old .xls) and msoffcrypto-tool (the password-protected
.xlsx); without them those two are skipped and the committed copies stay as they are. For example:

    pip install --target /tmp/corpus-tools xlwt msoffcrypto-tool
    PYTHONPATH=/tmp/corpus-tools python tests/files/make_corpus.py
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # pac_core, for the template as users download it

ZIP_TIME = (2026, 1, 15, 9, 0, 0)
DOC_TIME = "2026-01-15T09:00:00Z"
D = dt.date

# --------------------------------------------------------------------------------------------
# The plan most files speak of (year 2026)

ACTION_HEADERS = ["ID action", "Levier", "Action", "Canal", "Type", "Cible", "Responsable", "Début", "Fin",
                  "Budget", "Statut", "Objectif stratégique"]
ACTIONS = [
    ["SAL1", "Salons professionnels", "Salon RH Lyon", "Salon", "Acquisition", "DRH de PME",
     "Directeur commercial", D(2026, 2, 1), D(2026, 3, 31), 4500, "En cours", "OS1"],
    ["WEB1", "Visibilité sur internet", "Refonte SEO du site", "Site web / SEO", "Acquisition",
     "PME de la région", "Directeur marketing", D(2026, 1, 1), D(2026, 12, 31), 12000, "En cours", "OS1"],
    ["TEL1", "Téléprospection", "Campagne d'appels", "Téléprospection", "Fidélisation", "Anciens clients",
     "Service commercial", D(2026, 1, 1), D(2026, 6, 30), 3000, "En cours", "OS2"],
]
TARGET_HEADERS = ["ID action", "Indicateur", "Période", "Objectif"]
RESULT_HEADERS = ["ID action", "Indicateur", "Période", "Réalisé"]
OBJECTIVE_HEADERS = ["ID", "Objectif", "Indicateur", "Référence", "Cible", "Échéance"]
OBJECTIVES = [
    ["OS1", "+20 % de clients actifs", "Clients actifs", 150, 180, D(2026, 12, 31)],
    ["OS2", "+250 000 € de CA", "Chiffre d'affaires", 1_000_000, 1_250_000, D(2026, 12, 31)],
]
MONTHS_FR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def actions(*rows_to_change: tuple[int, int, object]) -> list[list]:
    """The Actions sheet, header first, with (row, column, value) changes (row 0 = first action)."""
    rows = [list(row) for row in ACTIONS]
    for row, column, value in rows_to_change:
        rows[row][column] = value
    return [ACTION_HEADERS, *rows]


# --------------------------------------------------------------------------------------------
# Writers


def _repack(path: Path, patch=None) -> None:
    """Rewrite a zip with fixed timestamps (and fixed document dates), so the same input gives the same bytes;
    `patch(name, data)` may change a member on the way."""
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + DOC_TIME.encode(), data)
            if patch is not None:
                data = patch(name, data)
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


def xlsx(name: str, sheets: dict[str, list[list]], *, hidden=(), patch=None, date_format=None) -> Path:
    """A workbook written by openpyxl, one sheet per entry, rows as given (None = empty cell)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if date_format:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, (dt.date, dt.datetime)):
                        cell.number_format = date_format
        if title in hidden:
            sheet.sheet_state = "hidden"
    path = HERE / name
    book.save(path)
    _repack(path, patch)
    return path


def text_file(name: str, text: str, encoding: str = "utf-8", *, bom: bytes = b"", newline: str = "\r\n") -> Path:
    """A text file as French Excel writes it: CRLF line ends, in the given encoding."""
    path = HERE / name
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    return path


def raw_file(name: str, data: bytes) -> Path:
    path = HERE / name
    path.write_bytes(data)
    return path


def zip_file(name: str, members: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(zipfile.ZipInfo(member, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return raw_file(name, buffer.getvalue())


def patch_sheet(sheet_number: int, function):
    """A patch for _repack that changes one worksheet's XML."""
    target = f"xl/worksheets/sheet{sheet_number}.xml"

    def patch(name, data):
        return function(data) if name == target else data

    return patch


# --------------------------------------------------------------------------------------------
# Valid workbooks

CLEAN_TARGETS = [
    ["SAL1", "Contacts", "févr. 2026", 40],
    ["SAL1", "Chiffre d'affaires", "mars 2026", 15000],
    ["WEB1", "Contacts", "T1 2026", 90],
    ["TEL1", "Appels", "janv. 2026", 200],
    ["TEL1", "Appels", "févr. 2026", 200],
    ["TEL1", "Appels", "mars 2026", 200],
]
CLEAN_RESULTS = [
    ["SAL1", "Contacts", "févr. 2026", 35],
    ["SAL1", "Coût", "févr. 2026", 4200],
    ["WEB1", "Contacts", "janv. 2026", 28],
    ["WEB1", "Contacts", "févr. 2026", 31],
    ["TEL1", "Appels", "janv. 2026", 180],
    ["TEL1", "Appels", "févr. 2026", 215],
    [None, "Clients actifs", "janv. 2026", 150],
]
FIRST_QUARTER = [  # 12 results summing to 4 321,5
    ["SAL1", "Contacts", "févr. 2026", 35], ["SAL1", "Contacts", "mars 2026", 12],
    ["SAL1", "CA", "mars 2026", 1250.5],
    ["WEB1", "Contacts", "janv. 2026", 28], ["WEB1", "Contacts", "févr. 2026", 31],
    ["WEB1", "Contacts", "mars 2026", 33],
    ["TEL1", "Appels", "janv. 2026", 180], ["TEL1", "Appels", "févr. 2026", 215],
    ["TEL1", "Appels", "mars 2026", 190],
    ["SAL1", "Coût", "févr. 2026", 2100], ["SAL1", "Coût", "mars 2026", 200],
    ["TEL1", "RDV", "mars 2026", 47],
]
TITLE = [["Plan d'action commercial 2026 — Service marketing"], ["Mis à jour le 03/02/2026 par J. Martin"], []]


def valid_workbooks() -> None:
    xlsx("xlsx-clean-plan-2026.xlsx", {
        "Actions": actions(), "Objectifs": [TARGET_HEADERS, *CLEAN_TARGETS],
        "Réalisé": [RESULT_HEADERS, *CLEAN_RESULTS], "Objectifs stratégiques": [OBJECTIVE_HEADERS, *OBJECTIVES]})

    xlsx("xlsx-header-on-row-4-with-title.xlsx", {
        "Actions": TITLE + actions(),
        "Réalisé": [["Réalisé du 1er trimestre"], [], ["Chiffres arrêtés au 31/03/2026"], RESULT_HEADERS,
                    *FIRST_QUARTER]})

    xlsx("xlsx-english-headers.xlsx", {
        "Actions": [["Action ID", "Lever", "Action name", "Channel", "Action type", "Target segment", "Owner",
                     "Start date", "End date", "Planned budget", "Status", "Strategic objective"], *ACTIONS],
        "Targets": [["Action ID", "Metric", "Month", "Target"],
                    ["SAL1", "Revenue", "2026-03", 15000], ["TEL1", "Calls", "2026-01", 200]],
        "Results": [["Action ID", "Metric", "Month", "Actual"],
                    ["SAL1", "Revenue", "2026-03", 9800], ["TEL1", "Calls", "2026-01", 180],
                    ["TEL1", "Meetings", "2026-01", 9]]})

    xlsx("xlsx-headers-any-case-without-accents.xlsx", {
        "ACTIONS": [["id action", "LEVIER", "ACTION", "canal", "TYPE", "cible", "RESPONSABLE", "DEBUT", "FIN",
                     "BUDGET", "STATUT", "OBJECTIF STRATEGIQUE"], *ACTIONS],
        "REALISE": [["ID ACTION", "indicateur", "Periode ", "REALISE"],
                    ["SAL1", "contacts", "FEVRIER 2026", 35], ["WEB1", "CONTACTS", "fevr. 2026", 31]]})

    months_with_total = ["ID action", "Indicateur", *MONTHS_FR, "Total"]
    xlsx("xlsx-months-as-columns-with-total.xlsx", {
        "Actions": actions(),
        "Objectifs": [
            ["Objectifs opérationnels 2026"],
            months_with_total,
            ["TEL1", "Appels", *[200] * 6, *[None] * 6, 1200],
            ["WEB1", "Contacts", *[30] * 12, 360],
            ["SAL1", "Contacts", None, 40, 20, *[None] * 9, 60],
            [],
            ["Total", None, 230, 270, 250, 230, 230, 230, *[30] * 6, 1620]]})

    xlsx("xlsx-months-as-columns-janv-2026.xlsx", {
        "Actions": actions(),
        "Réalisé": [["ID action", "Indicateur", "janv. 2026", "févr. 2026", "mars 2026"],
                    ["WEB1", "Contacts", 28, 31, 33], ["TEL1", "Appels", 180, 215, None],
                    [None, "Clients actifs", 150, 152, 155]]})

    xlsx("xlsx-months-as-columns-iso-2026-01.xlsx", {
        "Actions": actions(),
        "Réalisé": [["ID action", "Indicateur", "2026-01", "2026-02", "2026-03"],
                    ["WEB1", "Contacts", 28, 31, 33], ["TEL1", "Appels", 180, 215, 190]]})

    xlsx("xlsx-months-as-columns-date-cells.xlsx", {
        "Actions": actions(),
        "Réalisé": [["ID action", "Indicateur", dt.datetime(2026, 1, 1), dt.datetime(2026, 2, 1),
                     dt.datetime(2026, 3, 1)],
                    ["WEB1", "Contacts", 28, 31, 33], ["TEL1", "Appels", 180, 215, 190]]},
        date_format="mmm yyyy")

    xlsx("xlsx-months-as-columns-serial-numbers.xlsx", {  # 46023 is 1 January 2026 for Excel
        "Actions": actions(),
        "Réalisé": [["ID action", "Indicateur", 46023, 46054, 46082],
                    ["WEB1", "Contacts", 28, 31, 33], ["TEL1", "Appels", 180, 215, 190]]})

    xlsx("xlsx-blank-rows-and-columns.xlsx", {
        "Actions": [[None, *ACTION_HEADERS[:3], None, *ACTION_HEADERS[3:]],
                    [], *[[None, *row[:3], None, *row[3:]] for row in ACTIONS[:2]], [], [],
                    [None, *ACTIONS[2][:3], None, *ACTIONS[2][3:]], [None] * 5],
        "Réalisé": [RESULT_HEADERS, ["SAL1", "Contacts", "févr. 2026", 35], [None, None, None, None],
                    ["", " ", "", ""], ["WEB1", "Contacts", "févr. 2026", 31], []]})

    xlsx("xlsx-french-numbers-as-text.xlsx", {
        "Actions": actions((0, 0, "A1"), (1, 0, "A2"), (2, 0, "A3"),
                           (0, 9, "2 000 €"), (1, 9, "12\u00a0500 €"), (2, 9, "4\u202f500,50 €")),
        "Réalisé": [RESULT_HEADERS,
                    ["A1", "CA", "févr. 2026", "1 250,40"],
                    ["A1", "CA", "mars 2026", "1\u00a0000"],
                    ["A2", "Coût", "févr. 2026", "3\u202f999,99 €"],
                    ["A3", "Appels", "févr. 2026", " 215 "]],
        "Objectifs stratégiques": [OBJECTIVE_HEADERS,
                                   ["OS1", "Taux de clients actifs", "Clients actifs", "150", "12,5 %",
                                    "31/12/2026"]]})

    xlsx("xlsx-dates-as-french-text.xlsx", {
        "Actions": actions((0, 7, "03/02/2026"), (0, 8, "31/03/2026"), (1, 7, "01/01/2026"),
                           (1, 8, "31/12/2026"), (2, 7, "janv. 2026"), (2, 8, "juin 2026")),
        "Réalisé": [RESULT_HEADERS,
                    ["SAL1", "Contacts", "févr. 2026", 35],
                    ["SAL1", "Coût", "FEV 2026", 4200],
                    ["WEB1", "Contacts", "T1 2026", 90],
                    ["TEL1", "Appels", "03/02/2026", 215],
                    ["TEL1", "Appels", "Mars 2026", 190]]})

    xlsx("xlsx-excel-serial-and-real-dates.xlsx", {
        "Actions": actions((0, 7, 46054), (0, 8, dt.datetime(2026, 3, 31)), (1, 7, 46023.0)),
        "Réalisé": [RESULT_HEADERS,
                    ["SAL1", "Contacts", dt.datetime(2026, 2, 15), 35],
                    ["SAL1", "Contacts", 46082, 12],
                    ["TEL1", "Appels", D(2026, 1, 1), 180]]},
        date_format="dd/mm/yyyy")

    xlsx("xlsx-leading-zero-ids.xlsx", {
        "Actions": actions((0, 0, "007"), (1, 0, "012"), (2, 0, "0100")),
        "Réalisé": [RESULT_HEADERS, ["007", "Contacts", "févr. 2026", 35], ["0100", "Appels", "févr. 2026", 215]]})

    xlsx("xlsx-hidden-and-unrelated-sheets.xlsx", {
        "Actions": actions(),
        "Calculs": [["ID action", "Indicateur", "Période", "Réalisé"], ["???", "n'importe quoi", "jamais", "x"]],
        "Notes de réunion": [["Réunion du 05/02/2026"], ["Présents : direction commerciale, marketing"],
                             ["Décision : renforcer le salon de Lyon"]],
        "Réalisé": [RESULT_HEADERS, ["SAL1", "Contacts", "févr. 2026", 35]]},
        hidden=("Calculs",))

    xlsx("xlsx-indicators-code-label-alias-no-accents.xlsx", {
        "Actions": actions(),
        "Réalisé": [RESULT_HEADERS,
                    ["SAL1", "ca", "mars 2026", 9800],
                    ["WEB1", "Chiffre d'affaires", "mars 2026", 1200],
                    ["SAL1", "RDV", "mars 2026", 6],
                    ["WEB1", "rendez vous", "mars 2026", 4],
                    ["SAL1", "COUT REEL", "mars 2026", 200],
                    ["WEB1", "Dépenses", "mars 2026", 1000],
                    ["TEL1", "nouveaux_clients", "mars 2026", 3],
                    ["TEL1", "Appels telephoniques", "mars 2026", 190],
                    [None, "GRANDS COMPTES", "mars 2026", 2]]})

    xlsx("xlsx-company-wide-results.xlsx", {
        "Actions": actions(),
        "Réalisé": [RESULT_HEADERS,
                    [None, "Clients actifs", "janv. 2026", 150],
                    ["", "Clients actifs", "févr. 2026", 152],
                    [" ", "Grands comptes", "févr. 2026", 1],
                    ["SAL1", "Contacts", "févr. 2026", 35]]})

    # Formulas whose results Excel saved: the cached value is what counts (a total column stays ignored).
    def with_cached_values(data: bytes) -> bytes:
        return (data.replace(b"<f>D3*2</f><v />", b"<f>D3*2</f><v>70</v>")
                .replace(b"<f>SUM(C2:E2)</f><v />", b"<f>SUM(C2:E2)</f><v>79</v>"))

    xlsx("xlsx-formulas-with-cached-values.xlsx", {
        "Actions": actions(),
        "Réalisé": [["ID action", "Indicateur", "janv. 2026", "févr. 2026", "mars 2026", "Total"],
                    ["WEB1", "Contacts", 28, 31, 20, "=SUM(C2:E2)"],
                    ["SAL1", "Contacts", None, 35, "=D3*2"]]},
        patch=patch_sheet(2, with_cached_values))

    from pac_core.template import write_template

    path = HERE / "xlsx-template-as-downloaded.xlsx"
    write_template(path)
    _repack(path)


# --------------------------------------------------------------------------------------------
# Invalid workbooks (readable, but the content is wrong)


def invalid_workbooks() -> None:
    bad_row = [list(row) for row in FIRST_QUARTER]
    bad_row[2][3] = "douze"  # row 7: title 3 rows, header row 4, data from row 5
    xlsx("xlsx-header-on-row-4-bad-number-on-row-7.xlsx", {
        "Actions": actions(),
        "Réalisé": [["Réalisé du 1er trimestre"], [], [], RESULT_HEADERS, *bad_row]})

    xlsx("xlsx-ambiguous-thousands-dot.xlsx", {
        "Actions": actions(),
        "Réalisé": [RESULT_HEADERS, ["SAL1", "Contacts", "févr. 2026", 35], ["SAL1", "CA", "mars 2026", "1.234"]]})

    xlsx("xlsx-unknown-indicator.xlsx", {
        "Actions": actions(),
        "Réalisé": [RESULT_HEADERS, ["SAL1", "Contacts", "févr. 2026", 35],
                    ["SAL1", "Chifre d'affaire", "mars 2026", 9800]]})

    xlsx("xlsx-duplicate-results.xlsx", {
        "Actions": actions(),
        "Réalisé": [RESULT_HEADERS, ["SAL1", "Contacts", "févr. 2026", 35], ["WEB1", "Contacts", "févr. 2026", 31],
                    ["TEL1", "Appels", "févr. 2026", 215], ["SAL1", "contacts recueillis", "02/2026", 36]]})

    xlsx("xlsx-period-after-plan-year.xlsx", {
        "Actions": actions(),
        "Réalisé": [RESULT_HEADERS, ["SAL1", "Contacts", "févr. 2026", 35], ["TEL1", "Appels", "janv. 2027", 170]]})

    xlsx("xlsx-negative-budget.xlsx", {"Actions": actions((1, 9, -1500))})

    xlsx("xlsx-end-before-start.xlsx", {"Actions": actions((0, 7, D(2026, 3, 1)), (0, 8, D(2026, 2, 28)))},
         date_format="dd/mm/yyyy")

    xlsx("xlsx-negative-target.xlsx", {
        "Actions": actions(),
        "Objectifs": [TARGET_HEADERS, ["TEL1", "Appels", "janv. 2026", 200], ["TEL1", "Appels", "févr. 2026", -200]]})

    # openpyxl writes formulas without their results: such a cell reads as empty.
    xlsx("xlsx-formulas-without-cached-values.xlsx", {
        "Actions": actions(),
        "Réalisé": [RESULT_HEADERS, ["SAL1", "Contacts", "févr. 2026", 35],
                    ["SAL1", "Contacts", "mars 2026", "=D2/3"]]})

    xlsx("xlsx-header-only.xlsx", {"Réalisé": [RESULT_HEADERS]})

    xlsx("xlsx-months-as-columns-no-year-no-actions.xlsx", {
        "Réalisé": [["ID action", "Indicateur", *MONTHS_FR[:3]], ["WEB1", "Contacts", 28, 31, 33]]})


# --------------------------------------------------------------------------------------------
# CSV files


def csv_files() -> None:
    # Hostile but harmless text: stored as written, never run (exports neutralise it, screens escape it).
    text_file("csv-formula-and-html-injection.csv", (
        "ID action;Levier;Action;Canal;Type;Cible;Responsable;Début;Fin;Budget;Statut\n"
        'INJ1;Digital;"=HYPERLINK(""http://exemple.invalid"";""clic"")";Site web / SEO;Acquisition;PME;'
        "@SUM(A1);01/01/2026;31/12/2026;1 000;En cours\n"
        "INJ2;Digital;<script>alert('x')</script>;Site web / SEO;Acquisition;PME;+33 6 00;01/01/2026;"
        "31/12/2026;500;En cours\n"))

    text_file("csv-sql-looking-header.csv", (  # the « ; » of the SQL split it: the extra columns are ignored
        "ID action;Indicateur;Période;Réalisé'); DROP TABLE results;--\n"
        "SAL1;Contacts;mars 2026;12\n"))

    text_file("csv-two-periods-in-one-cell.csv", (
        "ID action;Indicateur;Période;Réalisé\n"
        "SAL1;Contacts;janv.-févr. 2026;12\n"))

    text_file("csv-impossible-date-31-02.csv", (
        "ID action;Indicateur;Période;Réalisé\n"
        "SAL1;Contacts;31/02/2026;12\n"))

    text_file("csv-utf8-bom-semicolon.csv", (
        "ID action;Indicateur;Période;Réalisé\n"
        "SAL1;Contacts;mars 2026;12\n"
        "SAL1;Chiffre d'affaires;mars 2026;12\u202f500,00 €\n"
        "WEB1;Contacts;mars 2026;33\n"
        ";Clients actifs;févr. 2026;152\n"), bom=b"\xef\xbb\xbf")

    text_file("csv-utf8-comma-decimal-point.csv", (
        "ID action,Indicateur,Période,Réalisé\n"
        "SAL1,Chiffre d'affaires,2026-03,\"1,250.40\"\n"
        "SAL1,Coût,2026-03,199.9\n"
        "TEL1,Appels,2026-03,190\n"), newline="\n")

    text_file("csv-cp1252-semicolon-decimal-comma.csv", (
        "ID action;Indicateur;Période;Réalisé\n"
        "SAL1;Chiffre d'affaires;févr. 2026;1\u00a0250,40\n"
        "SAL1;Coût;févr. 2026;2\u00a0000 €\n"
        "WEB1;Contacts;févr. 2026;31\n"
        "TEL1;Appels;févr. 2026;215\n"), encoding="cp1252")

    text_file("csv-tab-separated.tsv", (
        "ID action\tIndicateur\tPériode\tRéalisé\n"
        "WEB1\tContacts\tmars 2026\t33\n"
        "TEL1\tAppels\tmars 2026\t190\n"), newline="\n")

    text_file("txt-excel-unicode-text-utf16-tabs.txt", (  # Excel's « Texte Unicode »: UTF-16 LE, tabs
        "ID action\tIndicateur\tPériode\tRéalisé\n"
        "WEB1\tContacts\tmars 2026\t33\n"
        "TEL1\tAppels\tmars 2026\t190\n"), encoding="utf-16-le", bom=b"\xff\xfe")

    # A UTF-8 file opened as Windows-1252 then saved again as UTF-8: « Période » became « PÃ©riode ».
    text_file("csv-mojibake-utf8-read-as-cp1252.csv",
              "ID action;Indicateur;Période;Réalisé\nSAL1;Contacts;févr. 2026;35\n"
              .encode("utf-8").decode("cp1252"), encoding="utf-8")

    text_file("csv-results-unknown-action.csv", (
        "ID action;Indicateur;Période;Réalisé\n"
        "SAL1;Contacts;mars 2026;12\n"
        "SAL-1;Chiffre d'affaires;mars 2026;9800\n"
        "SAL-1;Coût;mars 2026;200\n"))

    text_file("csv-long-results-recognised-by-columns.csv", (
        "Indicateur;ID action;Réalisé;Période\n"
        "Contacts;SAL1;12;03/2026\n"
        "Appels;TEL1;190;03/2026\n"))

    text_file("csv-wide-months-realise-in-file-name.csv", (
        "ID action;Indicateur;janv. 2026;févr. 2026;mars 2026\n"
        "WEB1;Contacts;28;31;33\n"
        "TEL1;Appels;180;215;190\n"))

    text_file("csv-wide-months-no-hint-in-name.csv", (
        "ID action;Indicateur;janv. 2026;févr. 2026;mars 2026\n"
        "WEB1;Contacts;28;31;33\n"))

    text_file("csv-ragged-row-stray-semicolon.csv", (
        "ID action;Indicateur;Période;Réalisé\n"
        "SAL1;Contacts;mars 2026;12\n"
        "WEB1;Contacts;mars;2026;33\n"
        "TEL1;Appels;mars 2026;190\n"))

    text_file("csv-short-rows-and-trailing-semicolons.csv", (  # nothing shifts: accepted
        "ID action;Indicateur;Période;Réalisé;Commentaire\n"
        "SAL1;Contacts;mars 2026;12\n"
        "WEB1;Contacts;mars 2026;33;;;\n"
        "TEL1;Appels;mars 2026;190;relance faite\n"))

    text_file("csv-title-line-above-header.csv", (
        "Export CRM du 03/04/2026;;;\n"
        ";;;\n"
        "ID action;Indicateur;Période;Réalisé\n"
        "SAL1;Contacts;mars 2026;12\n"
        "TEL1;Appels;mars 2026;190\n"))

    text_file("csv-blank-lines-then-bad-period-on-line-6.csv", (
        "ID action;Indicateur;Période;Réalisé\n"
        "SAL1;Contacts;mars 2026;12\n"
        "\n"
        ";;;\n"
        "\n"
        "TEL1;Appels;13/2026;190\n"))

    text_file("csv-quoted-newline-in-value.csv", (
        "ID action;Levier;Action;Canal;Début;Fin;Budget\n"
        "EV1;Événements;\"Soirée clients\nau showroom\";Événement;01/04/2026;30/04/2026;2 500\n"
        "EV2;Événements;\"Petit-déjeuner « RH »; invités\";Événement;01/05/2026;31/05/2026;800\n"))

    text_file("csv-quoted-newline-then-bad-budget.csv", (
        "ID action;Levier;Action;Canal;Début;Fin;Budget\n"
        "EV1;Événements;\"Soirée clients\nau showroom\";Événement;01/04/2026;30/04/2026;2 500\n"
        "EV2;Événements;Petit-déjeuner;Événement;01/05/2026;31/05/2026;huit cents\n"))

    text_file("csv-cr-line-endings-old-mac.csv", (  # lines ended by CR alone, as old Mac tools write them
        "ID action;Indicateur;Période;Réalisé\n"
        "SAL1;Contacts;mars 2026;12\n"
        "\n"
        "TEL1;Appels;mars 2026;1 9O\n"), newline="\r")

    text_file("csv-header-only.csv", "ID action;Indicateur;Période;Réalisé\n")

    raw_file("csv-empty-0-bytes.csv", b"")


# --------------------------------------------------------------------------------------------
# Files that are not what their name says, or not spreadsheets at all


def _png() -> bytes:
    """A real 1×1 white PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def _pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


def _content_types(*overrides: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>").encode()


def not_spreadsheets() -> None:
    raw_file("not-a-spreadsheet.png", _png())
    text_file("text-paragraph-not-a-table.txt", (
        "Bonjour,\n\nVoici le point sur le salon de Lyon : 35 contacts recueillis, 6 rendez-vous pris, "
        "et un devis envoyé à un grand compte. Je vous envoie le tableau complet demain.\n\n"
        "Bonne journée,\nJulie\n"))
    raw_file("pdf-renamed.xlsx", _pdf())
    text_file("html-table-crm-export.xls", (
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel">\n<head><meta charset="utf-8"></head>\n<body>\n'
        "<table>\n<tr><th>ID action</th><th>Indicateur</th><th>Période</th><th>Réalisé</th></tr>\n"
        "<tr><td>SAL1</td><td>Contacts</td><td>févr. 2026</td><td>35</td></tr>\n</table>\n</body>\n</html>\n"))
    text_file("xml-spreadsheet-2003-renamed.xls", (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
        ' <Worksheet ss:Name="Réalisé"><Table>\n'
        '  <Row><Cell><Data ss:Type="String">ID action</Data></Cell>'
        '<Cell><Data ss:Type="String">Indicateur</Data></Cell></Row>\n'
        " </Table></Worksheet>\n</Workbook>\n"))
    raw_file("xlsx-empty-0-bytes.xlsx", b"")

    clean = (HERE / "xlsx-clean-plan-2026.xlsx").read_bytes()
    raw_file("xlsx-truncated-download.xlsx", clean[: len(clean) // 2])

    zip_file("docx-renamed.xlsx", {
        "[Content_Types].xml": _content_types(
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'),
        "word/document.xml": b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                             b'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Plan '
                             b"d'action 2026</w:t></w:r></w:p></w:body></w:document>"})

    zip_file("ods-opendocument.ods", {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
                       b'"urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'})

    # A macro-enabled workbook: the clean plan with a VBA project inside.
    xlsx("xlsm-macro-enabled.xlsm", {"Actions": actions()})
    with zipfile.ZipFile(HERE / "xlsm-macro-enabled.xlsm", "a") as archive:
        ole_header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504  # what a VBA project starts with
        archive.writestr(zipfile.ZipInfo("xl/vbaProject.bin", ZIP_TIME), ole_header)

    # A zip bomb: a workbook whose second sheet inflates from about 100 KB to 100 MB.
    xlsx("xlsx-zip-bomb.xlsx", {"Actions": actions()})
    bomb = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + \
        b" " * (100 * 1024 * 1024) + b"</sheetData></worksheet>"
    with zipfile.ZipFile(HERE / "xlsx-zip-bomb.xlsx", "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(zipfile.ZipInfo("xl/worksheets/sheet2.xml", ZIP_TIME), bomb, zipfile.ZIP_DEFLATED, 9)

    raw_file("jpeg-photo-renamed.xlsx", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 200)

    # A workbook linked to another one (Excel would fetch it, or show stale figures from it).
    xlsx("xlsx-external-links.xlsx", {"Actions": actions()})
    with zipfile.ZipFile(HERE / "xlsx-external-links.xlsx", "a") as archive:
        archive.writestr(zipfile.ZipInfo("xl/externalLinks/externalLink1.xml", ZIP_TIME), (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships"/></externalLink>'))

    # XXE: an entity that would read a file of the server.
    def xxe(data: bytes) -> bytes:
        return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE worksheet [<!ENTITY xxe '
                b'SYSTEM "file:///etc/passwd">]>\n'
                + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data).replace(b"<t>SAL1</t>", b"<t>&xxe;</t>"))

    xlsx("xlsx-xxe-external-entity.xlsx", {"Actions": actions()}, patch=patch_sheet(1, xxe))

    # Forged sizes: the zip says the sheet inflates to 10 bytes; its data says otherwise.
    xlsx("xlsx-forged-sizes.xlsx", {"Actions": actions()})
    data = bytearray((HERE / "xlsx-forged-sizes.xlsx").read_bytes())
    with zipfile.ZipFile(HERE / "xlsx-forged-sizes.xlsx") as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, sheet.header_offset + 22, 10)  # local header: uncompressed size
    record = data.find(b"PK\x01\x02")
    while record >= 0:  # the central directory record of that member
        length = struct.unpack_from("<H", data, record + 28)[0]
        if bytes(data[record + 46:record + 46 + length]) == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, record + 24, 10)
        record = data.find(b"PK\x01\x02", record + 4)
    (HERE / "xlsx-forged-sizes.xlsx").write_bytes(bytes(data))

    # Billion laughs: a sheet whose XML declares entities that expand to 10^9 "lol".
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))

    def laughs(data: bytes) -> bytes:
        return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE worksheet ['
                + entities.encode() + b"]>\n" + data.replace(b"<t>SAL1</t>", b"<t>&lol9;</t>"))

    xlsx("xlsx-billion-laughs-doctype.xlsx", {"Actions": actions()}, patch=patch_sheet(1, laughs))


class _FixedClock(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(*ZIP_TIME)


def generator_only_tools() -> None:
    """Files that need a tool the tests never need: skipped when it is not installed."""
    try:
        import xlwt
    except ImportError:
        print("xlwt absent : xls-excel-97-2003.xls n'est pas régénéré (pip install xlwt)")
    else:
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("Réalisé")
        for r, row in enumerate([RESULT_HEADERS, ["SAL1", "Contacts", "févr. 2026", 35]]):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        buffer = io.BytesIO()
        book.save(buffer)
        raw_file("xls-excel-97-2003.xls", buffer.getvalue())

    try:
        from msoffcrypto.format.ooxml import OOXMLFile
        from msoffcrypto.method import ecma376_agile
        from msoffcrypto.method.container import ecma376_encrypted
    except ImportError:
        print("msoffcrypto-tool absent : xlsx-password-protected.xlsx n'est pas régénéré "
              "(pip install msoffcrypto-tool)")
    else:
        plain = xlsx("xlsx-password-protected.xlsx", {"Actions": actions()})
        encrypted = io.BytesIO()
        # Fixed salts, keys and container dates, so that the file comes out the same each time.
        ecma376_agile._random_buffer = random.Random(2026).randbytes
        ecma376_encrypted.datetime = _FixedClock
        OOXMLFile(io.BytesIO(plain.read_bytes())).encrypt("secret", encrypted)
        raw_file("xlsx-password-protected.xlsx", encrypted.getvalue())


def main() -> None:
    valid_workbooks()
    invalid_workbooks()
    csv_files()
    not_spreadsheets()
    generator_only_tools()
    written = sorted(p for p in HERE.iterdir() if p.suffix != ".py" and p.is_file())
    for path in written:
        assert path.stat().st_size < 1024 * 1024, path
    print(f"{len(written)} fichiers dans {HERE}")


if __name__ == "__main__":
    main()
