"""Reading CSV files: rows numbered as a text editor numbers them, rows whose values would shift refused."""

import pytest

from pac_core.io.csv_file import read_csv
from pac_core.io.recognise import header_score
from tests.builders import csv_file


def body(path, header_row=0):
    """Each data row as a list of texts, with the line it starts on; and the rows refused."""
    sheet = read_csv(path, header_score)
    columns, lines = sheet.columns(header_row)
    rows = [list(values) for values in zip(*(column.to_pylist() for column in columns))]
    return list(zip(lines.tolist(), rows)), sheet.bad_rows


def test_a_header_alone_gives_no_row_rather_than_an_error(tmp_path):
    assert body(csv_file(tmp_path / "r.csv", "ID action;Indicateur;Période;Réalisé\r\n")) == ([], [])


def test_lines_inside_quoted_values_and_blank_lines_are_counted(tmp_path):
    path = csv_file(tmp_path / "r.csv", 'ID action;Action\r\nA1;"deux\r\nlignes"\r\n\r\nA2;après\r\n;\r\nA3;fin')
    rows, bad = body(path)
    assert rows == [(2, ["A1", "deux\r\nlignes"]), (5, ["A2", "après"]), (6, ["", ""]), (7, ["A3", "fin"])]
    assert bad == []


def test_lines_ended_by_cr_alone_are_lines(tmp_path):
    """A blank line may come as an empty row (the table reader skips blank rows): what matters is the lines."""
    path = csv_file(tmp_path / "r.csv", "ID action;Action\rA1;un\r\rA2;deux\r")
    rows = [(line, values) for line, values in body(path)[0] if any(values)]
    assert rows == [(2, ["A1", "un"]), (4, ["A2", "deux"])]


def test_a_plain_file_keeps_its_line_numbers_below_a_title(tmp_path):
    path = csv_file(tmp_path / "r.csv", "Export du 03/04/2026;;\r\nID action;Indicateur;Réalisé\r\n"
                                        "A1;CA;10\r\nA2;CA;20\r\n")
    assert body(path, header_row=1)[0] == [(3, ["A1", "CA", "10"]), (4, ["A2", "CA", "20"])]


def test_short_rows_and_empty_trailing_values_shift_nothing_and_are_kept(tmp_path):
    path = csv_file(tmp_path / "r.csv", "ID action;Indicateur;Réalisé\r\nA1;CA\r\nA2;CA;20;;\r\n")
    assert body(path) == ([(2, ["A1", "CA", ""]), (3, ["A2", "CA", "20"])], [])


@pytest.mark.parametrize("delimiter, named", [(";", "« ; »"), ("\t", "caractère de tabulation")])
def test_a_row_with_more_values_than_the_header_is_refused_with_its_line(tmp_path, delimiter, named):
    text = "\r\n".join(delimiter.join(row) for row in (
        ["ID action", "Indicateur", "Réalisé"], ["A1", "CA", "10"], ["A2", "CA", "1", "250"], ["A3", "CA", "30"]))
    rows, bad = body(csv_file(tmp_path / "r.csv", text))
    assert [line for line, _ in rows] == [2, 4]
    assert len(bad) == 1
    line, raw, message = bad[0]
    assert (line, raw) == (3, delimiter.join(["A2", "CA", "1", "250"]))
    assert f"4 valeurs alors que l'en-tête a 3 colonnes : un {named} en trop" in message


def test_a_windows_1252_file_reads_every_character_as_excel_wrote_it(tmp_path):
    """Each column is converted from its bytes: accents, « € » (three bytes in UTF-8), no-break spaces, « œ »,
    in IDs, labels and amounts, next to plain ASCII columns."""
    text = ("ID action;Indicateur;Période;Réalisé\r\n"
            "É-01;Coût réel;févr. 2026;1\u00a0250,40 €\r\n"
            "A2;Chiffre d'affaires;déc. 2026;2 000\r\n"
            "Œuvre-3;CA;août 2026;12,5 %\r\n")
    rows, bad = body(csv_file(tmp_path / "r.csv", text, encoding="cp1252"))
    assert rows == [(2, ["É-01", "Coût réel", "févr. 2026", "1\u00a0250,40 €"]),
                    (3, ["A2", "Chiffre d'affaires", "déc. 2026", "2 000"]),
                    (4, ["Œuvre-3", "CA", "août 2026", "12,5 %"])]
    assert bad == []


def test_a_windows_1252_file_with_quoted_line_breaks_keeps_its_accents(tmp_path):
    text = 'ID action;Action\r\nA1;"Salon\r\nde l\'été"\r\nA2;Forêt\r\n'
    rows, _ = body(csv_file(tmp_path / "r.csv", text, encoding="cp1252"))
    assert rows == [(2, ["A1", "Salon\r\nde l'été"]), (4, ["A2", "Forêt"])]


def test_a_long_windows_1252_file_reads_repeated_and_distinct_accented_values_alike(tmp_path):
    """Columns of a few repeated values (months) and of all-different values (amounts with no-break spaces)
    are converted two ways; both must give back what Excel wrote."""
    months = ["janv.", "févr.", "août", "déc."]
    lines = [f"A{n};CA;{months[n % 4]} 2026;{n}\u00a0{n % 1000:03d},5 €" for n in range(3000)]
    text = "ID action;Indicateur;Période;Réalisé\r\n" + "\r\n".join(lines) + "\r\n"
    rows, _ = body(csv_file(tmp_path / "r.csv", text, encoding="cp1252"))
    assert [values for _, values in rows] == [line.split(";") for line in lines]
    assert rows[-1][0] == 3001


def test_a_small_file_is_read_without_starting_a_thread(tmp_path):
    """The bounded reader's child reads under a memory ceiling where a new thread may not fit (an abort, seen in
    CI). Arrow's reader always needs its one reading thread, which the child starts before its ceiling: a file of
    a few KB must need no other."""
    import subprocess
    import sys
    from pathlib import Path

    path = csv_file(tmp_path / "r.csv", "ID action;Indicateur;Période;Réalisé\n"
                    + "".join(f"A{i};leads;2026-01;{i}\n" for i in range(200)))
    script = ("import os, pyarrow, pyarrow.csv; from pathlib import Path; from pac_core.io.csv_file import read_csv; "
              "from pac_core.io.recognise import header_score; threads = lambda: len(os.listdir('/proc/self/task')); "
              "pyarrow.csv.read_csv(pyarrow.BufferReader(b'a\\n1\\n'), "
              "read_options=pyarrow.csv.ReadOptions(use_threads=False)); before = threads(); "
              f"columns, lines = read_csv(Path({str(path)!r}), header_score).columns(0); "
              "print(before, threads(), len(lines))")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root)
    before, after, rows = map(int, done.stdout.split())
    assert rows == 200 and after == before
