"""Names that mean one thing: what cannot be seen is not kept, one person is one owner, and a cell has a size
(issue 17)."""

from pac_core.validate import validate_files
from pac_core.validate.issues import IssueLog
from tests.builders import ACTION_HEADERS, action_row, csv_file, workbook

RESULTS = ["ID action", "Indicateur", "Période", "Réalisé"]


def plan(tmp_path, actions, results=()):
    sheets = {"Actions": [ACTION_HEADERS, *actions]}
    if results:
        sheets["Réalisé"] = [RESULTS, *map(list, results)]
    return workbook(tmp_path / "plan.xlsx", sheets)


def test_look_alike_ids_are_one_action_not_four(tmp_path):
    """« TEL » followed by a zero-width space, joined by a zero-width joiner, written fullwidth or with a soft
    hyphen: all « TEL », so the figures are TEL's and no new action appears."""
    path = plan(tmp_path, [action_row("TEL")], [
        ("TEL\u200b", "CA", "janv. 2026", 1), ("T\u200dEL", "CA", "févr. 2026", 2),
        ("ＴＥＬ", "CA", "mars 2026", 3), ("TEL\u00ad", "CA", "avr. 2026", 4)])
    validation = validate_files([path])
    assert validation.ok, validation.errors
    assert set(validation.batch.tables["results"]["action_id"]) == {"TEL"}
    notes = [(issue.row, issue.message) for issue in validation.warnings]
    assert notes[0] == (2, "Caractères invisibles retirés (U+200B (invisible)) : lu « TEL ». Ces caractères ne se "
                           "voient pas mais feraient de « TEL » un autre nom.")
    assert notes[2] == (4, "« ＴＥＬ » est écrit avec des caractères de largeur spéciale : lu « TEL ».")
    assert [row for row, _ in notes] == [2, 3, 4, 5]


def test_control_and_right_to_left_characters_are_stripped_from_names_and_said(tmp_path):
    """« \\u202eecilA » shows as « Alice »; an ESC sequence would colour a terminal: neither is kept."""
    row = action_row("A1", name="Salon\x1b[31m Lyon", owner="\u202eecilA")
    text = ";".join(ACTION_HEADERS) + "\n" + ";".join("" if v is None else str(v) for v in row) + "\n"
    validation = validate_files([csv_file(tmp_path / "actions.csv", text)])
    actions = validation.batch.tables["actions"]
    assert (actions["name"][0], actions["owner"][0]) == ("Salon[31m Lyon", "ecilA")
    assert sorted(issue.message.split(")")[0] for issue in validation.warnings) == [
        "Caractères invisibles retirés (U+001B (contrôle", "Caractères invisibles retirés (U+202E (sens d'écriture"]


def test_owners_written_differently_are_one_person_under_the_first_spelling(tmp_path):
    path = plan(tmp_path, [action_row("A1", owner="Julie"), action_row("A2", owner="julie"),
                           action_row("A3", owner="  Julié "), action_row("A4", owner="Marc")])
    validation = validate_files([path])
    assert list(validation.batch.tables["actions"]["owner"]) == ["Julie", "Julie", "Julie", "Marc"]
    assert [(issue.row, issue.message) for issue in validation.warnings] == [
        (3, "« julie » et « Julie » sont la même personne, écrite autrement : lue « Julie » (la première écriture "
            "du fichier)."),
        (4, "« Julié » et « Julie » sont la même personne, écrite autrement : lue « Julie » (la première écriture "
            "du fichier).")]


def test_names_ids_and_cells_have_a_maximum_length(tmp_path):
    rows = [action_row("A" * 65), action_row("A2", name="N" * 201), action_row("A3", owner="x" * 40_000)]
    text = "\n".join(";".join("" if v is None else str(v) for v in row) for row in [ACTION_HEADERS, *rows])
    validation = validate_files([csv_file(tmp_path / "actions.csv", text + "\n")])
    messages = [(issue.row, issue.value, issue.message) for issue in validation.errors]
    assert messages[0] == (2, "A" * 65, "Identifiant de 65 caractères : 64 au plus. Raccourcissez-le (une "
                                              "note ou une description n'a pas sa place dans cette colonne).")
    assert messages[1][0] == 3 and messages[1][2].startswith("Texte de 201 caractères : 200 au plus.")
    assert messages[2][0] == 4 and messages[2][2].startswith(
        "Cellule de 40\u202f000 caractères : Excel n'en accepte pas plus de 32 767 dans une cellule.")
    assert all(len(value) <= 80 for _, value, _ in messages)


def test_a_ten_megabyte_value_is_echoed_in_eighty_characters():
    log = IssueLog()
    log.error("f.csv", "f.csv", 2, "Réalisé", "9" * 10_000_000, "« … » n'est pas un nombre.")
    (issue,) = log.finish()
    assert issue.value == "9" * 79 + "…"
