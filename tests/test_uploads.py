"""Uploaded bytes are validated under the user's own file names, whatever the browser sent as a name."""

from pac_core.uploads import safe_name, validate_uploads
from tests.builders import csv_file, plan_workbook


def test_messages_name_the_users_file(tmp_path):
    bad = csv_file(tmp_path / "x.csv", "ID action;Indicateur;Période;Réalisé\nZZ;ca;mai 2026;10\n")
    validation = validate_uploads([("Réalisé mai (Lyon).csv", bad.read_bytes())])
    assert not validation.ok
    assert {issue.source for issue in validation.errors} == {"Réalisé mai (Lyon).csv"}


def test_two_files_with_the_same_name_are_both_read(tmp_path):
    first = plan_workbook(tmp_path / "a.xlsx", actions=("A1",), results=[("A1", "ca", "mai 2026", 10)])
    second = plan_workbook(tmp_path / "b.xlsx", actions=("A2",), results=[("A2", "ca", "mai 2026", 20)])
    validation = validate_uploads([("plan.xlsx", first.read_bytes()), ("plan.xlsx", second.read_bytes())])
    assert validation.ok
    assert sorted(validation.batch.tables["actions"]["action_id"]) == ["A1", "A2"]
    assert validation.batch.file_names == "plan.xlsx, plan.xlsx"


def test_a_name_cannot_point_outside_the_temporary_folder():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\x\\plan.xlsx") == "plan.xlsx"
    assert safe_name("..") == safe_name("") == "fichier"


def test_an_unreadable_file_gets_one_french_sentence():
    old_excel = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600)  # an Excel 97-2003 file
    validation = validate_uploads([("budget 2025.xls", old_excel)])
    assert validation.unreadable and not validation.ok
    (error,) = validation.errors
    assert "« budget 2025.xls »" in error.message and "(.xlsx)" in error.message


def test_a_sellsy_workbook_uploaded_is_read_for_the_column_mapping(tmp_path):
    """As the Données page does: refused as our format (no table of the plan), then its sheet read as Sellsy's."""
    from pac_core.uploads import read_foreign_uploads
    from tests.files.foreign.exports import sellsy

    data = sellsy(tmp_path / "sellsy.xlsx").read_bytes()
    validation = validate_uploads([("Export Sellsy.xlsx", data)])
    assert validation.no_plan_table
    tables, unreadable = read_foreign_uploads([("Export Sellsy.xlsx", data)])
    assert unreadable == [] and [(t.source, t.sheet_name, len(t)) for t in tables] == [
        ("Export Sellsy.xlsx", "Opportunités", 4)]


def test_a_file_dropped_beside_ours_without_a_table_of_the_plan_is_named_not_ignored(tmp_path):
    plan = plan_workbook(tmp_path / "a.xlsx", actions=("A1",), results=[("A1", "ca", "mai 2026", 10)])
    validation = validate_uploads([("plan.xlsx", plan.read_bytes()), ("campagnes.csv", b"Campagne;Clics\nX;3\n")])
    assert validation.ok and list(validation.batch.tables["actions"]["action_id"]) == ["A1"]
    (warning,) = [issue for issue in validation.warnings if issue.source == "campagnes.csv"]
    assert warning.message.startswith("« campagnes.csv » a été ignoré : on n'y trouve aucune table du plan")


def test_a_file_dropped_beside_a_refused_one_is_said_to_be_unchecked():
    from tests.files.hostile.make_hostile import cell_at_xfd1048576

    validation = validate_uploads([("abime.xlsx", cell_at_xfd1048576()), ("campagnes.csv", b"Campagne;Clics\nX;3\n")])
    assert [issue.source for issue in validation.errors] == ["abime.xlsx"]
    (warning,) = validation.warnings
    assert warning.source == "campagnes.csv" and "n'a pas encore été vérifié" in warning.message
