"""What each file of the corpus must produce (tests/test_corpus.py checks it; make_corpus.py writes the files).

VALID files are imported into a fresh DuckDB file, then the figures are read back from the views. INVALID
files name the problem: a French fragment of the message and, where there is one, the sheet, the row as
Excel or a text editor numbers it, the column as the message shows it and the raw value. UNREADABLE files
are not spreadsheets we can read at all (the CLI exits 2 for them, 1 for INVALID, 0 for VALID).
`preload` names corpus files imported first: a CSV of results needs the plan's actions in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VALID, INVALID, UNREADABLE = "valid", "invalid", "unreadable"
PLAN = ("xlsx-clean-plan-2026.xlsx",)  # 3 actions (SAL1, WEB1, TEL1), 8 targets, 7 results, 2 objectives


@dataclass(frozen=True)
class Fact:
    """A query over the views after the import, and the rows it must return."""

    sql: str
    expected: list[tuple]
    params: tuple = ()


@dataclass(frozen=True)
class Problem:
    """The error a refused file must show."""

    message: str  # fragment of the French message
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class Case:
    file: str
    says: str  # the specification, in one line
    outcome: str
    imported: dict = field(default_factory=dict)  # table → rows of this import
    facts: tuple[Fact, ...] = ()
    warnings: tuple[str, ...] = ()  # every warning must contain one of these, and each of these must appear
    problem: Problem | None = None
    preload: tuple[str, ...] = ()


def valid(file, says, *, imported, facts=(), warnings=(), preload=()) -> Case:
    return Case(file, says, VALID, imported, tuple(facts), tuple(warnings), None, preload)


def invalid(file, says, message, *, sheet=None, row=None, column=None, value=None, preload=()) -> Case:
    return Case(file, says, INVALID, problem=Problem(message, sheet, row, column, value), preload=preload)


def unreadable(file, says, message) -> Case:
    return Case(file, says, UNREADABLE, problem=Problem(message))


def figure(table: str, action_id: str | None, metric: str, month: str, value: float) -> Fact:
    """One figure of `table` (results or targets); action_id None for a company-wide figure."""
    return Fact(f"SELECT value FROM {table} WHERE action_id IS NOT DISTINCT FROM ? AND metric = ? "
                "AND strftime(month, '%Y-%m') = ?", [(value,)], (action_id, metric, month))


def no_figure(table: str, action_id: str, metric: str, month: str) -> Fact:
    return Fact(f"SELECT value FROM {table} WHERE action_id = ? AND metric = ? AND strftime(month, '%Y-%m') = ?",
                [], (action_id, metric, month))


def total(table: str, rows: int, amount: float | None = None, where: str = "TRUE") -> Fact:
    """Rows of a view and the sum of their values (the whole database, preloaded plan included)."""
    if amount is None:
        return Fact(f"SELECT count(*) FROM {table} WHERE {where}", [(rows,)])
    return Fact(f"SELECT count(*), sum(value) FROM {table} WHERE {where}", [(rows, amount)])


def action(action_id: str, column: str, value) -> Fact:
    """One column of one action; dates compared as YYYY-MM-DD."""
    shown = f"strftime({column}, '%Y-%m-%d')" if column.endswith("date") else column
    return Fact(f"SELECT {shown} FROM actions WHERE action_id = ?", [(value,)], (action_id,))


def query(sql: str, expected: list[tuple]) -> Fact:
    return Fact(sql, expected)


SPREAD = "réparti également sur chaque mois"
TOTAL_ROW = "Ligne de total ignorée"
SAME_MONTHS = [figure("results", "WEB1", "contacts", "2026-01", 28), figure("results", "TEL1", "appels", "2026-03", 190),
               total("results", 6, 677)]

CASES: list[Case] = [
    # -- workbooks that import -----------------------------------------------------------------------
    valid("xlsx-clean-plan-2026.xlsx", "the canonical workbook imports every sheet without a warning",
          imported={"actions": 3, "targets": 8, "results": 7, "strategic_objectives": 2},
          facts=[total("targets", 8, 15730), total("results", 7, 4839),
                 figure("targets", "WEB1", "contacts", "2026-02", 30),  # "T1 2026": 90 spread over 3 months
                 figure("results", None, "clients_actifs", "2026-01", 150)]),
    valid("xlsx-header-on-row-4-with-title.xlsx", "imports 12 results summing to 4321.5 below three title rows",
          imported={"actions": 3, "results": 12},
          facts=[total("results", 12, 4321.5), figure("results", "SAL1", "ca", "2026-03", 1250.5)]),
    valid("xlsx-english-headers.xlsx", "English sheet names and headers are accepted",
          imported={"actions": 3, "targets": 2, "results": 3},
          facts=[figure("results", "TEL1", "rdv", "2026-01", 9), figure("targets", "SAL1", "ca", "2026-03", 15000),
                 action("WEB1", "budget", 12000), action("TEL1", "end_date", "2026-06-30")]),
    valid("xlsx-headers-any-case-without-accents.xlsx", "headers in capitals without accents are accepted",
          imported={"actions": 3, "results": 2},
          facts=[total("results", 2, 66), action("SAL1", "start_date", "2026-02-01"),
                 figure("results", "WEB1", "contacts", "2026-02", 31)]),
    valid("xlsx-months-as-columns-with-total.xlsx",
          "janv.…déc. take the year of the Actions sheet; the total row and column are skipped with a warning",
          imported={"actions": 3, "targets": 20},
          facts=[total("targets", 20, 1620), figure("targets", "TEL1", "appels", "2026-06", 200),
                 no_figure("targets", "TEL1", "appels", "2026-07"), figure("targets", "SAL1", "contacts", "2026-03", 20)],
          warnings=[TOTAL_ROW, "Colonnes ignorées : O « Total » (total)"]),
    valid("xlsx-months-as-columns-janv-2026.xlsx", "« janv. 2026 » headers; an empty cell is no figure; no ID is "
          "company-wide", imported={"actions": 3, "results": 8},
          facts=[total("results", 8, 944), total("results", 3, 457, where="action_id IS NULL"),
                 no_figure("results", "TEL1", "appels", "2026-03")]),
    valid("xlsx-months-as-columns-iso-2026-01.xlsx", "« 2026-01 » headers are months",
          imported={"actions": 3, "results": 6}, facts=SAME_MONTHS),
    valid("xlsx-months-as-columns-date-cells.xlsx", "real date cells as headers are months",
          imported={"actions": 3, "results": 6}, facts=SAME_MONTHS),
    valid("xlsx-months-as-columns-serial-numbers.xlsx", "Excel serial numbers as headers are months",
          imported={"actions": 3, "results": 6}, facts=SAME_MONTHS),
    valid("xlsx-blank-rows-and-columns.xlsx", "blank rows, a blank first column and a blank column are skipped",
          imported={"actions": 3, "results": 2},
          facts=[action("TEL1", "name", "Campagne d'appels"), action("TEL1", "channel", "Téléprospection"),
                 total("results", 2, 66)]),
    valid("xlsx-french-numbers-as-text.xlsx",
          "« 2 000 € », « 1 250,40 », « 12,5 % » with plain, no-break and narrow no-break spaces",
          imported={"actions": 3, "results": 4, "strategic_objectives": 1},
          facts=[action("A1", "budget", 2000), action("A2", "budget", 12500), action("A3", "budget", 4500.5),
                 figure("results", "A1", "ca", "2026-02", 1250.4), figure("results", "A1", "ca", "2026-03", 1000),
                 figure("results", "A2", "cout", "2026-02", 3999.99), figure("results", "A3", "appels", "2026-02", 215),
                 query("SELECT baseline, target FROM strategic_objectives", [(150, 0.125)])]),
    valid("xlsx-dates-as-french-text.xlsx",
          "« 03/02/2026 » is 3 February; « févr. 2026 », « FEV 2026 », « Mars 2026 »; « T1 2026 » spread over 3 months",
          imported={"actions": 3, "results": 7},
          facts=[action("SAL1", "start_date", "2026-02-03"), action("TEL1", "end_date", "2026-06-30"),
                 figure("results", "SAL1", "cout", "2026-02", 4200), figure("results", "TEL1", "appels", "2026-02", 215),
                 query("SELECT strftime(month, '%m'), value FROM results WHERE action_id = 'WEB1' ORDER BY month",
                       [("01", 30), ("02", 30), ("03", 30)]),
                 total("results", 7, 4730)],
          warnings=[SPREAD]),
    valid("xlsx-excel-serial-and-real-dates.xlsx", "Excel serial numbers and real date cells as dates and periods",
          imported={"actions": 3, "results": 3},
          facts=[action("SAL1", "start_date", "2026-02-01"), action("SAL1", "end_date", "2026-03-31"),
                 action("WEB1", "start_date", "2026-01-01"), figure("results", "SAL1", "contacts", "2026-02", 35),
                 figure("results", "SAL1", "contacts", "2026-03", 12), figure("results", "TEL1", "appels", "2026-01", 180)]),
    valid("xlsx-leading-zero-ids.xlsx", "IDs keep their leading zeros (« 007 »)",
          imported={"actions": 3, "results": 2},
          facts=[query("SELECT action_id FROM actions ORDER BY action_id", [("007",), ("0100",), ("012",)]),
                 figure("results", "007", "contacts", "2026-02", 35), figure("results", "0100", "appels", "2026-02", 215)]),
    valid("xlsx-hidden-and-unrelated-sheets.xlsx", "a hidden sheet and an unrelated sheet are ignored with a note",
          imported={"actions": 3, "results": 1}, facts=[total("results", 1, 35)],
          warnings=["La feuille masquée « Calculs » a été ignorée", "La feuille « Notes de réunion » a été ignorée"]),
    valid("xlsx-template-as-downloaded.xlsx", "the template imports as is; its Instructions and Listes sheets "
          "are skipped without a word", imported={"actions": 1, "targets": 1, "results": 1,
                                                   "strategic_objectives": 1, "opportunities": 1},
          facts=[figure("results", "EX1", "contacts", "2026-03", 35),
                 query("SELECT stage, status FROM opportunities", [("Prise de RDV", "En cours")])]),
    valid("xlsx-indicators-code-label-alias-no-accents.xlsx",
          "indicators by code, French label, alias, in capitals, without accents",
          imported={"actions": 3, "results": 9},
          facts=[query("SELECT metric, count(*) FROM results GROUP BY metric ORDER BY metric",
                       [("appels", 1), ("ca", 2), ("cout", 2), ("grands_comptes", 1), ("nouveaux_clients", 1),
                        ("rdv", 2)])]),
    valid("xlsx-company-wide-results.xlsx", "rows without an action ID (empty or a space) are company-wide figures",
          imported={"actions": 3, "results": 4},
          facts=[total("results", 3, 303, where="action_id IS NULL"),
                 figure("results", None, "grands_comptes", "2026-02", 1)]),
    valid("xlsx-formulas-with-cached-values.xlsx", "a formula counts for the result Excel saved with it; a total "
          "column of formulas is skipped", imported={"actions": 3, "results": 5},
          facts=[figure("results", "SAL1", "contacts", "2026-03", 70), total("results", 5, 184)],
          warnings=["Colonnes ignorées : F « Total » (total)"]),

    # -- workbooks refused, naming the sheet, the row, the column and the value ----------------------------
    invalid("xlsx-header-on-row-4-bad-number-on-row-7.xlsx", "a bad number is named on the row Excel shows (7)",
            "« douze » n'est pas un nombre", sheet="Réalisé", row=7, column="D « Réalisé »", value="douze"),
    invalid("xlsx-ambiguous-thousands-dot.xlsx", "« 1.234 » is ambiguous (1234 or 1,234?)",
            "est ambigu (1234 ou 1,234 ?)", sheet="Réalisé", row=3, column="D « Réalisé »", value="1.234"),
    invalid("xlsx-unknown-indicator.xlsx", "an unknown indicator gets the closest known name",
            "Vouliez-vous dire « Chiffre d'affaires » ?", sheet="Réalisé", row=3, column="B « Indicateur »",
            value="Chifre d'affaire"),
    invalid("xlsx-duplicate-results.xlsx", "the same action, indicator and month twice (« Contacts »/« contacts recueillis », "
            "« févr. 2026 »/« 02/2026 ») names both rows", "Doublon : même clé que la ligne 2", sheet="Réalisé",
            row=5, value="SAL1 / contacts / 02/2026"),
    invalid("xlsx-period-after-plan-year.xlsx", "a month after the plan's year is refused (earlier ones are history)",
            "après l'année du plan (2026)", sheet="Réalisé", row=3, column="C « Période »", value="01/2027"),
    invalid("xlsx-negative-budget.xlsx", "a negative budget is refused", "Budget négatif", sheet="Actions", row=3,
            column="J « Budget »", value="-1500"),
    invalid("xlsx-end-before-start.xlsx", "an action ending before it starts is refused",
            "La fin (28/02/2026) est avant le début (01/03/2026)", sheet="Actions", row=2, column="I « Fin »",
            value="28/02/2026"),
    invalid("xlsx-negative-target.xlsx", "a negative target is refused", "Objectif négatif", sheet="Objectifs",
            row=3, column="D « Objectif »", value="-200"),
    invalid("xlsx-formulas-without-cached-values.xlsx", "a formula saved without its result (openpyxl) would read "
            "as empty: refused rather than lost", "formule dont le résultat n'a pas été enregistré",
            sheet="Réalisé", row=3, column="D « Réalisé »"),
    invalid("xlsx-header-only.xlsx", "headers and no data: nothing to import is said, not a silent success",
            "il n'y a rien à importer", sheet="Réalisé", row=1),
    invalid("xlsx-months-as-columns-no-year-no-actions.xlsx", "« janv. » without a year nor an Actions sheet",
            "Mois sans année", sheet="Réalisé", row=1, column="C « janv. »"),

    # -- CSV files -----------------------------------------------------------------------------------
    valid("csv-utf8-bom-semicolon.csv", "UTF-8 with BOM, « ; », narrow no-break spaces in « 12 500,00 € »",
          imported={"results": 4}, preload=PLAN,
          facts=[figure("results", "SAL1", "ca", "2026-03", 12500),
                 figure("results", None, "clients_actifs", "2026-02", 152)]),
    valid("csv-utf8-comma-decimal-point.csv", "UTF-8 without BOM, « , » between values, decimal point",
          imported={"results": 3}, preload=PLAN,
          facts=[figure("results", "SAL1", "ca", "2026-03", 1250.4), figure("results", "SAL1", "cout", "2026-03", 199.9)]),
    valid("csv-cp1252-semicolon-decimal-comma.csv", "French Excel's CSV: Windows-1252, « ; », decimal comma; "
          "it replaces the figures of its months", imported={"results": 4}, preload=PLAN,
          facts=[figure("results", "SAL1", "ca", "2026-02", 1250.4), figure("results", "SAL1", "cout", "2026-02", 2000),
                 total("results", 8)]),
    valid("csv-tab-separated.tsv", "tab-separated text", imported={"results": 2}, preload=PLAN,
          facts=[figure("results", "WEB1", "contacts", "2026-03", 33)]),
    valid("txt-excel-unicode-text-utf16-tabs.txt", "Excel's « Texte Unicode »: UTF-16 with BOM and tabs",
          imported={"results": 2}, preload=PLAN, facts=[figure("results", "TEL1", "appels", "2026-03", 190)]),
    valid("csv-long-results-recognised-by-columns.csv", "a CSV is results because of its « Réalisé » column, "
          "whatever its name and column order", imported={"results": 2}, preload=PLAN,
          facts=[figure("results", "SAL1", "contacts", "2026-03", 12), total("targets", 8)]),
    valid("csv-wide-months-realise-in-file-name.csv", "a months-as-columns CSV is results because its name says "
          "« realise »", imported={"results": 6}, preload=PLAN,
          facts=[figure("results", "TEL1", "appels", "2026-03", 190), total("targets", 8)]),
    valid("csv-quoted-newline-in-value.csv", "a quoted value may hold a line break or a « ; »",
          imported={"actions": 2},
          facts=[action("EV1", "name", "Soirée clients au showroom"),  # line breaks in text become spaces
                 action("EV2", "name", "Petit-déjeuner « RH »; invités"), action("EV2", "budget", 800)]),
    valid("csv-short-rows-and-trailing-semicolons.csv", "short rows and trailing « ; » shift nothing: accepted",
          imported={"results": 3}, preload=PLAN, facts=[figure("results", "TEL1", "appels", "2026-03", 190)],
          warnings=["Colonnes ignorées : E « Commentaire »"]),
    valid("csv-title-line-above-header.csv", "a title line and an empty line above the header",
          imported={"results": 2}, preload=PLAN, facts=[figure("results", "SAL1", "contacts", "2026-03", 12)]),
    invalid("csv-results-unknown-action.csv", "results of an action the plan does not have: named, with a "
            "suggestion", "Action « SAL-1 » inconnue (2 lignes). Vouliez-vous dire « SAL1 » ?",
            sheet="csv-results-unknown-action.csv", row=3, column="ID action", value="SAL-1", preload=PLAN),
    invalid("csv-wide-months-no-hint-in-name.csv", "months as columns and nothing to tell targets from results",
            "impossible de savoir s'il contient des objectifs ou du réalisé", preload=PLAN),
    invalid("csv-ragged-row-stray-semicolon.csv", "a stray « ; » that shifts values is named with its line",
            "Cette ligne a 5 valeurs alors que l'en-tête a 4 colonnes", row=3, value="WEB1;Contacts;mars;2026;33",
            preload=PLAN),
    invalid("csv-quoted-newline-then-bad-budget.csv", "line numbers count the lines inside quoted values",
            "« huit cents » n'est pas un nombre", row=4, column="Budget", value="huit cents"),
    invalid("csv-blank-lines-then-bad-period-on-line-6.csv", "line numbers count blank lines",
            "le mois 13 n'existe pas", row=6, column="Période", value="13/2026", preload=PLAN),
    invalid("csv-cr-line-endings-old-mac.csv", "lines ended by CR alone are counted as an editor counts them",
            "« 1 9O » n'est pas un nombre", row=4, column="Réalisé", value="1 9O", preload=PLAN),
    invalid("csv-header-only.csv", "a CSV with its header only: nothing to import is said",
            "il n'y a rien à importer", row=1, preload=PLAN),
    valid("csv-formula-and-html-injection.csv", "formulas and HTML in cells are stored as text, never run",
          imported={"actions": 2},
          facts=[action("INJ1", "name", '=HYPERLINK("http://exemple.invalid";"clic")'),
                 action("INJ1", "owner", "@SUM(A1)"), action("INJ2", "name", "<script>alert('x')</script>")]),
    valid("csv-sql-looking-header.csv", "a header that looks like SQL is only a header: its extra columns ignored",
          imported={"results": 1}, preload=PLAN, warnings=["Colonnes ignorées"],
          facts=[figure("results", "SAL1", "contacts", "2026-03", 12)]),
    invalid("csv-two-periods-in-one-cell.csv", "two months in one cell is not a period", "n'est pas une période",
            row=2, column="Période", value="janv.-févr. 2026", preload=PLAN),
    invalid("csv-impossible-date-31-02.csv", "31 February does not exist", "cette date n'existe pas",
            row=2, column="Période", value="31/02/2026", preload=PLAN),
    invalid("text-paragraph-not-a-table.txt", "a paragraph of text is read but holds no table",
            "Aucune table du plan n'a été trouvée"),

    # -- files that are not readable spreadsheets ----------------------------------------------------
    unreadable("csv-mojibake-utf8-read-as-cp1252.csv", "UTF-8 read as Windows-1252 and saved again (« PÃ©riode »)",
               "a été mal converti : on y lit « Ã© »"),
    unreadable("csv-empty-0-bytes.csv", "an empty CSV", "est vide"),
    unreadable("xlsx-empty-0-bytes.xlsx", "an empty .xlsx", "est vide"),
    unreadable("not-a-spreadsheet.png", "an image", "est une image, pas un tableau"),
    unreadable("jpeg-photo-renamed.xlsx", "a photo renamed .xlsx", "est une image, pas un tableau"),
    unreadable("xlsx-external-links.xlsx", "a workbook linked to another workbook", "liaisons vers d'autres classeurs"),
    unreadable("xlsx-xxe-external-entity.xlsx", "XXE: an entity that would read /etc/passwd",
               "contient une déclaration DOCTYPE ou ENTITY"),
    unreadable("xlsx-forged-sizes.xlsx", "a zip whose sizes lie about its content", "archive endommagée ou falsifiée"),
    unreadable("pdf-renamed.xlsx", "a PDF renamed .xlsx", "est un document PDF"),
    unreadable("html-table-crm-export.xls", "an HTML table renamed .xls, as CRMs export", "page web (HTML)"),
    unreadable("xml-spreadsheet-2003-renamed.xls", "Excel 2003 XML renamed .xls", "Feuille de calcul XML 2003"),
    unreadable("xls-excel-97-2003.xls", "a real Excel 97-2003 workbook", "ancien classeur Excel 97-2003 (.xls)"),
    unreadable("xlsx-password-protected.xlsx", "a password-protected workbook", "protégé par un mot de passe"),
    unreadable("xlsx-truncated-download.xlsx", "half a workbook (an interrupted download)", "archive endommagée"),
    unreadable("docx-renamed.xlsx", "a Word document renamed .xlsx", "est un document Word"),
    unreadable("ods-opendocument.ods", "an OpenDocument spreadsheet", "classeur OpenDocument (.ods)"),
    unreadable("xlsm-macro-enabled.xlsm", "a workbook with macros", "contient des macros"),
    unreadable("xlsx-zip-bomb.xlsx", "100 MB packed in 100 KB", "se décompresse en un volume anormal"),
    unreadable("xlsx-billion-laughs-doctype.xlsx", "a sheet whose XML declares nested entities",
               "contient une déclaration DOCTYPE ou ENTITY"),
]
