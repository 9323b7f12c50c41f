"""Reading foreign files: header below title lines, blank and total rows skipped, row numbers kept."""

import datetime as dt

import pytest

from pac_core.io.sheet import UnreadableFile
from pac_core.mapping import read_foreign, signature
from tests.builders import workbook
from tests.files.foreign.make_foreign import AD_HEADERS, ad_export, crm_export


def test_the_header_is_found_below_title_lines_and_rows_keep_their_excel_numbers(tmp_path):
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    assert table.header_row == 3  # row 4 in Excel, under two title lines and a blank line
    assert table.names == AD_HEADERS
    assert table.rows.tolist() == [5, 6, 7, 8, 10, 11, 12]  # row 9 is blank
    assert table.column("Canal")[:3] == ["META", "Google Ads", "Meta"]
    assert table.label("Dépense (€)") == "F « Dépense (€) »"


def test_a_total_row_is_skipped_with_a_warning_naming_its_row(tmp_path):
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    warning, = table.log.issues
    assert (warning.level, warning.sheet, warning.row) == ("avertissement", "Export", 13)
    assert "total" in warning.message.lower()
    assert 13 not in table.rows


def test_a_french_csv_is_decoded_with_its_semicolons_and_title_line(tmp_path):
    table, = read_foreign(crm_export(tmp_path / "crm.csv"))
    assert table.names[0] == "Nom de l'opportunité" and "Étape" in table.names
    assert table.rows.tolist() == [3, 4, 5, 6, 7, 8]
    assert table.column("Montant")[0] == "12 000,00"
    assert table.label("Étape") == "Étape"  # a CSV has no column letters


def test_the_signature_ignores_order_case_and_accents(tmp_path):
    first, = read_foreign(workbook(tmp_path / "a.xlsx", {"S": [["Date", "Dépense", "Canal"], [dt.date(2026, 1, 1), 1, "x"]]}))
    second, = read_foreign(workbook(tmp_path / "b.xlsx", {"S": [["CANAL", "depense", "date"], ["x", 2, dt.date(2026, 1, 2)]]}))
    assert first.signature == second.signature == signature(["canal", "date", "dépense"]) == "canal|date|depense"


def test_a_sheet_without_a_table_is_refused_in_french(tmp_path):
    with pytest.raises(UnreadableFile, match="aucun tableau lisible"):
        read_foreign(workbook(tmp_path / "vide.xlsx", {"S": [["Juste un titre"], [], [12]]}))


def test_a_csv_from_elsewhere_is_read_in_the_bounded_process_and_comes_back_whole(tmp_path):
    """The Données page reads uploads in a child process (validate/bounded.py): a CSV sheet must survive the trip
    back (it used to carry a lambda, which cannot be pickled: every foreign CSV crashed the page)."""
    from pac_core.uploads import read_foreign_uploads

    text = ("Nom de la campagne\tJour\tMontant dépensé (EUR)\tImpressions\tClics (tous)\r\n"
            "Formation managers\t02/10/2026\t150,50\t8 000\t210\r\n"
            "Relance webinaire\t16/10/2026\t120,00\t7 000\t180\r\n")
    tables, unreadable = read_foreign_uploads([("Meta Ads octobre.csv", text.encode("cp1252"))])
    assert unreadable == []
    table, = tables
    assert table.headers == ["Nom de la campagne", "Jour", "Montant dépensé (EUR)", "Impressions", "Clics (tous)"]
    assert [str(cell) for cell in table.cells["Montant dépensé (EUR)"]] == ["150,50", "120,00"]
    assert table.rows.tolist() == [2, 3]
    columns, lines = table.sheet.columns(table.header_row)  # the sheet still reads itself after the trip
    assert [str(cell) for cell in columns[0]] == ["Formation managers", "Relance webinaire"]


def test_a_note_under_the_table_is_no_row(tmp_path):
    """Microsoft Advertising ends its reports with its copyright: one text cell under the rows, not a row."""
    path = tmp_path / "bing.csv"
    path.write_text('"Date","Campaign","Spend"\n"1/6/2026","Bing - Marque","63.40"\n\n'
                    '"©2026 Microsoft Corporation. All rights reserved. "\n', encoding="utf-8-sig")
    table, = read_foreign(path)
    assert list(table.rows) == [2]
    assert [(issue.row, issue.value, issue.message) for issue in table.log.issues] == [
        (4, "©2026 Microsoft Corporation. All rights reserved.",
         "Ligne ignorée sous le tableau : une seule cellule remplie, c'est une note et non une ligne de données.")]
