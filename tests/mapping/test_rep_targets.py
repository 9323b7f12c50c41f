"""A targets sheet with months as columns, one row per sales rep → monthly revenue targets per action."""

from pac_core.mapping import apply, read_foreign, suggest
from tests.files.foreign.make_foreign import MONTHS, rep_targets
from tests.mapping.conftest import figures, messages

MARIE = [10000, 10000, 12000, 12000, 12000, 12000, 8000, 5000, 12000, 12000, 12000, 15000]
PAUL = {1: 8000, 2: 8000, 3: 8000, 4: 9000, 5: 9000, 6: 9000, 9: 9000, 10: 9000, 11: 9000, 12: 10000}  # no summer


def test_each_rep_finds_the_action_they_own_and_months_take_the_plans_year(tmp_path, store, actions):
    table, = read_foreign(rep_targets(tmp_path / "objectifs-commerciaux.xlsx"))
    mapping = suggest(table, actions)
    part, = mapping.tables
    assert (part.table, part.metric, part.columns) == ("targets", "ca", {"action_id": "Commercial"})
    assert part.month_columns == MONTHS  # the Total column is not a month
    assert mapping.value_maps == {"Commercial": {"marie durand": "A6", "paul martin": "A7"}}
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    assert any(w.row == 6 and "total" in w.message.lower() for w in validation.warnings)
    store.import_batch(validation.batch, user="test")
    expected = {("A6", "ca", f"2026-{m:02d}"): v for m, v in enumerate(MARIE, 1)}
    expected.update({("A7", "ca", f"2026-{m:02d}"): v for m, v in PAUL.items()})
    assert figures(store, "targets") == expected


def test_a_bad_figure_and_a_negative_target_are_named_by_month_column(tmp_path, store, actions):
    targets = {"Marie Durand": [10000, "douze mille", *[1000] * 10], "Paul Martin": [-500, *[1000] * 11]}
    table, = read_foreign(rep_targets(tmp_path / "objectifs.xlsx", targets))
    validation = apply(table, suggest(table, actions), store.context(), actions)
    assert not validation.ok
    bad, = [i for i in validation.errors if i.value == "douze mille"]
    assert (bad.sheet, bad.row, bad.column) == ("Objectifs CA", 4, "C « févr. »")
    assert "n'est pas un nombre" in bad.message
    assert store.scalar("SELECT count(*) FROM history.targets") == 0


def test_negative_targets_are_refused_by_the_usual_check(tmp_path, store, actions):
    targets = {"Marie Durand": [1000] * 12, "Paul Martin": [-500, *[1000] * 11]}
    table, = read_foreign(rep_targets(tmp_path / "objectifs.xlsx", targets))
    error, = apply(table, suggest(table, actions), store.context(), actions).errors
    assert (error.row, error.column, error.value) == (5, "B « janv. »", "-500")
    assert "Objectif négatif" in error.message


def test_months_without_a_year_need_the_plan_year_unless_the_title_names_it(tmp_path, actions):
    from pac_core.validate import Context
    from tests.builders import workbook

    no_plan_year = Context({"A6", "A7"}, set(), None)
    path = workbook(tmp_path / "objectifs.xlsx", {"Objectifs CA": [["Commercial", *MONTHS], ["Marie Durand", *MARIE]]})
    table, = read_foreign(path)
    validation = apply(table, suggest(table, actions), no_plan_year, actions)
    assert not validation.ok and "Mois sans année" in validation.errors[0].message
    table, = read_foreign(rep_targets(tmp_path / "titre.xlsx"))  # « Objectifs de chiffre d'affaires 2026 … »
    assert apply(table, suggest(table, actions), no_plan_year, actions).ok
