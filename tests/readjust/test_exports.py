"""What leaves the quarterly review: the decisions log never turns a comment into a formula, the revised plan
re-imports as is, and the summary is one page."""

import io

import openpyxl
import pandas as pd
from pypdf import PdfReader

from pac_core.readjust.exports import plan_workbook, summary_pdf, table_workbook
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.readjust.test_plan_versions import save_renforcer_a1, store  # noqa: F401 (fixture)


def test_a_comment_starting_like_a_formula_stays_text():
    data = table_workbook(pd.DataFrame({"Commentaire": ["=HYPERLINK(\"x\")", "+1", "-2", "@a", "ok"]}), "Décisions")
    cells = [cell for cell in openpyxl.load_workbook(io.BytesIO(data)).active["A"]][1:]
    assert [(c.value, c.data_type) for c in cells][0] == ('=HYPERLINK("x")', "s")
    assert [c.quotePrefix for c in cells] == [True, True, True, True, False]


def test_the_revised_plan_reimports_with_its_targets_and_budgets(store, tmp_path):  # noqa: F811
    save_renforcer_a1(store)
    path = tmp_path / "plan-v2.xlsx"
    path.write_bytes(plan_workbook(store, 2))
    with Store(tmp_path / "autre.duckdb") as other:
        validation = validate_files([path], other.context())
        assert validation.ok, [issue.message for issue in validation.errors]
        other.import_batch(validation.batch, user="test")
        # version 2 of A1: 10 + 10 + 10 + 20 + 20 + 20 = 90 contacts, 1 400 €
        assert other.scalar("SELECT sum(value) FROM targets WHERE action_id = 'A1'") == 90
        assert other.scalar("SELECT budget FROM actions WHERE action_id = 'A1'") == 1400


def test_the_summary_is_one_page_even_with_many_decisions():
    rows = pd.DataFrame({"ID": [f"A{i}" for i in range(80)], "Décision": "Réduire"})
    pdf = summary_pdf("Revue trimestrielle — T2 2026", "Résultats à fin juin 2026", [("Décisions", rows)], ["Hypothèse"])
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
