"""Files from outside are parsed in a child process with a deadline and a memory ceiling: same outcome as a
direct validation for an ordinary file, one French sentence when a bound is hit, and the server untouched."""

from pac_core.validate import validate_files
from pac_core.validate.bounded import validate_bounded
from tests.builders import plan_workbook


def test_an_ordinary_file_gets_the_same_outcome_as_a_direct_validation(tmp_path):
    path = plan_workbook(tmp_path / "p.xlsx", results=[("A1", "ca", "mai 2026", 10), ("A9", "ca", "mai 2026", 5)])
    direct, bounded = validate_files([path]), validate_bounded([path])
    assert [issue.message for issue in bounded.issues] == [issue.message for issue in direct.issues]
    assert bounded.ok == direct.ok is False  # A9 is not in the plan


def test_a_valid_file_comes_back_importable(tmp_path):
    bounded = validate_bounded([plan_workbook(tmp_path / "p.xlsx", results=[("A1", "ca", "mai 2026", 10)])])
    assert bounded.ok and bounded.batch.tables["results"]["value"].tolist() == [10.0]


def test_a_file_that_takes_too_long_is_refused_in_one_sentence(tmp_path):
    path = plan_workbook(tmp_path / "p.xlsx", results=[("A1", "ca", "mai 2026", 10)])
    refused = validate_bounded([path], seconds=0.001)
    assert not refused.ok and refused.unreadable
    assert "« p.xlsx » ne peut pas être lu : sa lecture a dépassé 0,001 s" in refused.errors[0].message and refused.errors[0].source == "p.xlsx"


def test_a_file_that_needs_too_much_memory_is_refused_in_one_sentence(tmp_path):
    """The ceiling is what the parse may add once the libraries are loaded: 20 000 rows need more than 8 Mo."""
    rows = [("A1", "ca", f"{month:02d}/2026", month) for month in range(1, 13)] * 1700
    refused = validate_bounded([plan_workbook(tmp_path / "p.xlsx", results=rows)], memory_bytes=8 * 1024 ** 2)
    assert not refused.ok and "« p.xlsx » ne peut pas être lu : sa lecture demandait plus de 8 Mo de mémoire" in \
        refused.errors[0].message
